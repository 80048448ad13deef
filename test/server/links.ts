import { randomBytes } from 'node:crypto';

import type { ListenerName } from './types';

const LIFETIME_MS = 5 * 60 * 1000;

interface Link {
	fileSetId: string;
	fileId: string;
	listener: ListenerName;
	signature: string;
	expires: number;
}

/** Short-lived content URLs: the signature in the query string stands in for the token. */
export class ContentLinks {
	private readonly links = new Map<string, Link>();

	issue(fileSetId: string, fileId: string, listener: ListenerName): string {
		const token = randomBytes(16).toString('hex');
		const signature = randomBytes(24).toString('base64url');
		const expires = Date.now() + LIFETIME_MS;
		this.links.set(token, { fileSetId, fileId, listener, signature, expires });
		return `/content/${token}?sig=${signature}&expires=${expires}`;
	}

	/** The link's target, or a reason it cannot be used. */
	resolve(token: string, signature: string | null, listener: ListenerName): Link | string {
		const link = this.links.get(token);
		if (link === undefined || link.listener !== listener) return 'Unknown content link';
		if (link.signature !== signature) return 'Signature does not match';
		if (Date.now() > link.expires) return 'Content link has expired';
		return link;
	}
}
