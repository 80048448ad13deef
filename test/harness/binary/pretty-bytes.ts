const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** The `fileSize` text n8n stores on binaries: pretty-bytes 5 with its default options. */
export function prettyBytes(bytes: number): string {
	if (bytes < 1) return `${bytes} B`;

	const exponent = Math.min(Math.floor(Math.log10(bytes) / 3), UNITS.length - 1);
	const value = Number((bytes / 1000 ** exponent).toPrecision(3));
	return `${value} ${UNITS[exponent]}`;
}
