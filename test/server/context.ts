import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

import type { ContentLinks } from './links';
import type { Store } from './state';
import type { SplitUploads } from './uploads';
import type { FaultRule, ListenerName, RecordedRequest, Variants } from './types';

/** What handlers may read from the stand-in; variants are read per request, never cached. */
export interface Env {
	readonly store: Store;
	readonly variants: Variants;
	readonly baseUrl: string;
	readonly contentBaseUrl: string;
	readonly uploads: SplitUploads;
	readonly links: ContentLinks;
}

export interface Ctx {
	readonly env: Env;
	readonly req: IncomingMessage;
	readonly res: ServerResponse;
	/** The request body; read this, not req, so the recorded byte count stays right. */
	readonly body: Readable;
	readonly listener: ListenerName;
	readonly path: string;
	readonly query: URLSearchParams;
	readonly record: RecordedRequest;
	readonly fault: FaultRule | null;
	params: Record<string, string>;
}
