// mime-types ships no types; n8n-core uses it for binary metadata, and it is always installed
// here because axios depends on form-data, which depends on it.
declare module 'mime-types' {
	export function lookup(filenameOrExtension: string): string | false;
	export function extension(mimeType: string): string | false;
}
