import type {
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeParameters,
} from 'n8n-workflow';

import type { RunResult } from '../harness';
import type { NodeRun } from '../node/setup';
import { byId, byPath, run, TOKEN, useStandIn } from '../node/setup';
import type { FileRecord, FileSetRecord, RecordedRequest } from '../server';
import { defaultVariants } from '../server';
import {
	captureHarnessLogs,
	failureOf,
	httpInternalKeys,
	isNodeError,
	mentions,
	MIB,
	randomFile,
	safeStringify,
} from './support';

const WRONG_TOKEN = 'tok-7d2e90-wrong-but-still-secret';
const SECRETS = [TOKEN, WRONG_TOKEN];
const TOKEN_HEADER = 'x-domo-developer-token';

describe('secrets', () => {
	const { server, baseUrl } = useStandIn();
	const allLogs = captureHarnessLogs();
	const scanned = { errors: 0, items: 0, leaks: 0 };
	let fileSet: FileSetRecord;
	let text: FileRecord;
	let image: FileRecord;

	beforeAll(() => {
		fileSet = server.addFileSet({ name: 'Secrets' });
		text = server.addFile(fileSet.id, 'docs/plan.txt', 'the quarterly sales plan');
		image = server.addFile(fileSet.id, 'docs/chart.png', randomFile(4096));
	});

	beforeEach(() => {
		server.clearFaults();
		server.variants = defaultVariants();
	});

	afterAll(() => {
		const logs = allLogs();
		const logLeaks = logs.filter(leaks).length;
		scanned.leaks += logLeaks;
		process.stdout.write(
			`secrets: scanned ${scanned.errors} errors, ${scanned.items} items, ` +
				`${logs.length} log lines, ${scanned.leaks} token leaks\n`,
		);
		expect(logLeaks).toBe(0);
	});

	function leaks(value: unknown): boolean {
		return SECRETS.some((secret) => mentions(value, secret));
	}

	function expectCleanItems(items: INodeExecutionData[]): void {
		for (const item of items) {
			scanned.items++;
			const leaked = leaks({ json: item.json, binary: item.binary ?? {} });
			if (leaked) scanned.leaks++;
			expect(leaked).toBe(false);
		}
	}

	/** Message, description, stack, JSON form and every object reachable from the error. */
	function expectCleanError(error: Error): void {
		scanned.errors++;
		const description = isNodeError(error) ? error.description : undefined;
		const leaked = {
			message: leaks(error.message),
			description: leaks(description ?? ''),
			stack: leaks(error.stack ?? ''),
			json: leaks(safeStringify(error)),
			reachable: leaks(error),
		};
		if (Object.values(leaked).some(Boolean)) scanned.leaks++;
		expect(isNodeError(error)).toBe(true);
		expect(leaked).toEqual({
			message: false,
			description: false,
			stack: false,
			json: false,
			reachable: false,
		});
		expect(httpInternalKeys(error)).toEqual([]);
	}

	async function succeeds(options: NodeRun): Promise<RunResult> {
		const result = await run(baseUrl(), options);
		expectCleanItems(result.items.flat());
		return result;
	}

	async function fails(options: NodeRun): Promise<Error> {
		const error = await failureOf(run(baseUrl(), options));
		expectCleanError(error);
		return error;
	}

	function onFile(
		operation: string,
		file: INodeParameterResourceLocator,
		extra: INodeParameters = {},
	): INodeParameters {
		return { resource: 'file', operation, fileSetId: byId(fileSet.id), file, ...extra };
	}

	it('finds a token hidden in a cause, a Buffer, a header map or a cycle', () => {
		const cyclic: Record<string, unknown> = { name: 'outer' };
		cyclic.self = cyclic;
		const hidden = new Error('request failed', {
			cause: { config: { headers: new Map([[TOKEN_HEADER, TOKEN]]) } },
		});
		Object.defineProperty(cyclic, 'hidden', { value: hidden, enumerable: false });

		expect(mentions(cyclic, TOKEN)).toBe(true);
		expect(mentions({ body: Buffer.from(`x${TOKEN}x`) }, TOKEN)).toBe(true);
		expect(httpInternalKeys({ config: { headers: {} } })).toEqual(['config']);
		expect(mentions(cyclic, WRONG_TOKEN)).toBe(false);
	});

	it('keeps the token out of every item of successful runs', async () => {
		const created = await succeeds({
			parameters: { resource: 'fileSet', operation: 'create', name: 'Made here' },
		});
		const madeId = String(created.items[0][0].json.id);
		await succeeds({ parameters: { resource: 'fileSet', operation: 'getAll', returnAll: true } });
		await succeeds({
			parameters: {
				resource: 'fileSet',
				operation: 'update',
				fileSetId: byId(madeId),
				updateFields: { description: 'changed' },
			},
		});
		await succeeds({
			parameters: { resource: 'fileSet', operation: 'delete', fileSetId: byId(madeId) },
		});

		const upload = { resource: 'file', operation: 'upload', fileSetId: byId(fileSet.id) };
		const binary = (size: number, fileName: string) => ({
			json: {},
			binary: { data: { data: randomFile(size), fileName } },
		});
		await succeeds({ parameters: upload, items: [binary(2048, 'small.bin')] });
		await succeeds({
			parameters: { ...upload, options: { partSize: 1, uploadMode: 'split' } },
			items: [binary(2 * MIB + 5, 'split.bin')],
		});
		await succeeds({ parameters: onFile('get', byId(text.id)) });
		await succeeds({ parameters: onFile('get', byPath('docs/plan.txt')) });
		await succeeds({
			parameters: {
				resource: 'file',
				operation: 'getAll',
				fileSetId: byId(fileSet.id),
				returnAll: true,
			},
		});
		await succeeds({
			parameters: {
				resource: 'file',
				operation: 'query',
				fileSetId: byId(fileSet.id),
				query: 'sales chart',
			},
		});
		server.variants.queryShape = 'newer';
		await succeeds({
			parameters: {
				resource: 'file',
				operation: 'query',
				fileSetId: byId(fileSet.id),
				query: 'chart',
				options: { topK: 5 },
			},
		});
		await succeeds({ parameters: onFile('delete', byPath('small.bin')) });
	});

	it('keeps the token out of downloads, direct and redirected to either host', async () => {
		for (const redirect of ['none', 'sameHost', 'otherHost'] as const) {
			server.variants.downloadRedirect = redirect;
			const result = await succeeds({ parameters: onFile('download', byId(image.id)) });
			expect(result.items[0][0].binary?.data.fileName).toBe('chart.png');
		}
	});

	it('keeps the token out of errors for a rejected token (401)', async () => {
		const error = await fails({
			parameters: { resource: 'fileSet', operation: 'get', fileSetId: byId(fileSet.id) },
			token: WRONG_TOKEN,
		});
		expect(error.message).toMatch(/401/);
	});

	it('keeps the token out of errors for server errors, HTML pages and plain text', async () => {
		const noRetry = { maxRetries: 0 };
		server.addFault({ path: `/files/${text.id}`, kind: 'status', status: 500, times: 1 });
		await fails({ parameters: onFile('get', byId(text.id), { options: noRetry }) });

		server.addFault({
			path: `/filesets/${fileSet.id}`,
			kind: 'status',
			status: 502,
			body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
			times: 1,
		});
		const html = await fails({
			parameters: {
				resource: 'fileSet',
				operation: 'get',
				fileSetId: byId(fileSet.id),
				options: noRetry,
			},
		});
		expect(html.message).toMatch(/502/);

		server.addFault({ path: '/path', kind: 'status', status: 403, body: 'Forbidden', times: 1 });
		await fails({ parameters: onFile('get', byPath('docs/plan.txt')) });

		server.addFault({ path: `/filesets/${fileSet.id}`, kind: 'status', status: 200, body: 'nope' });
		await fails({
			parameters: { resource: 'fileSet', operation: 'get', fileSetId: byId(fileSet.id) },
		});
	});

	it('keeps the token out of errors whose body echoes the request headers', async () => {
		const get = { resource: 'fileSet', operation: 'get', fileSetId: byId(fileSet.id) };
		server.addFault({
			path: `/filesets/${fileSet.id}`,
			kind: 'status',
			status: 400,
			body: JSON.stringify({ message: `Bad header X-DOMO-Developer-Token: ${TOKEN}` }),
			times: 1,
		});
		await fails({ parameters: get });

		server.addFault({
			path: `/filesets/${fileSet.id}`,
			kind: 'status',
			status: 502,
			body: `<html><head><title>Proxy rejected ${TOKEN}</title></head></html>`,
			times: 1,
		});
		await fails({ parameters: { ...get, options: { maxRetries: 0 } } });
	});

	it('keeps the token out of errors from a failing redirect target on another host', async () => {
		server.variants.downloadRedirect = 'otherHost';
		server.addFault({
			listener: 'content',
			kind: 'status',
			status: 500,
			contentType: 'text/html',
			body: '<html><body><h1>Storage error</h1></body></html>',
		});
		await fails({ parameters: onFile('download', byId(image.id), { options: { maxRetries: 0 } }) });

		server.clearFaults();
		server.addFault({ listener: 'content', kind: 'dropMidBody' });
		await fails({ parameters: onFile('download', byId(image.id), { options: { maxRetries: 1 } }) });
	});

	it('keeps the token out of Continue On Fail error items', async () => {
		server.addFault({
			path: `/files/${text.id}/download`,
			kind: 'status',
			status: 503,
			headers: { 'retry-after': '0' },
		});
		const options = { maxRetries: 1 };
		const result = await succeeds({
			parameters: [
				onFile('download', byId(image.id), { options }),
				onFile('download', byId('missing-file'), { options }),
				onFile('download', byId(text.id), { options }),
				onFile('download', byPath('/absolute.txt'), { options }),
			],
			items: [{ json: {} }, { json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
		});
		const errors = result.items[0].filter((item) => item.json.error !== undefined);
		expect(result.items[0]).toHaveLength(4);
		expect(result.items[0][0].binary?.data.fileName).toBe('chart.png');
		expect(errors).toHaveLength(3);
		for (const item of errors) {
			expect(item.binary).toBeUndefined();
			expect(Object.keys(item.json).sort()).toEqual(
				['description', 'error', 'httpCode'].filter((key) => key in item.json),
			);
		}
	});

	it('keeps the token out of timeouts, refused connections and long waits', async () => {
		server.addFault({ path: `/filesets/${fileSet.id}`, kind: 'delay', delayMs: 3000, times: 1 });
		const get = { resource: 'fileSet', operation: 'get', fileSetId: byId(fileSet.id) };
		await fails({ parameters: { ...get, options: { timeout: 1, maxRetries: 0 } } });

		await fails({
			parameters: { ...get, options: { maxRetries: 0 } },
			instance: 'http://127.0.0.1:1',
		});

		server.addFault({
			path: `/filesets/${fileSet.id}`,
			kind: 'status',
			status: 429,
			headers: { 'retry-after': '3600' },
			times: 1,
		});
		await fails({ parameters: get });
	});

	it('sends the token only as the developer token header, and only to the instance', async () => {
		server.variants.downloadRedirect = 'otherHost';
		await succeeds({ parameters: onFile('download', byId(text.id)) });
		const carrying = (request: RecordedRequest) =>
			SECRETS.some(
				(secret) =>
					request.path.includes(secret) ||
					Object.values(request.query).some((value) => value.includes(secret)) ||
					Object.entries(request.headers).some(
						([name, value]) => name !== TOKEN_HEADER && String(value).includes(secret),
					),
			);
		const content = server.requests.filter((request) => request.listener === 'content');
		const api = server.requests.filter((request) => request.listener === 'api');

		expect(content.length).toBeGreaterThan(0);
		const named = (request: RecordedRequest) =>
			`${request.listener} ${request.method} ${request.path}`;
		expect(content.filter((request) => TOKEN_HEADER in request.headers).map(named)).toEqual([]);
		expect(server.requests.filter(carrying).map(named)).toEqual([]);
		for (const request of api) {
			expect(SECRETS).toContain(request.headers[TOKEN_HEADER]);
		}
	});
});
