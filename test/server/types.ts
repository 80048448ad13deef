import type { IncomingHttpHeaders } from 'node:http';

export type ListenerName = 'api' | 'content';

export interface StandInOptions {
	token?: string;
	host?: string;
	port?: number;
	storageDir?: string;
}

export interface Variants {
	pageContextShape: 'offsetLimitTotal' | 'countTotalCount' | 'nextOffsetLimitTotal';
	fileCursorEnd: 'null' | 'absent' | 'repeat' | 'repeatOnLast';
	deleteStyle: '200' | '204';
	downloadRedirect: 'none' | 'sameHost' | 'otherHost';
	queryShape: 'reference' | 'newer';
	splitUpload: 'enabled' | '404' | '405';
	overwrite: 'allow' | 'conflict';
	maxUploadBytes: number;
	/** A proxy's limit on one request's body, as nginx's client_max_body_size. */
	maxRequestBytes: number;
	corruptHash: boolean;
	/** Whether a download is gzipped: never, when the client accepts gzip, or always. */
	gzipDownloads: 'off' | 'whenAsked' | 'always';
	/** Whether an upload's answer carries the file's hash; the reference's answer does not. */
	uploadReplyHash: boolean;
}

export interface RecordedRequest {
	listener: ListenerName;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	bodyBytes: number;
	/** When the request arrived, as Date.now(). */
	at: number;
}

export type FaultKind =
	| 'status'
	| 'drop'
	| 'dropMidBody'
	| 'delay'
	| 'truncate'
	| 'shortChunked'
	| 'loseAnswer'
	| 'wrongHash';

export interface FaultRule {
	method?: string;
	/** A string matches as a substring of the pathname. */
	path?: RegExp | string;
	listener?: ListenerName;
	every?: number;
	skip?: number;
	times?: number;
	kind: FaultKind;
	status?: number;
	body?: string;
	contentType?: string;
	headers?: Record<string, string>;
	delayMs?: number;
}

export interface ConnectorContext {
	connector: string;
	relativePath?: string | null;
}

export type FileType = 'TEXT' | 'DOCUMENT' | 'IMAGE' | 'OTHER' | 'DIRECTORY';

export type FileSource =
	| { kind: 'disk'; diskPath: string }
	| { kind: 'virtual' }
	| { kind: 'directory' };

export interface FileRecord {
	id: string;
	fileSetId: string;
	path: string;
	name: string;
	fileType: FileType;
	contentType: string | null;
	size: number | null;
	hash: string | null;
	created: string;
	createdBy: number;
	indexStatus: string;
	source: FileSource;
}

export interface FileSetRecord {
	id: string;
	name: string;
	description: string;
	aiEnabled: boolean;
	indexStatus: string | null;
	batchType: string;
	connector: string;
	created: string;
	createdBy: number;
	updated: string;
	updatedBy: number;
	owner: string;
	accountId: number | null;
	connectorContext: ConnectorContext | null;
	permission: string;
	/** Keyed by file id, in insertion order; directories included. */
	files: Map<string, FileRecord>;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
