/** Reads `a.b[0].c` the way lodash's `get` does, returning the fallback for undefined. */
export function getByPath(source: unknown, path: string, fallback?: unknown): unknown {
	const keys = path
		.replace(/\[(?:'([^']*)'|"([^"]*)"|([^\]]*))\]/g, (_match, single, double, bare) => {
			const key = (single ?? double ?? bare) as string;
			return `.${key}`;
		})
		.split('.')
		.filter((key) => key !== '');

	let current: unknown = source;
	for (const key of keys) {
		if (current === null || current === undefined) return fallback;
		current = (current as Record<string, unknown>)[key];
	}

	return current === undefined ? fallback : current;
}
