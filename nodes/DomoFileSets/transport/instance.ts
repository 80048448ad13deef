export const API_PREFIX = '/api/files/v1';

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}\.?$/i;

export class InstanceError extends Error {}

/**
 * Turns what people type as their Domo instance into an origin such as
 * `https://acme.domo.com`. A full http(s) origin is kept as it is, for proxies, custom
 * domains and local stand-ins; paths, credentials in the URL and spaces are refused.
 */
export function instanceOrigin(raw: unknown): string {
	// People also paste the API's own base URL, as Domo's documentation prints it.
	const value =
		typeof raw === 'string'
			? raw
					.trim()
					.replace(/\/+$/, '')
					.replace(/\/api\/files\/v1$/i, '')
			: '';
	if (value === '') {
		throw new InstanceError('The Domo instance is empty. Enter it as "acme" or "acme.domo.com".');
	}

	if (/^https?:\/\//i.test(value)) return originFromUrl(value);

	if (/[\s/@:?#]/.test(value)) throw invalid(value);
	if (NAME.test(value)) return `https://${value.toLowerCase()}.domo.com`;
	if (HOST.test(value)) return `https://${value.toLowerCase().replace(/\.$/, '')}`;
	throw invalid(value);
}

function originFromUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalid(value);
	}

	if (url.username || url.password) {
		throw new InstanceError(
			'The Domo instance URL must not contain a user name or password. ' +
				'Put the developer token in the "Developer Token" field instead.',
		);
	}
	if (/\s/.test(value) || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
		throw new InstanceError(
			`The Domo instance URL "${value}" has a path or query. Use only the scheme and host, ` +
				'for example "https://acme.domo.com".',
		);
	}
	return url.origin;
}

function invalid(value: string): InstanceError {
	return new InstanceError(
		`"${value}" is not a Domo instance. Use "acme", "acme.domo.com", ` +
			'"https://acme.domo.com" or a full base URL such as "http://127.0.0.1:8080".',
	);
}
