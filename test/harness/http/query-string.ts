export type ArrayFormat = 'indices' | 'brackets' | 'repeat' | 'comma';

// qs percent-encodes every character outside RFC 3986's unreserved set, which is
// encodeURIComponent plus the five characters it leaves alone.
function encode(text: string): string {
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

function scalar(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	return String(value);
}

function arrayKey(prefix: string, index: number, format: ArrayFormat): string {
	if (format === 'indices') return `${prefix}[${index}]`;
	if (format === 'brackets') return `${prefix}[]`;
	return prefix;
}

function pairs(prefix: string, value: unknown, format: ArrayFormat): string[] {
	if (value === undefined) return [];
	if (value === null) return [`${encode(prefix)}=`];
	if (typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) {
		return [`${encode(prefix)}=${encode(scalar(value))}`];
	}

	if (Array.isArray(value)) {
		if (format === 'comma') {
			return value.length > 0 ? [`${encode(prefix)}=${encode(value.map(scalar).join(','))}`] : [];
		}
		return value.flatMap((entry, index) => pairs(arrayKey(prefix, index, format), entry, format));
	}

	return Object.entries(value).flatMap(([key, entry]) => pairs(`${prefix}[${key}]`, entry, format));
}

/** Serialises query parameters as n8n does with `qs.stringify` and the given array format. */
export function stringifyQuery(params: Record<string, unknown>, format: ArrayFormat): string {
	return Object.entries(params)
		.flatMap(([key, value]) => pairs(key, value, format))
		.join('&');
}
