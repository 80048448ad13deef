/*
 * A local Domo FileSets API for tests, benchmarks and `npm run dev`: real HTTP on
 * 127.0.0.1, every endpoint of Domo's FileSets reference under /api/files/v1, the variants
 * real instances show (see Variants) and injectable faults (see FaultRule). A second
 * listener on another host name serves redirect targets, so tests can prove the developer
 * token never follows a download to another host. `cli.ts` runs it as a process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { readContent } from './content';
import type { Env } from './context';
import { dispatch, type Dispatcher } from './dispatch';
import { FaultBook } from './faults';
import { ContentLinks } from './links';
import { requireFileSet, seedFile, seedFiles, seedFileSets, seedVirtualFile } from './seed';
import { Store } from './state';
import { BlobStore } from './storage';
import type {
	FaultRule,
	FileRecord,
	FileSetRecord,
	ListenerName,
	RecordedRequest,
	StandInOptions,
	Variants,
} from './types';
import { SplitUploads } from './uploads';

export type * from './types';
export { virtualBytes, virtualSha256 } from './virtual';

export function defaultVariants(): Variants {
	return {
		pageContextShape: 'offsetLimitTotal',
		fileCursorEnd: 'null',
		deleteStyle: '200',
		downloadRedirect: 'none',
		queryShape: 'reference',
		splitUpload: 'enabled',
		overwrite: 'allow',
		maxUploadBytes: Infinity,
		maxRequestBytes: Infinity,
		corruptHash: false,
		gzipDownloads: 'off',
		uploadReplyHash: true,
	};
}

function urlFor(host: string, port: number): string {
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export class DomoStandIn {
	variants: Variants = defaultVariants();
	readonly requests: RecordedRequest[] = [];
	readonly fileSets: Map<string, FileSetRecord>;

	private readonly options: Required<Omit<StandInOptions, 'storageDir'>>;
	private readonly store: Store;
	private readonly faults = new FaultBook();
	private readonly dispatcher: Dispatcher;
	private readonly servers: Server[] = [];
	private readonly sockets = new Set<Socket>();
	private urls: { base: string; content: string } | null = null;

	constructor(options: StandInOptions = {}) {
		this.options = {
			token: options.token ?? 'test-token',
			host: options.host ?? '127.0.0.1',
			port: options.port ?? 0,
		};
		const blobs = new BlobStore(options.storageDir);
		this.store = new Store(blobs);
		this.fileSets = this.store.fileSets;

		const variants = (): Variants => this.variants;
		const urls = (): { base: string; content: string } => this.started();
		const env: Env = {
			store: this.store,
			uploads: new SplitUploads(blobs),
			links: new ContentLinks(),
			get variants() {
				return variants();
			},
			get baseUrl() {
				return urls().base;
			},
			get contentBaseUrl() {
				return urls().content;
			},
		};
		this.dispatcher = {
			env,
			faults: this.faults,
			token: this.options.token,
			requests: this.requests,
		};
	}

	get baseUrl(): string {
		return this.started().base;
	}

	get contentBaseUrl(): string {
		return this.started().content;
	}

	get faultsFired(): number {
		return this.faults.fired;
	}

	async start(): Promise<string> {
		const { host, port } = this.options;
		const apiPort = await this.listen('api', host, port);

		// Redirect targets need a host name other than the API's, on a port of their own.
		const contentHost = host === 'localhost' ? '127.0.0.1' : 'localhost';
		const contentPort = await this.listen('content', '127.0.0.1', 0);
		if (contentHost === 'localhost') {
			// localhost may resolve to ::1 first; without IPv6 this listener is simply absent.
			await this.listen('content', '::1', contentPort).catch(() => undefined);
		}

		this.urls = { base: urlFor(host, apiPort), content: urlFor(contentHost, contentPort) };
		return this.urls.base;
	}

	async stop(): Promise<void> {
		const closing = this.servers.map(
			(server) => new Promise<void>((resolve) => server.close(() => resolve())),
		);
		for (const socket of this.sockets) socket.destroy();
		await Promise.all(closing);
		this.servers.length = 0;
		this.store.blobs.destroy();
	}

	resetRequests(): void {
		this.requests.length = 0;
	}

	addFault(rule: FaultRule): void {
		this.faults.add(rule);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	addFileSet(fields: Partial<FileSetRecord> = {}): FileSetRecord {
		return this.store.createFileSet(fields);
	}

	addFileSets(count: number, namePrefix?: string): FileSetRecord[] {
		return seedFileSets(this.store, count, namePrefix);
	}

	addFile(
		fileSetId: string,
		path: string,
		content: Buffer | string,
		contentType?: string,
	): FileRecord {
		return seedFile(this.store, fileSetId, path, content, contentType);
	}

	addVirtualFile(fileSetId: string, path: string, size: number): FileRecord {
		return seedVirtualFile(this.store, fileSetId, path, size);
	}

	addDirectory(fileSetId: string, path: string): FileRecord {
		return this.store.ensureDirectory(requireFileSet(this.store, fileSetId), path).record;
	}

	addFiles(fileSetId: string, count: number, dir?: string): FileRecord[] {
		return seedFiles(this.store, fileSetId, count, dir);
	}

	getFile(fileSetId: string, fileId: string): FileRecord | undefined {
		return this.fileSets.get(fileSetId)?.files.get(fileId);
	}

	async readFileContent(fileSetId: string, fileId: string): Promise<Buffer> {
		const file = this.getFile(fileSetId, fileId);
		if (file === undefined) throw new Error(`File ${fileId} not found in FileSet ${fileSetId}`);
		return readContent(file);
	}

	private started(): { base: string; content: string } {
		if (this.urls === null) throw new Error('Call start() on the Domo stand-in first');
		return this.urls;
	}

	private listen(listener: ListenerName, host: string, port: number): Promise<number> {
		const server = createServer({ requestTimeout: 0 }, (req, res) =>
			dispatch(this.dispatcher, listener, req, res),
		);
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => {
				server.off('error', reject);
				this.servers.push(server);
				resolve((server.address() as AddressInfo).port);
			});
		});
	}
}
