import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmptyRunExecutionData } from 'n8n-workflow';

import { DomoApi } from '../../credentials/DomoApi.credentials';
import { DomoFileSets } from '../../nodes/DomoFileSets/DomoFileSets.node';
import {
	API_PREFIX,
	InstanceError,
	instanceOrigin,
} from '../../nodes/DomoFileSets/transport/instance';
import { runCredentialTest } from '../harness';
import { createScope, describeNodeType } from '../harness/node-setup';
import { defaultVariants } from '../server';
import { byId, run, TOKEN, useStandIn } from './setup';

const { server, baseUrl } = useStandIn();
const SEARCH_PATH = `${API_PREFIX}/filesets/search`;

beforeEach(() => {
	server.fileSets.clear();
	server.variants = defaultVariants();
	server.clearFaults();
	server.resetRequests();
});

async function testCredential(instance: string, developerToken = TOKEN) {
	return await runCredentialTest(new DomoApi(), { instance, developerToken });
}

/** The credential test's base URL, resolved by n8n's expression engine as n8n resolves it. */
function credentialTestBaseUrl(instance: string): string {
	const baseURL = new DomoApi().test.request.baseURL;
	const { node, workflow } = createScope(describeNodeType(new DomoFileSets()), {});
	const resolved = workflow.expression.getParameterValue(
		baseURL ?? '',
		createEmptyRunExecutionData(),
		0,
		0,
		node.name,
		[],
		'internal',
		{ $credentials: { instance, developerToken: TOKEN } },
		{ node, data: { main: [[{ json: {} }]] }, source: null },
		false,
	);
	return String(resolved);
}

function nodeApiBase(instance: string): string {
	return instanceOrigin(instance) + API_PREFIX;
}

describe('the Domo API credential test', () => {
	it('succeeds with the right token, asking Domo for one FileSet', async () => {
		await expect(testCredential(baseUrl())).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});

		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request).toMatchObject({
			method: 'POST',
			path: SEARCH_PATH,
			query: { limit: '1', offset: '0' },
		});
		expect(request.headers['x-domo-developer-token']).toBe(TOKEN);
	});

	it('says the token was rejected when Domo answers 401 to a wrong token', async () => {
		await expect(testCredential(baseUrl(), 'tok-wrong')).resolves.toEqual({
			status: 'Error',
			message: 'Domo rejected the developer token. Check that it is complete and not expired.',
		});
		expect(server.requests[0].headers['x-domo-developer-token']).toBe('tok-wrong');
	});

	it("says the user may not use FileSets when Domo answers 403 to the token's user", async () => {
		server.addFault({ path: '/filesets/search', kind: 'status', status: 403, body: 'Forbidden' });

		await expect(testCredential(baseUrl())).resolves.toEqual({
			status: 'Error',
			message: 'The token is valid but its user may not use FileSets on this instance.',
		});
	});

	it('says the instance has no FileSets API when the host answers 404', async () => {
		server.addFault({
			path: '/filesets/search',
			kind: 'status',
			status: 404,
			body: '<html><head><title>404 Not Found</title></head><body>Not Found</body></html>',
			contentType: 'text/html',
		});

		await expect(testCredential(baseUrl())).resolves.toEqual({
			status: 'Error',
			message: 'This instance has no FileSets API. Check the instance name or base URL.',
		});
	});

	it('fails when nothing answers at the instance', async () => {
		const probe = createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const { port } = probe.address() as AddressInfo;
		await new Promise((resolve) => probe.close(resolve));

		const result = await testCredential(`http://127.0.0.1:${port}`);

		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});

describe("the credential's authentication", () => {
	it('sends the token in X-DOMO-Developer-Token on every request of a node run', async () => {
		const fileSet = server.addFileSet({ name: 'Authenticated' });

		await run(baseUrl(), {
			parameters: { resource: 'fileSet', operation: 'get', fileSetId: byId(fileSet.id) },
		});
		await run(baseUrl(), {
			parameters: { resource: 'fileSet', operation: 'getAll', returnAll: true },
		});

		expect(server.requests).toHaveLength(2);
		for (const request of server.requests) {
			expect(request.headers['x-domo-developer-token']).toBe(TOKEN);
			expect(request.headers.authorization).toBeUndefined();
			expect(JSON.stringify(request.query)).not.toContain(TOKEN);
		}
	});
});

describe('the instance as people type it', () => {
	it.each([
		['acme', 'https://acme.domo.com'],
		['acme.domo.com', 'https://acme.domo.com'],
		['https://acme.domo.com/', 'https://acme.domo.com'],
		['https://acme.domo.com', 'https://acme.domo.com'],
		['  ACME  ', 'https://acme.domo.com'],
		['Acme.Domo.com.', 'https://acme.domo.com'],
		['HTTPS://ACME.DOMO.COM:443/', 'https://acme.domo.com'],
		['acme-eu', 'https://acme-eu.domo.com'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
		['http://localhost:5678/', 'http://localhost:5678'],
		['https://acme.domo.com/api/files/v1/', 'https://acme.domo.com'],
		['acme.domo.com/api/files/v1', 'https://acme.domo.com'],
	])('turns %j into the origin %s', (typed, origin) => {
		expect(instanceOrigin(typed)).toBe(origin);
	});

	it.each([
		['', /is empty/],
		['ac me', /"ac me" is not a Domo instance/],
		['acme/datacenter', /is not a Domo instance/],
		['ftp://acme.domo.com', /is not a Domo instance/],
		['https://acme.domo.com/x', /has a path or query/],
		['https://acme.domo.com/?a=1', /has a path or query/],
		['https://u:p@acme.domo.com', /must not contain a user name or password/],
		['-acme', /is not a Domo instance/],
	])('refuses %j, saying why', (typed, reason) => {
		expect(() => instanceOrigin(typed)).toThrow(InstanceError);
		expect(() => instanceOrigin(typed)).toThrow(reason);
	});
});

describe('the credential test and the node agree on where Domo is', () => {
	it.each([
		['the base URL', (base: string) => base],
		['a trailing slash', (base: string) => `${base}/`],
		['spaces around it', (base: string) => `  ${base}  `],
		['an upper-case scheme', (base: string) => base.replace('http://', 'HTTP://')],
	])('reaches the same FileSets API with %s', async (_, form) => {
		const instance = form(baseUrl());

		await expect(testCredential(instance)).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		await run(baseUrl(), {
			instance,
			parameters: { resource: 'fileSet', operation: 'getAll', returnAll: true },
		});

		expect(server.requests.map((request) => [request.method, request.path])).toEqual([
			['POST', SEARCH_PATH],
			['POST', SEARCH_PATH],
		]);
		expect(new URL(nodeApiBase(instance)).host).toBe(new URL(baseUrl()).host);
	});

	it.each([
		'https://acme.domo.com',
		'https://acme.domo.com/',
		'HTTPS://ACME.DOMO.COM',
		'https://acme.domo.com:443/',
		'http://10.0.0.5:8080/',
		'https://files.example.org',
		'https://acme.domo.com/api/files/v1',
		'https://acme.domo.com/API/files/v1/',
	])('resolves the http(s) base URL %j to the API base the node uses', (instance) => {
		expect(new URL(credentialTestBaseUrl(instance)).href).toBe(new URL(nodeApiBase(instance)).href);
	});

	it.each([
		'acme',
		'acme.domo.com',
		'ACME.domo.com',
		'acme.domo.com.',
		'acme.domo.com/api/files/v1',
	])('resolves the instance name %j to the API base the node uses', (instance) => {
		expect(credentialTestBaseUrl(instance)).toBe(nodeApiBase(instance));
	});

	it('resolves a custom domain typed without a scheme to the API base the node uses', () => {
		const instance = 'files.example.org';

		expect(nodeApiBase(instance)).toBe('https://files.example.org/api/files/v1');
		expect(credentialTestBaseUrl(instance)).toBe(nodeApiBase(instance));
	});
});
