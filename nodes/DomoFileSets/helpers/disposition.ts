/** The file name from a Content-Disposition header, preferring the RFC 5987 `filename*`. */
export function dispositionFileName(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;

	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[2].trim());
		} catch {
			// A malformed encoding falls through to the plain filename parameter.
		}
	}
	const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
	if (!plain) return undefined;
	const value = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
	return value === '' ? undefined : value;
}

export function mimeTypeOf(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const type = header.split(';')[0].trim();
	return type === '' ? undefined : type;
}
