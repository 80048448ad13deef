import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { HarnessItem, RunResult } from '../harness';
import type { NodeRun } from '../node/setup';
import { byId, byPath, jsonOf, run, TOKEN, useStandIn } from '../node/setup';
import type { FaultRule, FileSetRecord, RecordedRequest } from '../server';
import { defaultVariants } from '../server';
import {
	captureHarnessLogs,
	failureOf,
	isNodeError,
	mentions,
	MIB,
	randomFile,
	sha256,
	userText,
} from './support';

const NOW = { 'retry-after': '0' };

interface Tally {
	tried: number;
	survived: number;
	lost: number;
	corrupt: number;
	leaks: number;
}

describe('fault suite', () => {
	const { server, baseUrl } = useStandIn();
	const allLogs = captureHarnessLogs();
	const tally: Tally = { tried: 0, survived: 0, lost: 0, corrupt: 0, leaks: 0 };
	let fileSet: FileSetRecord;

	beforeAll(() => {
		fileSet = server.addFileSet({ name: 'Faults' });
	});

	beforeEach(() => {
		server.clearFaults();
		server.resetRequests();
		server.variants = defaultVariants();
	});

	afterAll(() => {
		process.stdout.write(
			`fault suite: ${tally.tried} faults tried, ${tally.survived} survived, ` +
				`${tally.lost} items lost, ${tally.corrupt} corrupt files, ${tally.leaks} token leaks\n`,
		);
		expect(tally.lost).toBe(0);
		expect(tally.corrupt).toBe(0);
		expect(tally.leaks).toBe(0);
	});

	/** One fault scenario: it survived when every expectation in it held. */
	function scenario(name: string, body: () => Promise<void>): void {
		it(name, async () => {
			tally.tried++;
			const logsBefore = allLogs().length;
			await body();
			noLeak(allLogs().slice(logsBefore));
			tally.survived++;
		});
	}

	function noLeak(value: unknown): void {
		const leaked = mentions(value, TOKEN);
		if (leaked) tally.leaks++;
		expect(leaked).toBe(false);
	}

	function fault(rule: FaultRule): () => number {
		const before = server.faultsFired;
		server.addFault(rule);
		return () => server.faultsFired - before;
	}

	async function succeeds(options: NodeRun, expectedItems: number): Promise<RunResult> {
		const result = await run(baseUrl(), options);
		const output = result.items[0] ?? [];
		tally.lost += Math.max(0, expectedItems - output.length);
		expect(output).toHaveLength(expectedItems);
		for (const item of output) expect(item.json.error).toBeUndefined();
		noLeak(output);
		return result;
	}

	async function failsCleanly(options: NodeRun): Promise<NodeApiError | NodeOperationError> {
		const error = await failureOf(run(baseUrl(), options));
		noLeak(error);
		if (!isNodeError(error)) throw error;
		return error;
	}

	function expectSameBytes(actual: Buffer, source: Buffer): void {
		if (!actual.equals(source)) tally.corrupt++;
		expect(actual.length).toBe(source.length);
		expect(sha256(actual)).toBe(sha256(source));
	}

	function uploadItem(bytes: Buffer, fileName: string): HarnessItem {
		return { json: {}, binary: { data: { data: bytes, fileName, mimeType: 'text/plain' } } };
	}

	async function storedAt(path: string): Promise<Buffer> {
		const record = [...fileSet.files.values()].find((file) => file.path === path);
		if (!record) throw new Error(`Nothing was stored at ${path}`);
		return await server.readFileContent(fileSet.id, record.id);
	}

	function requestsTo(method: string, pattern: RegExp): number {
		return requestsMatching(method, pattern).length;
	}

	function requestsMatching(method: string, pattern: RegExp): RecordedRequest[] {
		return server.requests.filter((r) => r.method === method && pattern.test(r.path));
	}

	/** Milliseconds from the first request to the second, as the stand-in saw them arrive. */
	function gapMs(requests: RecordedRequest[]): number {
		expect(requests.length).toBeGreaterThanOrEqual(2);
		return requests[1].at - requests[0].at;
	}

	function download(fileId: string, options: INodeParameters = {}): INodeParameters {
		return {
			resource: 'file',
			operation: 'download',
			fileSetId: byId(fileSet.id),
			file: byId(fileId),
			options,
		};
	}

	/** One Get item per file, run with the given Concurrency. */
	function concurrentGets(files: Array<{ id: string }>, concurrency: number): NodeRun {
		return {
			parameters: files.map((file) => ({
				resource: 'file',
				operation: 'get',
				fileSetId: byId(fileSet.id),
				file: byId(file.id),
				options: { concurrency },
			})),
			items: files.map((file) => ({ json: { id: file.id } })),
		};
	}

	async function expectNoBinaryOutput(parameters: INodeParameters): Promise<void> {
		const result = await run(baseUrl(), { parameters, continueOnFail: true });
		const [item] = result.items[0];
		expect(result.items[0]).toHaveLength(1);
		expect(item.binary).toBeUndefined();
		expect(typeof item.json.error).toBe('string');
		noLeak(item);
	}

	describe('rate limits (429)', () => {
		scenario('waits the Retry-After seconds, then returns the FileSet', async () => {
			const fired = fault({
				method: 'GET',
				path: `/filesets/${fileSet.id}`,
				kind: 'status',
				status: 429,
				headers: { 'retry-after': '1' },
				times: 1,
			});
			const result = await succeeds(
				{ parameters: { resource: 'fileSet', operation: 'get', fileSetId: byId(fileSet.id) } },
				1,
			);
			expect(jsonOf(result)[0]).toMatchObject({ id: fileSet.id, name: 'Faults' });
			expect(fired()).toBe(1);
			const gets = requestsMatching('GET', new RegExp(`/filesets/${fileSet.id}$`));
			expect(gapMs(gets)).toBeGreaterThanOrEqual(900);
		});

		scenario('honours a Retry-After given as an HTTP date', async () => {
			const file = server.addFile(fileSet.id, 'dated/notes.txt', 'dated');
			// An HTTP date names a whole second, so pick one 1.1 to 2.1 s from now.
			const until = Math.ceil((Date.now() + 1100) / 1000) * 1000;
			const fired = fault({
				method: 'GET',
				path: '/path',
				kind: 'status',
				status: 429,
				headers: { 'retry-after': new Date(until).toUTCString() },
				times: 2,
			});
			const result = await succeeds(
				{
					parameters: {
						resource: 'file',
						operation: 'get',
						fileSetId: byId(fileSet.id),
						file: byPath('dated/notes.txt'),
					},
				},
				1,
			);
			expect(jsonOf(result)[0]).toMatchObject({ id: file.id, path: 'dated/notes.txt' });
			expect(fired()).toBe(2);
			const lookups = requestsMatching('GET', /\/path$/);
			expect(gapMs(lookups)).toBeGreaterThanOrEqual(1000);
			expect(lookups[1].at).toBeGreaterThanOrEqual(until - 20);
		});

		scenario('pauses every worker while one of them waits out a 429', async () => {
			const files = server.addFiles(fileSet.id, 8, 'paused');
			const limited = new RegExp(`/files/${files[0].id}$`);
			fault({
				method: 'GET',
				path: limited,
				kind: 'status',
				status: 429,
				headers: { 'retry-after': '1' },
				times: 1,
			});
			// The other first requests are answered after the 429 has reached the node, so only
			// a pause shared by all workers can hold back the requests their workers send next.
			fault({ method: 'GET', path: '/files/', kind: 'delay', delayMs: 300, times: 3 });
			const result = await succeeds(concurrentGets(files, 4), 8);

			expect(result.items[0].map((item) => [item.json.id, item.pairedItem])).toEqual(
				files.map((file, index) => [file.id, { item: index }]),
			);
			const [rateLimited] = requestsMatching('GET', limited);
			const afterFirstWave = server.requests.slice(4);
			expect(server.requests.slice(0, 4)).toContain(rateLimited);
			expect(afterFirstWave).toHaveLength(5);
			const early = afterFirstWave.filter((request) => request.at - rateLimited.at < 900);
			expect(early.map((request) => request.path)).toEqual([]);
		});

		scenario('gets every item when every second request is rate-limited', async () => {
			const files = server.addFiles(fileSet.id, 6, 'every');
			const fired = fault({ path: '/files/', every: 2, kind: 'status', status: 429, headers: NOW });
			const result = await succeeds(concurrentGets(files, 3), 6);
			expect(jsonOf(result).map((json) => (json as IDataObject).id)).toEqual(
				files.map((file) => file.id),
			);
			expect(fired()).toBe(6);
		});

		scenario('returns all 250 files once each when pages are rate-limited', async () => {
			const paged = server.addFileSet({ name: 'Paged files' });
			const files = server.addFiles(paged.id, 250);
			const fired = fault({
				path: '/files/search',
				skip: 1,
				every: 2,
				kind: 'status',
				status: 429,
				headers: NOW,
			});
			const result = await succeeds(
				{
					parameters: {
						resource: 'file',
						operation: 'getAll',
						fileSetId: byId(paged.id),
						returnAll: true,
					},
				},
				250,
			);
			const ids = jsonOf(result).map((json) => (json as IDataObject).id);
			expect(new Set(ids).size).toBe(250);
			expect([...ids].sort()).toEqual(files.map((file) => file.id).sort());
			expect(fired()).toBe(2);
		});

		scenario('returns every FileSet once when a middle page is rate-limited', async () => {
			server.addFileSets(250, 'Paged');
			const expected = [...server.fileSets.keys()];
			const fired = fault({
				path: '/filesets/search',
				skip: 1,
				times: 1,
				kind: 'status',
				status: 429,
				headers: NOW,
			});
			const result = await succeeds(
				{ parameters: { resource: 'fileSet', operation: 'getAll', returnAll: true } },
				expected.length,
			);
			const ids = jsonOf(result).map((json) => (json as IDataObject).id);
			expect(new Set(ids).size).toBe(ids.length);
			expect([...ids].sort()).toEqual([...expected].sort());
			expect(fired()).toBe(1);
		});

		scenario('stores a 20 MiB split upload exactly when a part is rate-limited', async () => {
			const source = randomFile(20 * MIB);
			const fired = fault({
				path: /\/multipart\/[^/]+\/part\/2$/,
				times: 1,
				kind: 'status',
				status: 429,
				headers: NOW,
			});
			const result = await succeeds(
				{
					parameters: {
						resource: 'file',
						operation: 'upload',
						fileSetId: byId(fileSet.id),
						directoryPath: 'split',
						options: { partSize: 8, uploadMode: 'split' },
					},
					items: [uploadItem(source, 'twenty.bin')],
				},
				1,
			);
			expect(jsonOf(result)[0]).toMatchObject({ path: 'split/twenty.bin', size: 20 * MIB });
			expect((jsonOf(result)[0] as IDataObject).hash).toBe(sha256(source));
			expectSameBytes(await storedAt('split/twenty.bin'), source);
			expect(requestsTo('POST', /\/part\/\d+$/)).toBe(4);
			expect(requestsTo('POST', /\/finalize$/)).toBe(1);
			expect(fired()).toBe(1);
		});

		scenario('fails at once, naming the wait, when Retry-After exceeds the maximum', async () => {
			const fired = fault({
				path: `/filesets/${fileSet.id}`,
				kind: 'status',
				status: 429,
				headers: { 'retry-after': '600' },
			});
			const error = await failsCleanly({
				parameters: {
					resource: 'fileSet',
					operation: 'get',
					fileSetId: byId(fileSet.id),
					options: { maxRetryWait: 120 },
				},
			});
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toContain('600 s');
			expect(error.message).toContain('120 s');
			expect(error.message).toMatch(/Max Retry Wait/);
			expect(fired()).toBe(1);
		});
	});

	describe('server errors (503)', () => {
		const burst: FaultRule = { kind: 'status', status: 503, headers: NOW, times: 3 };

		scenario('gets a file through a burst of three 503s', async () => {
			const file = server.addFile(fileSet.id, 'burst/get.txt', 'get me');
			const fired = fault({ ...burst, method: 'GET', path: `/files/${file.id}` });
			const result = await succeeds(
				{
					parameters: {
						resource: 'file',
						operation: 'get',
						fileSetId: byId(fileSet.id),
						file: byId(file.id),
					},
				},
				1,
			);
			expect(jsonOf(result)[0]).toMatchObject({ id: file.id, size: 6 });
			expect(fired()).toBe(3);
		});

		scenario('downloads exact bytes through a burst of three 503s', async () => {
			const source = randomFile(MIB + 17);
			const file = server.addFile(fileSet.id, 'burst/download.bin', source);
			const fired = fault({ ...burst, path: '/download' });
			const result = await succeeds({ parameters: download(file.id) }, 1);
			expectSameBytes(await result.binaryBytes(result.items[0][0]), source);
			expect(fired()).toBe(3);
		});

		scenario('uploads exact bytes through a burst of three 503s', async () => {
			const source = randomFile(300 * 1024);
			const fired = fault({ ...burst, method: 'POST', path: /\/files$/ });
			await succeeds(
				{
					parameters: {
						resource: 'file',
						operation: 'upload',
						fileSetId: byId(fileSet.id),
						directoryPath: 'burst',
					},
					items: [uploadItem(source, 'upload.bin')],
				},
				1,
			);
			expectSameBytes(await storedAt('burst/upload.bin'), source);
			expect(fired()).toBe(3);
		});
	});

	describe('dropped connections', () => {
		scenario('gets a file after the connection drops before the answer', async () => {
			const file = server.addFile(fileSet.id, 'drop/get.txt', 'dropped once');
			const fired = fault({ method: 'GET', path: `/files/${file.id}`, kind: 'drop', times: 1 });
			const result = await succeeds(
				{
					parameters: {
						resource: 'file',
						operation: 'get',
						fileSetId: byId(fileSet.id),
						file: byId(file.id),
					},
				},
				1,
			);
			expect(jsonOf(result)[0]).toMatchObject({ id: file.id });
			expect(fired()).toBe(1);
		});

		scenario('uploads once, exactly, after the connection drops', async () => {
			const source = randomFile(512 * 1024);
			const fired = fault({ method: 'POST', path: /\/files$/, kind: 'drop', times: 1 });
			await succeeds(
				{
					parameters: {
						resource: 'file',
						operation: 'upload',
						fileSetId: byId(fileSet.id),
						directoryPath: 'drop',
					},
					items: [uploadItem(source, 'upload.bin')],
				},
				1,
			);
			expectSameBytes(await storedAt('drop/upload.bin'), source);
			const copies = [...fileSet.files.values()].filter((f) => f.path === 'drop/upload.bin');
			expect(copies).toHaveLength(1);
			expect(fired()).toBe(1);
		});

		scenario('downloads exact bytes after the connection drops mid-body', async () => {
			const source = randomFile(2 * MIB);
			const file = server.addFile(fileSet.id, 'drop/mid.bin', source);
			const fired = fault({ path: '/download', kind: 'dropMidBody', times: 1 });
			const result = await succeeds({ parameters: download(file.id) }, 1);
			expectSameBytes(await result.binaryBytes(result.items[0][0]), source);
			expect(fired()).toBe(1);
		});

		scenario('downloads exact bytes after a truncated body', async () => {
			const source = randomFile(2 * MIB + 3);
			const file = server.addFile(fileSet.id, 'drop/truncated.bin', source);
			const fired = fault({ path: '/download', kind: 'truncate', times: 1 });
			const result = await succeeds({ parameters: download(file.id) }, 1);
			expectSameBytes(await result.binaryBytes(result.items[0][0]), source);
			expect(fired()).toBe(1);
		});

		scenario('fails with no file output when every body is cut mid-way', async () => {
			const file = server.addFile(fileSet.id, 'drop/always.bin', randomFile(MIB));
			fault({ path: '/download', kind: 'dropMidBody' });
			const parameters = download(file.id, { maxRetries: 1 });
			const error = await failsCleanly({ parameters });
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(userText(error)).toMatch(/download of the file with ID .* failed/);
			expect(userText(error)).toMatch(/after 2 attempts/);
			await expectNoBinaryOutput(parameters);
		});

		scenario('fails with no file output when every body is truncated', async () => {
			const file = server.addFile(fileSet.id, 'drop/short.bin', randomFile(MIB));
			fault({ path: '/download', kind: 'truncate' });
			const parameters = download(file.id, { maxRetries: 2 });
			const error = await failsCleanly({ parameters });
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(userText(error)).toMatch(/after 3 attempts/);
			expect(userText(error)).toMatch(/Nothing was output/);
			await expectNoBinaryOutput(parameters);
		});
		scenario('reports a refused connection as Domo being unreachable', async () => {
			const error = await failsCleanly({
				parameters: {
					resource: 'fileSet',
					operation: 'get',
					fileSetId: byId(fileSet.id),
					options: { maxRetries: 1 },
				},
				instance: 'http://127.0.0.1:1',
			});
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toMatch(
				/Could not reach Domo at 127\.0\.0\.1:1: the connection was refused/,
			);
			expect(error.message).toMatch(/after 2 attempts/);
		});
	});

	describe('integrity', () => {
		scenario('refuses to output a download whose hash differs from Domo metadata', async () => {
			const file = server.addFile(fileSet.id, 'hash/spoiled.bin', randomFile(64 * 1024));
			fault({ method: 'GET', path: new RegExp(`/files/${file.id}$`), kind: 'wrongHash' });
			const parameters = download(file.id, { verifyHash: true });
			const error = await failsCleanly({ parameters });
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(/does not match Domo's hash/);
			await expectNoBinaryOutput(parameters);
		});
	});

	describe('slow answers', () => {
		scenario('reports a clear timeout when Domo answers too slowly', async () => {
			const fired = fault({ path: `/filesets/${fileSet.id}`, kind: 'delay', delayMs: 3000 });
			const error = await failsCleanly({
				parameters: {
					resource: 'fileSet',
					operation: 'get',
					fileSetId: byId(fileSet.id),
					options: { timeout: 1, maxRetries: 0 },
				},
			});
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toMatch(/timed out/);
			expect(error.description).toMatch(/Timeout option/);
			expect(fired()).toBe(1);
		});

		scenario('succeeds on retry once the slow answer has passed', async () => {
			const fired = fault({
				path: `/filesets/${fileSet.id}`,
				kind: 'delay',
				delayMs: 3000,
				times: 1,
			});
			const result = await succeeds(
				{
					parameters: {
						resource: 'fileSet',
						operation: 'get',
						fileSetId: byId(fileSet.id),
						options: { timeout: 1, maxRetries: 2 },
					},
				},
				1,
			);
			expect(jsonOf(result)[0]).toMatchObject({ id: fileSet.id });
			expect(fired()).toBe(1);
		});
	});

	describe('FileSet create', () => {
		function created(name: string): FileSetRecord[] {
			return [...server.fileSets.values()].filter((record) => record.name === name);
		}

		scenario('is not retried after a 500, so no FileSet can be created twice', async () => {
			const fired = fault({ method: 'POST', path: /\/filesets$/, kind: 'status', status: 500 });
			const error = await failsCleanly({
				parameters: { resource: 'fileSet', operation: 'create', name: 'Once only' },
			});
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).httpCode).toBe('500');
			expect(requestsTo('POST', /\/filesets$/)).toBe(1);
			expect(fired()).toBe(1);
			expect(created('Once only')).toHaveLength(0);
		});

		scenario('is retried after a 429 and creates exactly one FileSet', async () => {
			const fired = fault({
				method: 'POST',
				path: /\/filesets$/,
				kind: 'status',
				status: 429,
				headers: NOW,
				times: 1,
			});
			const result = await succeeds(
				{ parameters: { resource: 'fileSet', operation: 'create', name: 'After 429' } },
				1,
			);
			expect(requestsTo('POST', /\/filesets$/)).toBe(2);
			expect(created('After 429')).toHaveLength(1);
			expect(jsonOf(result)[0]).toMatchObject({ id: created('After 429')[0].id });
			expect(fired()).toBe(1);
		});
	});
});
