import type { ICredentialsDecrypted, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { API_PREFIX, instanceOrigin } from './instance';
import { Throttle } from './retry';

export type DomoContext = IExecuteFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'domoApi';

export interface Session {
	/** `https://acme.domo.com`: the only origin that ever receives the developer token. */
	origin: string;
	apiBase: string;
	throttle: Throttle;
	/** Kept only to strip it from error text that a proxy might echo; never sent by hand. */
	secret: string;
	/**
	 * The credential as read once for this run. Handing it to every request spares n8n a
	 * database read and a decryption per call; the credential's authenticate still applies it.
	 */
	credential: ICredentialsDecrypted;
}

// One session per node run: the credential is read once and every worker shares one throttle.
const sessions = new WeakMap<object, Promise<Session>>();

export async function getSession(this: DomoContext): Promise<Session> {
	let session = sessions.get(this);
	if (!session) {
		session = openSession.call(this);
		sessions.set(this, session);
	}
	return await session;
}

async function openSession(this: DomoContext): Promise<Session> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	let origin: string;
	try {
		origin = instanceOrigin(credentials.instance);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			description: 'Fix the "Instance" field of the Domo API credential.',
		});
	}
	const secret = typeof credentials.developerToken === 'string' ? credentials.developerToken : '';
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	const credential: ICredentialsDecrypted = {
		id: reference?.id ?? '',
		name: reference?.name ?? '',
		type: CREDENTIAL_TYPE,
		data: credentials,
	};
	return { origin, apiBase: origin + API_PREFIX, throttle: new Throttle(), secret, credential };
}

/**
 * Builds `/a/b/c` from raw segments, encoding each one. An empty or dot segment would make
 * the URL name a different resource (`files/..` is the FileSet), so it is refused.
 */
export function apiPath(...segments: string[]): string {
	const unsafe = segments.find((segment) => segment === '' || /^\.+$/.test(segment));
	if (unsafe !== undefined) throw new Error(`"${unsafe}" cannot be used as an ID in a Domo URL.`);
	return segments.map((segment) => `/${encodeURIComponent(segment)}`).join('');
}

export type QueryValue = string | number | boolean | undefined | null;

/** `?a=1&b=x` with every value encoded; absent values are left out. */
export function queryString(query: Record<string, QueryValue> = {}): string {
	const pairs = Object.entries(query)
		.filter((entry): entry is [string, string | number | boolean] => entry[1] != null)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
	return pairs.length ? `?${pairs.join('&')}` : '';
}
