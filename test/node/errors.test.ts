import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FileSetRecord } from '../server';
import { defaultVariants } from '../server';
import type { NodeRun } from './setup';
import { byId, run, TOKEN, useStandIn } from './setup';

const { server, baseUrl } = useStandIn();
const NO_RETRIES = { maxRetries: 0 };

let fileSet: FileSetRecord;

beforeEach(() => {
	server.fileSets.clear();
	server.variants = defaultVariants();
	server.clearFaults();
	fileSet = server.addFileSet({ name: 'Quarterly Reports' });
	server.resetRequests();
});

function getFileSet(options: INodeParameters = NO_RETRIES): INodeParameters {
	return { resource: 'fileSet', operation: 'get', fileSetId: byId(fileSet.id), options };
}

async function failureOf(options: NodeRun): Promise<Error> {
	return await run(baseUrl(), options).then(
		() => {
			throw new Error('expected the node to fail');
		},
		(error: unknown) => error as Error,
	);
}

/** Fails the next matching request once, after letting `skip` of them through. */
function failOnce(status: number, body: string, contentType: string, skip = 0): void {
	server.addFault({
		method: 'GET',
		path: `/filesets/${fileSet.id}`,
		kind: 'status',
		status,
		body,
		contentType,
		skip,
		times: 1,
	});
}

function domoBody(status: number, statusReason: string, message: string): string {
	const path = `/api/files/v1/filesets/${fileSet.id}`;
	return JSON.stringify({ status, statusReason, path, message, toe: 'ABCDEFGHIJ-KLMNO-PQRST' });
}

function expectNoToken(...places: unknown[]): void {
	for (const place of places) {
		const text = typeof place === 'string' ? place : JSON.stringify(place);
		expect(text ?? '').not.toContain(TOKEN);
	}
}

function expectErrorWithoutToken(error: Error): void {
	const description = error instanceof NodeApiError ? error.description : undefined;
	expectNoToken(error.message, description, JSON.stringify(error), error.stack);
	expect(inspect(error, { depth: 8 })).not.toContain(TOKEN);
}

/** A port on which nothing listens, so that connecting to it is refused. */
async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

const BAD_GATEWAY_PAGE =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
	'<center><h1>502 Bad Gateway</h1></center>\r\n' +
	'<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

interface FailureCase {
	label: string;
	status: number;
	body: () => string;
	contentType: string;
	message: RegExp;
	description: string;
}

const FAILURES: FailureCase[] = [
	{
		label: '401 for a rejected token',
		status: 401,
		body: () => domoBody(401, 'Unauthorized', 'Full authentication is required'),
		contentType: 'application/json',
		message: /Domo rejected the developer token \(401\)\. Check the Domo API credential/,
		description: 'Full authentication is required',
	},
	{
		label: '403 with a JSON body',
		status: 403,
		body: () => domoBody(403, 'Forbidden', 'User 111 may not read this FileSet'),
		contentType: 'application/json',
		message: /may not access FileSet "[^"]+" \(403\)\. Ask a Domo admin for access/,
		description: 'User 111 may not read this FileSet',
	},
	{
		label: '403 with a plain-text body',
		status: 403,
		body: () => 'Forbidden',
		contentType: 'text/plain',
		message: /may not access FileSet "[^"]+" \(403\)/,
		description: 'Forbidden',
	},
	{
		label: '404 for an unknown FileSet',
		status: 404,
		body: () => domoBody(404, 'Not Found', 'FileSet was not found'),
		contentType: 'application/json',
		message: /Domo could not find FileSet "[^"]+" \(404\)\. Check the id or path/,
		description: 'FileSet was not found',
	},
	{
		label: '409 for a conflict',
		status: 409,
		body: () => domoBody(409, 'Conflict', 'The FileSet is being modified'),
		contentType: 'application/json',
		message: /conflicts with the state of FileSet "[^"]+" \(409\)/,
		description: 'The FileSet is being modified',
	},
	{
		label: '413 for a body that is too large',
		status: 413,
		body: () => domoBody(413, 'Payload Too Large', 'Request body exceeds 10 bytes'),
		contentType: 'application/json',
		message: /Domo refused the upload as too large \(413\)/,
		description: 'Request body exceeds 10 bytes',
	},
	{
		label: '429 when no retries are allowed',
		status: 429,
		body: () => domoBody(429, 'Too Many Requests', 'Rate limit exceeded'),
		contentType: 'application/json',
		message: /Domo kept rate-limiting the request \(429\) after 1 attempts/,
		description: 'Rate limit exceeded',
	},
	{
		label: '500 when no retries are allowed',
		status: 500,
		body: () => domoBody(500, 'Internal Server Error', 'NullPointerException'),
		contentType: 'application/json',
		message: /Domo had a server error \(500\) after 1 attempts\. Try again later/,
		description: 'NullPointerException',
	},
	{
		label: "502 with a proxy's HTML page",
		status: 502,
		body: () => BAD_GATEWAY_PAGE,
		contentType: 'text/html',
		message: /Domo had a server error \(502\)/,
		description: 'The server answered with an HTML page: 502 Bad Gateway',
	},
];

describe('a failed Domo request', () => {
	it.each(FAILURES)(
		"throws a NodeApiError for $label, with Domo's detail in the description",
		async ({ status, body, contentType, message, description }) => {
			failOnce(status, body(), contentType);

			const error = await failureOf({ parameters: getFileSet() });

			expect(error).toBeInstanceOf(NodeApiError);
			const apiError = error as NodeApiError;
			expect(apiError.httpCode).toBe(String(status));
			expect(apiError.message).toMatch(message);
			expect(apiError.description).toBe(description);
			expectErrorWithoutToken(apiError);
			expect(server.requests).toHaveLength(1);
		},
	);

	it.each(FAILURES)(
		'outputs an error item for $label with Continue On Fail, and the other items succeed',
		async ({ status, body, contentType, message, description }) => {
			failOnce(status, body(), contentType, 1);

			const result = await run(baseUrl(), {
				parameters: getFileSet(),
				items: [{ json: {} }, { json: {} }, { json: {} }],
				continueOnFail: true,
			});

			const [first, failed, third] = result.items[0];
			expect(result.items[0]).toHaveLength(3);
			expect(first).toEqual({
				json: expect.objectContaining({ id: fileSet.id }),
				pairedItem: { item: 0 },
			});
			expect(third).toEqual({
				json: expect.objectContaining({ id: fileSet.id }),
				pairedItem: { item: 2 },
			});
			expect(failed.pairedItem).toEqual({ item: 1 });
			expect(failed.json).toEqual({
				error: expect.stringMatching(message),
				description,
				httpCode: String(status),
			});
			expectNoToken(result.items, result.logs);
		},
	);
});

// A download's answer is read as a stream, so Domo's message has to be read from it.
describe('a failed File Download', () => {
	let fileId = '';

	beforeEach(() => {
		fileId = server.addFile(fileSet.id, 'reports/q1.csv', 'region,total\nnorth,12\n').id;
		server.resetRequests();
	});

	function download(): INodeParameters {
		return {
			resource: 'file',
			operation: 'download',
			fileSetId: byId(fileSet.id),
			file: byId(fileId),
			options: NO_RETRIES,
		};
	}

	function failDownload(status: number, body: string, contentType: string): void {
		server.addFault({
			method: 'GET',
			path: /\/download$/,
			kind: 'status',
			status,
			body,
			contentType,
		});
	}

	it("shows Domo's message from a 403 JSON body in the description", async () => {
		const message = 'User 111 may not download files from this FileSet';
		failDownload(403, JSON.stringify({ message }), 'application/json');

		const error = await failureOf({ parameters: download() });

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('403');
		expect(error.message).toMatch(/may not access the file with ID "[^"]+" \(403\)/);
		expect((error as NodeApiError).description).toBe(message);
		expect(server.requests.filter((request) => request.path.endsWith('/download'))).toHaveLength(1);
	});

	it('shows the text of an HTML 500 page in the description and the error item', async () => {
		const page =
			'<!DOCTYPE html>\n<html><body><h1>Storage backend unavailable</h1>\n' +
			'<p>Please retry in a minute.</p></body></html>';
		failDownload(500, page, 'text/html');
		const description =
			'The server answered with an HTML page: Storage backend unavailable Please retry in a minute.';

		const error = await failureOf({ parameters: download() });
		const result = await run(baseUrl(), { parameters: download(), continueOnFail: true });

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect(error.message).toMatch(/Domo had a server error \(500\)/);
		expect((error as NodeApiError).description).toBe(description);
		expect(result.items[0]).toEqual([
			{
				json: { error: error.message, description, httpCode: '500' },
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('failures that come from Domo itself', () => {
	it('says the token was rejected when the credential holds a wrong token', async () => {
		const wrong = 'tok-wrong-0000';

		const error = await failureOf({ parameters: getFileSet(), token: wrong });

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(error.message).toMatch(/rejected the developer token \(401\)/);
		expect((error as NodeApiError).description).toMatch(/authentication is required/);
		expectErrorWithoutToken(error);
		expect(JSON.stringify(error) + String(error.stack)).not.toContain(wrong);
	});

	it('names the FileSet that Domo could not find', async () => {
		const error = await failureOf({
			parameters: { ...getFileSet(), fileSetId: byId('no-such-fileset') },
		});

		expect((error as NodeApiError).httpCode).toBe('404');
		expect(error.message).toBe(
			'Domo could not find FileSet "no-such-fileset" (404). Check the id or path',
		);
		expect((error as NodeApiError).description).toBe('FileSet no-such-fileset not found');
	});

	it('says which FileSet name is taken when a create conflicts', async () => {
		const error = await failureOf({
			parameters: {
				resource: 'fileSet',
				operation: 'create',
				name: 'Quarterly Reports',
				options: NO_RETRIES,
			},
		});

		expect((error as NodeApiError).httpCode).toBe('409');
		expect(error.message).toMatch(/a FileSet named "Quarterly Reports" already exists/);
		expect((error as NodeApiError).description).toMatch(/Quarterly Reports already exists/);
	});

	it('says the upload is too large when Domo refuses its size', async () => {
		server.variants.maxUploadBytes = 4;

		const error = await failureOf({
			parameters: {
				resource: 'file',
				operation: 'upload',
				fileSetId: byId(fileSet.id),
				options: { ...NO_RETRIES, uploadMode: 'single' },
			},
			items: [{ json: {}, binary: { data: { data: 'twelve bytes', fileName: 'big.txt' } } }],
		});

		expect((error as NodeApiError).httpCode).toBe('413');
		expect(error.message).toMatch(/too large \(413\)/);
		expect((error as NodeApiError).description).toMatch(/exceeds 4 bytes/);
		expectErrorWithoutToken(error);
	});

	it('says how long Domo asked to wait when that is longer than Max Retry Wait', async () => {
		server.addFault({
			path: `/filesets/${fileSet.id}`,
			kind: 'status',
			status: 429,
			headers: { 'Retry-After': '600' },
			times: 1,
		});

		const error = await failureOf({ parameters: getFileSet({ maxRetryWait: 120 }) });

		expect((error as NodeApiError).httpCode).toBe('429');
		expect(error.message).toMatch(/asked to wait 600 s .* longer than the 120 s/);
		expect(server.requests).toHaveLength(1);
	});

	it('retries a rate limit that asks for no wait, and logs no token', async () => {
		server.addFault({
			path: `/filesets/${fileSet.id}`,
			kind: 'status',
			status: 429,
			headers: { 'Retry-After': '0' },
			times: 1,
		});

		const result = await run(baseUrl(), { parameters: getFileSet({ maxRetries: 2 }) });

		expect(result.items[0][0].json.id).toBe(fileSet.id);
		expect(server.requests).toHaveLength(2);
		expect(result.logs.length).toBeGreaterThan(0);
		expectNoToken(result.logs, result.items);
	});
});

describe('a connection that fails', () => {
	it('says Domo could not be reached when the connection is refused', async () => {
		const port = await closedPort();

		const error = await failureOf({
			parameters: getFileSet(),
			instance: `http://127.0.0.1:${port}`,
		});

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			`Could not reach Domo at 127.0.0.1:${port}: the connection was refused`,
		);
		expect((error as NodeApiError).description).toMatch(/Check the instance in the Domo API/);
	});

	it('retries a read whose connection dropped, then outputs the FileSet', async () => {
		server.addFault({ path: `/filesets/${fileSet.id}`, kind: 'drop', times: 1 });

		const result = await run(baseUrl(), { parameters: getFileSet({ maxRetries: 2 }) });

		expect(result.items[0][0].json.id).toBe(fileSet.id);
		expect(server.requests).toHaveLength(2);
	});
});

describe('what a token never travels with', () => {
	it('leaves the token out of the error when Domo cannot be reached', async () => {
		const instance = `http://127.0.0.1:${await closedPort()}`;

		const error = await failureOf({ parameters: getFileSet(), instance });

		expect(error).toBeInstanceOf(NodeApiError);
		expectErrorWithoutToken(error);
	});

	it('leaves the token out of the error item when Domo cannot be reached', async () => {
		const instance = `http://127.0.0.1:${await closedPort()}`;

		const result = await run(baseUrl(), {
			parameters: getFileSet(),
			instance,
			continueOnFail: true,
		});

		expect(result.items[0]).toHaveLength(1);
		expect(result.items[0][0].json.error).toEqual(expect.any(String));
		expectNoToken(result.items, result.logs);
	});

	it.each([
		['a plain-text', `Bad header X-DOMO-Developer-Token=${TOKEN}`, 'text/plain'],
		[
			'an HTML',
			`<html><body><pre>X-DOMO-Developer-Token: ${TOKEN}</pre></body></html>`,
			'text/html',
		],
	])(
		'leaves the token out of the error when %s error page echoes the request headers',
		async (_, body, contentType) => {
			failOnce(400, body, contentType);

			const error = await failureOf({ parameters: getFileSet() });

			expect((error as NodeApiError).httpCode).toBe('400');
			expectErrorWithoutToken(error);
		},
	);
});

describe('an answer that is not JSON', () => {
	const LOGIN_PAGE =
		'<!DOCTYPE html><html><head><title>Sign in - Domo</title></head><body>Sign in</body></html>';

	function loginPageFor(method: string, path: string): void {
		server.addFault({
			method,
			path,
			kind: 'status',
			status: 200,
			body: LOGIN_PAGE,
			contentType: 'text/html',
		});
	}

	it('fails Get with a clear message when Domo answers 200 with HTML', async () => {
		loginPageFor('GET', `/filesets/${fileSet.id}`);

		const error = await failureOf({ parameters: getFileSet() });

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(
			/^Domo answered with text: "<!DOCTYPE html>.*where JSON was expected/,
		);
		expect((error as NodeOperationError).description).toMatch(/proxy or a login page/);
	});

	it('fails Get Many, rather than output nothing, when Domo answers 200 with HTML', async () => {
		loginPageFor('POST', '/filesets/search');

		const error = await failureOf({
			parameters: { resource: 'fileSet', operation: 'getAll', returnAll: true },
		});

		expect(error.message).toMatch(/where JSON was expected/);
	});

	it('does not report a FileSet as deleted when Domo answers 200 with HTML', async () => {
		loginPageFor('DELETE', `/filesets/${fileSet.id}`);

		const error = await failureOf({
			parameters: { resource: 'fileSet', operation: 'delete', fileSetId: byId(fileSet.id) },
		});

		expect(error.message).toMatch(/where JSON was expected/);
	});
});

describe('an unusable instance in the credential', () => {
	it.each([
		['a path', () => 'https://acme.domo.com/x', /"https:\/\/acme\.domo\.com\/x" has a path/],
		['a path on a reachable host', () => `${baseUrl()}/x`, /has a path or query/],
		['a query', () => `${baseUrl()}/?instance=acme`, /has a path or query/],
		[
			'a user name and password',
			() => 'https://u:p@acme.domo.com',
			/must not contain a user name or password/,
		],
		[
			'a user name and password on a reachable host',
			() => baseUrl().replace('http://', 'http://u:p@'),
			/must not contain a user name or password/,
		],
		['spaces', () => 'ac me', /"ac me" is not a Domo instance/],
		['nothing at all', () => '  ', /The Domo instance is empty/],
	])('names the problem with %s and sends no request', async (_, instance, message) => {
		const error = await failureOf({ parameters: getFileSet(), instance: instance() });

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(message);
		expect((error as NodeOperationError).description).toMatch(/"Instance" field/);
		expect(error.message).not.toContain('u:p@');
		expect(server.requests).toHaveLength(0);
	});
});
