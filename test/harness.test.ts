import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { isAxiosError } from 'axios';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { createLoadOptionsContext, runCredentialTest, runNode } from './harness';
import type { RunOptions } from './harness';

type Script = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

let script: Script = async () => [[]];

class HarnessTestNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Test',
		name: 'harnessTest',
		group: ['transform'],
		version: [1, 2],
		description: 'Runs the script a test gives it',
		defaults: { name: 'Domo FileSets' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'harnessApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Get', value: 'get' },
					{ name: 'Upload', value: 'upload' },
				],
				default: 'get',
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				default: 50,
				displayOptions: { show: { operation: ['get'] } },
			},
			{
				displayName: 'FileSet',
				name: 'fileSetId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchFileSets' },
					},
					{
						displayName: 'By URL',
						name: 'url',
						type: 'string',
						extractValue: { type: 'regex', regex: '/filesets/([0-9a-z-]+)' },
					},
					{ displayName: 'ID', name: 'id', type: 'string' },
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'File Name', name: 'fileName', type: 'string', default: '' }],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await script.call(this);
	}
}

class HarnessApi implements ICredentialType {
	name = 'harnessApi';

	displayName = 'Harness API';

	properties: INodeProperties[] = [
		{ displayName: 'Instance', name: 'instance', type: 'string', default: '' },
		{ displayName: 'Developer Token', name: 'developerToken', type: 'string', default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-DOMO-Developer-Token': '={{$credentials.developerToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ $credentials.instance.replace(/\\/+$/, '') + '/api' }}",
			url: '/search',
			method: 'POST',
			qs: { limit: 1 },
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'The token was rejected.' } },
		],
	};
}

const DOWNLOAD = Buffer.alloc(3 * 1024 * 1024, 0);
for (let index = 0; index < DOWNLOAD.length; index++) DOWNLOAD[index] = (index * 31) % 251;

let server: Server;
let base = '';
let port = 0;

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
	const body = await readBody(request);
	const path = (request.url ?? '').split('?')[0];
	const token = request.headers['x-domo-developer-token'];

	switch (path) {
		case '/echo':
			return sendJson(response, 200, {
				url: request.url,
				headers: request.headers,
				body: JSON.parse(body.toString() || 'null') as unknown,
			});
		case '/headers':
			return sendJson(response, 200, { url: request.url, headers: request.headers });
		case '/download':
			response.writeHead(200, {
				'content-type': 'application/octet-stream',
				'content-length': DOWNLOAD.length,
			});
			return void Readable.from([DOWNLOAD.subarray(0, 1000), DOWNLOAD.subarray(1000)]).pipe(
				response,
			);
		case '/missing':
			return sendJson(response, 404, { message: 'FileSet abc was not found' });
		case '/broken':
			return sendJson(response, 500, { message: 'Domo had a bad day' });
		case '/slow':
			return void setTimeout(() => sendJson(response, 200, {}), 1000);
		case '/hop':
			response.writeHead(302, { location: `http://localhost:${port}/headers` });
			return void response.end();
		case '/upload':
			return sendJson(response, 200, {
				bytes: body.length,
				sha256: createHash('sha256').update(body).digest('hex'),
				contentType: request.headers['content-type'],
				contentLength: request.headers['content-length'],
				text: body.length < 2000 ? body.toString() : undefined,
			});
		case '/api/search':
			if (token === 'good') return sendJson(response, 200, { fileSets: [] });
			if (token === 'bad') return sendJson(response, 401, { message: 'bad token' });
			return sendJson(response, 500, { message: 'broken' });
		default:
			return sendJson(response, 404, { message: `no route ${path}` });
	}
}

beforeAll(async () => {
	server = createServer((request, response) => void route(request, response));
	await new Promise<void>((resolve) => server.listen(0, resolve));
	port = (server.address() as AddressInfo).port;
	base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port: free } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return free;
}

function options(overrides: Partial<RunOptions> = {}): RunOptions {
	return {
		node: new HarnessTestNode(),
		parameters: {},
		credentials: { instance: base, developerToken: 'test-token' },
		credentialType: new HarnessApi(),
		...overrides,
	};
}

async function runScript(body: Script, overrides: Partial<RunOptions> = {}) {
	script = body;
	return await runNode(options(overrides));
}

async function failureOf(body: Script, overrides: Partial<RunOptions> = {}): Promise<unknown> {
	return await runScript(body, overrides).then(
		() => {
			throw new Error('expected the node to fail');
		},
		(error: unknown) => error,
	);
}

function jsonOf(result: { items: INodeExecutionData[][] }, index = 0): IDataObject {
	return result.items[0][index].json;
}

async function drain(stream: Readable): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString();
}

describe('request helpers', () => {
	it('sends a JSON body and query like n8n and parses the JSON answer', async () => {
		const result = await runScript(async function () {
			const answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${base}/echo`,
				qs: { ids: [1, 2], name: "o'neil" },
				body: { name: 'report', tags: ['a', 'b'] },
				json: true,
			})) as IDataObject;
			return [[{ json: answer }]];
		});

		const answer = jsonOf(result);
		const headers = answer.headers as IDataObject;
		expect(answer.url).toBe('/echo?ids%5B0%5D=1&ids%5B1%5D=2&name=o%27neil');
		expect(answer.body).toEqual({ name: 'report', tags: ['a', 'b'] });
		expect(headers['content-type']).toBe('application/json');
		expect(headers.accept).toBe('application/json');
		expect(headers['user-agent']).toBe('n8n');
	});

	it("applies the credential's generic authenticate and fills its defaults", async () => {
		const result = await runScript(async function () {
			const credentials = await this.getCredentials('harnessApi');
			const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				url: `${String(credentials.instance)}/headers`,
				json: true,
			})) as IDataObject;
			return [[{ json: { credentials, answer } }]];
		});

		const { credentials, answer } = jsonOf(result) as {
			credentials: IDataObject;
			answer: IDataObject;
		};
		expect((answer.headers as IDataObject)['x-domo-developer-token']).toBe('test-token');
		expect(credentials).toEqual({ instance: base, developerToken: 'test-token', region: 'eu' });
	});

	it('helpers.httpRequest throws the AxiosError itself, as n8n does', async () => {
		const error = await failureOf(async function () {
			await this.helpers.httpRequest({ url: `${base}/missing` });
			return [[]];
		});

		expect(isAxiosError(error)).toBe(true);
		expect(error).not.toBeInstanceOf(NodeApiError);
	});

	it("turns a JSON error into a NodeApiError with the status and the server's message", async () => {
		const error = await failureOf(async function () {
			await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				url: `${base}/missing`,
				json: true,
			});
			return [[]];
		});

		expect(error).toBeInstanceOf(NodeApiError);
		const apiError = error as NodeApiError;
		expect(apiError.httpCode).toBe('404');
		expect(apiError.message).toBe('The resource you are requesting could not be found');
		expect(apiError.description).toBe('FileSet abc was not found');
		expect(apiError.cause).toMatchObject({ status: 404, code: 'ERR_BAD_REQUEST' });
		expect(JSON.stringify(apiError)).not.toContain('test-token');
	});

	it('leaves a stream-encoded error body unread at error.cause.response.data', async () => {
		const error = await failureOf(async function () {
			await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				url: `${base}/broken`,
				encoding: 'stream',
			});
			return [[]];
		});

		const apiError = error as NodeApiError;
		expect(apiError.httpCode).toBe('500');
		expect(apiError.description).toBe('Request failed with status code 500');
		const cause = apiError.cause as unknown as { code: string; response: { data: Readable } };
		expect(cause.code).toBe('ERR_BAD_RESPONSE');
		expect(cause.response.data).toBeInstanceOf(Readable);
		expect(cause.response.data.readableEnded).toBe(false);
		expect(await drain(cause.response.data)).toContain('Domo had a bad day');
	});

	it('turns a refused connection into the NodeApiError n8n shows', async () => {
		const refusedPort = await closedPort();
		const error = await failureOf(async function () {
			await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				url: `http://127.0.0.1:${refusedPort}/anything`,
			});
			return [[]];
		});

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'The service refused the connection - perhaps it is offline',
		);
		expect((error as NodeApiError).cause).toMatchObject({ code: 'ECONNREFUSED' });
	});

	it('turns a timeout into the NodeApiError n8n shows', async () => {
		const error = await failureOf(async function () {
			await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				url: `${base}/slow`,
				timeout: 100,
			});
			return [[]];
		});

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'The connection was aborted, perhaps the server is offline',
		);
		expect((error as NodeApiError).cause).toMatchObject({ code: 'ECONNABORTED' });
	});

	it('returns the 302 itself when redirects are disabled', async () => {
		const result = await runScript(async function () {
			const full = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				url: `${base}/hop`,
				disableFollowRedirect: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
			})) as IN8nHttpFullResponse;
			return [[{ json: { statusCode: full.statusCode, location: full.headers.location } }]];
		});

		expect(jsonOf(result)).toEqual({
			statusCode: 302,
			location: `http://localhost:${port}/headers`,
		});
	});

	it('follows a redirect to another host and forwards the token header, as n8n does', async () => {
		const result = await runScript(async function () {
			const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				url: `${base}/hop`,
				json: true,
			})) as IDataObject;
			return [[{ json: answer }]];
		});

		const headers = jsonOf(result).headers as IDataObject;
		expect(headers.host).toBe(`localhost:${port}`);
		expect(headers['x-domo-developer-token']).toBe('test-token');
	});

	it('streams a Readable upload and a spec FormData body to the server', async () => {
		const payload = DOWNLOAD.subarray(0, 1024 * 1024);
		const result = await runScript(async function () {
			const streamed = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				method: 'PUT',
				url: `${base}/upload`,
				body: Readable.from([payload.subarray(0, 10), payload.subarray(10)]) as unknown as Buffer,
				headers: { 'content-type': 'application/octet-stream' },
				json: true,
			})) as IDataObject;
			const form = new FormData();
			form.append('file', new Blob(['hello fileset']), 'hello.txt');
			const multipart = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				method: 'PUT',
				url: `${base}/upload`,
				body: form,
				json: true,
			})) as IDataObject;
			return [[{ json: { streamed, multipart } }]];
		});

		const { streamed, multipart } = jsonOf(result) as Record<string, IDataObject>;
		expect(streamed.bytes).toBe(payload.length);
		expect(streamed.sha256).toBe(createHash('sha256').update(payload).digest('hex'));
		expect(String(multipart.contentType)).toMatch(/^multipart\/form-data; boundary=/);
		expect(Number(multipart.contentLength)).toBe(multipart.bytes);
		expect(multipart.text).toContain('filename="hello.txt"');
		expect(multipart.text).toContain('hello fileset');
	});
});

describe('binary helpers', () => {
	const download: Script = async function () {
		const full = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
			url: `${base}/download`,
			encoding: 'stream',
			returnFullResponse: true,
		})) as IN8nHttpFullResponse;
		const mimeType = String(full.headers['content-type']);
		const binary = await this.helpers.prepareBinaryData(
			full.body as Readable,
			'report.bin',
			mimeType,
		);
		const metadata = binary.id ? await this.helpers.getBinaryMetadata(binary.id) : null;
		return [[{ json: { metadata }, binary: { data: binary } }]];
	};

	it('streams a download into a filesystem binary with an id, byte for byte', async () => {
		const result = await runScript(download);

		const item = result.items[0][0];
		const binary = item.binary?.data;
		expect(binary?.id).toMatch(
			/^filesystem-v2:workflows\/harness-workflow\/executions\/[0-9a-f-]+\/binary_data\/[0-9a-f-]{36}$/,
		);
		expect(binary).toMatchObject({
			data: 'filesystem-v2',
			fileName: 'report.bin',
			fileExtension: 'bin',
			mimeType: 'application/octet-stream',
			fileSize: '3.15 MB',
			bytes: DOWNLOAD.length,
		});
		expect(item.json.metadata).toEqual({
			fileName: 'report.bin',
			mimeType: 'application/octet-stream',
			fileSize: DOWNLOAD.length,
		});
		expect((await result.binaryBytes(item)).equals(DOWNLOAD)).toBe(true);
	});

	it('keeps binaries as base64 without an id in memory mode', async () => {
		const result = await runScript(download, { binaryMode: 'memory' });

		const item = result.items[0][0];
		expect(item.binary?.data.id).toBeUndefined();
		expect(item.binary?.data.data).toBe(DOWNLOAD.toString('base64'));
		expect((await result.binaryBytes(item)).equals(DOWNLOAD)).toBe(true);
	});

	it('reads an input binary back as a stream and as a buffer', async () => {
		const result = await runScript(
			async function () {
				const binary = this.helpers.assertBinaryData(0, 'data');
				const stream = await this.helpers.getBinaryStream(String(binary.id), 4);
				const streamed = await this.helpers.binaryToString(stream);
				const buffered = (await this.helpers.getBinaryDataBuffer(0, 'data')).toString();
				return [[{ json: { streamed, buffered, fileSize: binary.fileSize ?? null } }]];
			},
			{ items: [{ json: {}, binary: { data: { data: 'a,b\n1,2\n', fileName: 'rows.csv' } } }] },
		);

		expect(jsonOf(result)).toEqual({
			streamed: 'a,b\n1,2\n',
			buffered: 'a,b\n1,2\n',
			fileSize: '8 B',
		});
	});

	it("throws n8n's NodeOperationError when the item has no such binary", async () => {
		const error = await failureOf(async function () {
			this.helpers.assertBinaryData(0, 'data');
			return [[]];
		});

		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			"This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]",
		);
	});
});

describe('parameters', () => {
	const readParameters: Script = async function () {
		return [
			this.getInputData().map((_item, index) => ({
				json: {
					limit: this.getNodeParameter('limit', index) as number,
					fileName: this.getNodeParameter('options.fileName', index, 'fallback.txt') as string,
					fileSetId: this.getNodeParameter('fileSetId', index, '', {
						extractValue: true,
					}) as string,
				},
			})),
		];
	};

	it('fills the description defaults and reads dotted paths with a fallback', async () => {
		const result = await runScript(readParameters, {
			parameters: { fileSetId: { __rl: true, mode: 'id', value: 'abc-1' } },
		});

		expect(jsonOf(result)).toEqual({ limit: 50, fileName: 'fallback.txt', fileSetId: 'abc-1' });
	});

	it("extracts a resource locator value with its mode's regex", async () => {
		const result = await runScript(readParameters, {
			parameters: {
				options: { fileName: 'a.csv' },
				fileSetId: {
					__rl: true,
					mode: 'url',
					value: 'https://acme.domo.com/filesets/f00d-42/files',
				},
			},
		});

		expect(jsonOf(result)).toMatchObject({ fileName: 'a.csv', fileSetId: 'f00d-42' });
	});

	it('rejects a URL the mode regex does not match with the message n8n shows', async () => {
		const error = await failureOf(readParameters, {
			parameters: { fileSetId: { __rl: true, mode: 'url', value: 'https://acme.domo.com/' } },
		});

		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			"ERROR: FileSet parameter's value is invalid. This is likely because the URL entered is incorrect",
		);
	});

	it('evaluates expressions per item and takes one parameter set per item', async () => {
		const items = [{ json: { id: 'one' } }, { json: { id: 'two' } }];
		const byExpression = await runScript(readParameters, {
			items,
			parameters: { fileSetId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		});
		const perItem: RunOptions['parameters'] = [{ limit: 5 }, { operation: 'upload' }];
		const byArray = await runScript(
			async function () {
				const operations = [0, 1].map((index) => this.getNodeParameter('operation', index));
				return [[{ json: { operations, limit: this.getNodeParameter('limit', 0) as number } }]];
			},
			{ items, parameters: perItem },
		);

		expect(byExpression.items[0].map((item) => item.json.fileSetId)).toEqual(['one', 'two']);
		expect(jsonOf(byArray)).toEqual({ operations: ['get', 'upload'], limit: 5 });
		// Limit is only shown for Get, so n8n gives the Upload item no value for it.
		await expect(
			runScript(
				async function () {
					return [[{ json: { limit: this.getNodeParameter('limit', 1) as number } }]];
				},
				{ items, parameters: perItem },
			),
		).rejects.toThrow('Could not get parameter');
	});
});

describe('execute context', () => {
	it('names the helper a node reaches for that the harness lacks', async () => {
		const error = await failureOf(async function () {
			await this.helpers.requestWithAuthentication.call(this, 'harnessApi', { uri: base });
			return [[]];
		});

		expect((error as Error).message).toMatch(
			/does not implement this\.helpers\.requestWithAuthentication\(\)/,
		);
	});

	it('reports continueOnFail, the node identity and what the node logged', async () => {
		const result = await runScript(
			async function () {
				this.logger.debug('Listing files', { fileSetId: 'abc' });
				const node = this.getNode();
				return [
					[
						{
							json: {
								continueOnFail: this.continueOnFail(),
								name: node.name,
								version: node.typeVersion,
							},
						},
					],
				];
			},
			{ continueOnFail: true, nodeTypeVersion: 1 },
		);

		expect(jsonOf(result)).toEqual({ continueOnFail: true, name: 'Domo FileSets', version: 1 });
		expect(result.logs).toEqual([
			{ level: 'debug', message: 'Listing files', meta: { fileSetId: 'abc' } },
		]);
	});
});

describe('load options and credential tests', () => {
	it('gives listSearch methods the current parameters and authenticated requests', async () => {
		const context = createLoadOptionsContext({
			node: new HarnessTestNode(),
			parameters: {
				fileSetId: { __rl: true, mode: 'url', value: `${base}/filesets/abc-9` },
			},
			credentials: { instance: base, developerToken: 'test-token' },
			credentialType: new HarnessApi(),
		});

		expect(context.getCurrentNodeParameter('fileSetId', { extractValue: true })).toBe('abc-9');
		expect(context.getNodeParameter('limit')).toBe(50);
		const answer = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			'harnessApi',
			{
				url: `${base}/headers`,
				json: true,
			},
		)) as IDataObject;
		expect((answer.headers as IDataObject)['x-domo-developer-token']).toBe('test-token');
	});

	it("judges a credential's declarative test like n8n's CredentialsTester", async () => {
		const credentialType = new HarnessApi();
		const refused = `http://127.0.0.1:${await closedPort()}`;

		await expect(
			runCredentialTest(credentialType, { instance: `${base}/`, developerToken: 'good' }),
		).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		await expect(
			runCredentialTest(credentialType, { instance: base, developerToken: 'bad' }),
		).resolves.toEqual({ status: 'Error', message: 'The token was rejected.' });
		await expect(
			runCredentialTest(credentialType, { instance: base, developerToken: 'other' }),
		).resolves.toEqual({ status: 'Error', message: 'Internal Server Error' });
		await expect(
			runCredentialTest(credentialType, { instance: refused, developerToken: 'good' }),
		).resolves.toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
