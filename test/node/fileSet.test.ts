import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DomoApi } from '../../credentials/DomoApi.credentials';
import { DomoFileSets } from '../../nodes/DomoFileSets/DomoFileSets.node';
import { createLoadOptionsContext } from '../harness';
import type { RunResult } from '../harness';
import { defaultVariants } from '../server';
import { byId, run, TOKEN, useStandIn } from './setup';

const { server, baseUrl } = useStandIn();

beforeEach(() => {
	server.fileSets.clear();
	server.variants = defaultVariants();
	server.clearFaults();
	server.resetRequests();
});

function outputOf(result: RunResult): INodeExecutionData[] {
	return result.items[0];
}

function jsonList(result: RunResult): IDataObject[] {
	return outputOf(result).map((item) => item.json);
}

function namesOf(result: RunResult): string[] {
	return jsonList(result).map((json) => String(json.name));
}

async function failureOf(running: Promise<unknown>): Promise<Error> {
	return await running.then(
		() => {
			throw new Error('expected the node to fail');
		},
		(error: unknown) => error as Error,
	);
}

function apiRequests(): Array<{ method: string; path: string }> {
	return server.requests.map(({ method, path }) => ({ method, path }));
}

function fileSetParameters(operation: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'fileSet', operation, ...extra };
}

function getMany(extra: INodeParameters = {}): INodeParameters {
	return fileSetParameters('getAll', { returnAll: true, ...extra });
}

function byUrl(value: string): { __rl: true; mode: string; value: string } {
	return { __rl: true, mode: 'url', value };
}

function expectPairedWith(result: RunResult, itemIndex: number): void {
	for (const item of outputOf(result)) expect(item.pairedItem).toEqual({ item: itemIndex });
}

describe('Create', () => {
	it('creates a FileSet with every additional field, connector context included', async () => {
		const result = await run(baseUrl(), {
			parameters: fileSetParameters('create', {
				name: '  Marketing Assets  ',
				additionalFields: {
					description: 'Campaign material',
					accountId: 42,
					connector: 'S3',
					relativePath: 'bucket/marketing',
					aiEnabled: true,
				},
			}),
		});

		const [item] = outputOf(result);
		expect(outputOf(result)).toHaveLength(1);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			name: 'Marketing Assets',
			description: 'Campaign material',
			accountId: 42,
			connector: 'S3',
			aiEnabled: true,
			connectorContext: { connector: 'S3', relativePath: 'bucket/marketing' },
		});

		const stored = server.fileSets.get(String(item.json.id));
		expect(stored).toMatchObject({
			name: 'Marketing Assets',
			description: 'Campaign material',
			accountId: 42,
			aiEnabled: true,
			connectorContext: { connector: 'S3', relativePath: 'bucket/marketing' },
		});
		expect(apiRequests()).toEqual([{ method: 'POST', path: '/api/files/v1/filesets' }]);
	});

	it('sends a connector without a relative path as a connector context with no path', async () => {
		const result = await run(baseUrl(), {
			parameters: fileSetParameters('create', {
				name: 'Wiki',
				additionalFields: { connector: 'CONFLUENCE' },
			}),
		});

		const id = String(jsonList(result)[0].id);
		expect(server.fileSets.get(id)?.connectorContext).toEqual({
			connector: 'CONFLUENCE',
			relativePath: null,
		});
	});

	it('creates a FileSet from the name alone, with no connector context', async () => {
		const result = await run(baseUrl(), {
			parameters: fileSetParameters('create', { name: 'Plain' }),
		});

		const id = String(jsonList(result)[0].id);
		expect(server.fileSets.get(id)).toMatchObject({
			name: 'Plain',
			connectorContext: null,
			accountId: null,
		});
	});

	it('refuses an empty name and sends nothing', async () => {
		const error = await failureOf(
			run(baseUrl(), { parameters: fileSetParameters('create', { name: '   ' }) }),
		);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/Name is empty/);
		expect(server.requests).toHaveLength(0);
		expect(server.fileSets.size).toBe(0);
	});

	it('refuses a relative path without a connector and sends nothing', async () => {
		const error = await failureOf(
			run(baseUrl(), {
				parameters: fileSetParameters('create', {
					name: 'Orphan path',
					additionalFields: { relativePath: 'bucket/folder' },
				}),
			}),
		);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/Relative Path needs a Connector/);
		expect(server.requests).toHaveLength(0);
		expect(server.fileSets.size).toBe(0);
	});
});

describe('Get', () => {
	it('gets a FileSet by ID', async () => {
		const fileSet = server.addFileSet({ name: 'Reports', description: 'Quarterly' });

		const result = await run(baseUrl(), {
			parameters: fileSetParameters('get', { fileSetId: byId(fileSet.id) }),
		});

		expect(outputOf(result)).toEqual([
			{
				json: expect.objectContaining({
					id: fileSet.id,
					name: 'Reports',
					description: 'Quarterly',
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(apiRequests()).toEqual([
			{ method: 'GET', path: `/api/files/v1/filesets/${fileSet.id}` },
		]);
	});

	it('gets a FileSet chosen from the list', async () => {
		const fileSet = server.addFileSet({ name: 'Listed' });

		const result = await run(baseUrl(), {
			parameters: fileSetParameters('get', {
				fileSetId: { __rl: true, mode: 'list', value: fileSet.id },
			}),
		});

		expect(jsonList(result)[0]).toMatchObject({ id: fileSet.id, name: 'Listed' });
	});

	it("gets a FileSet by the URL of its page in Domo's Data Center", async () => {
		const fileSet = server.addFileSet({ name: 'From URL' });
		const url = `https://acme.domo.com/datacenter/filesets/${fileSet.id}/overview`;

		const result = await run(baseUrl(), {
			parameters: fileSetParameters('get', { fileSetId: byUrl(url) }),
		});

		expect(jsonList(result)[0]).toMatchObject({ id: fileSet.id, name: 'From URL' });
		expect(apiRequests()).toEqual([
			{ method: 'GET', path: `/api/files/v1/filesets/${fileSet.id}` },
		]);
	});

	it.each([
		['a DataSet page', 'https://acme.domo.com/datasources/1a2b3c/details/overview'],
		['a path without a scheme', 'acme.domo.com/datacenter/filesets/abc'],
	])('refuses %s as a FileSet URL, saying what to copy, and sends nothing', async (_, url) => {
		const error = await failureOf(
			run(baseUrl(), { parameters: fileSetParameters('get', { fileSetId: byUrl(url) }) }),
		);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(`"${url}" is not a Domo FileSet URL`);
		expect(error.message).toContain('/filesets/<id>');
		expect(server.requests).toHaveLength(0);
	});

	it('refuses an empty FileSet and sends nothing', async () => {
		const error = await failureOf(
			run(baseUrl(), { parameters: fileSetParameters('get', { fileSetId: byId(' ') }) }),
		);

		expect(error.message).toMatch(/FileSet is empty/);
		expect(server.requests).toHaveLength(0);
	});

	it('outputs one FileSet per input item, each paired with its item', async () => {
		const first = server.addFileSet({ name: 'First' });
		const second = server.addFileSet({ name: 'Second' });

		const result = await run(baseUrl(), {
			parameters: fileSetParameters('get', { fileSetId: byId('={{ $json.id }}') }),
			items: [{ json: { id: second.id } }, { json: { id: first.id } }],
		});

		expect(outputOf(result).map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Second', { item: 0 }],
			['First', { item: 1 }],
		]);
	});
});

describe('Update', () => {
	it('renames a FileSet and changes its description', async () => {
		const fileSet = server.addFileSet({ name: 'Old name', description: 'Old text' });

		const result = await run(baseUrl(), {
			parameters: fileSetParameters('update', {
				fileSetId: byId(fileSet.id),
				updateFields: { name: ' New name ', description: 'New text' },
			}),
		});

		expect(outputOf(result)).toEqual([
			{
				json: expect.objectContaining({
					id: fileSet.id,
					name: 'New name',
					description: 'New text',
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(server.fileSets.get(fileSet.id)).toMatchObject({
			name: 'New name',
			description: 'New text',
		});
		expect(apiRequests()).toEqual([
			{ method: 'POST', path: `/api/files/v1/filesets/${fileSet.id}` },
		]);
	});

	it('changes only the description and keeps the name', async () => {
		const fileSet = server.addFileSet({ name: 'Keep me', description: 'Before' });

		await run(baseUrl(), {
			parameters: fileSetParameters('update', {
				fileSetId: byId(fileSet.id),
				updateFields: { description: 'After' },
			}),
		});

		expect(server.fileSets.get(fileSet.id)).toMatchObject({
			name: 'Keep me',
			description: 'After',
		});
	});

	it('refuses an update with no fields and sends nothing', async () => {
		const fileSet = server.addFileSet({ name: 'Untouched' });

		const error = await failureOf(
			run(baseUrl(), {
				parameters: fileSetParameters('update', {
					fileSetId: byId(fileSet.id),
					updateFields: {},
				}),
			}),
		);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/Nothing to update/);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses a blank new name and sends nothing', async () => {
		const fileSet = server.addFileSet({ name: 'Named' });

		const error = await failureOf(
			run(baseUrl(), {
				parameters: fileSetParameters('update', {
					fileSetId: byId(fileSet.id),
					updateFields: { name: '  ' },
				}),
			}),
		);

		expect(error.message).toMatch(/new Name is empty/);
		expect(server.requests).toHaveLength(0);
		expect(server.fileSets.get(fileSet.id)?.name).toBe('Named');
	});
});

describe('Delete', () => {
	it.each(['200', '204'] as const)(
		'deletes a FileSet and outputs {id, deleted: true} when Domo answers %s',
		async (deleteStyle) => {
			server.variants.deleteStyle = deleteStyle;
			const fileSet = server.addFileSet({ name: 'Doomed' });

			const result = await run(baseUrl(), {
				parameters: fileSetParameters('delete', { fileSetId: byId(fileSet.id) }),
			});

			expect(outputOf(result)).toEqual([
				{
					json: expect.objectContaining({ id: fileSet.id, deleted: true }),
					pairedItem: { item: 0 },
				},
			]);
			expect(server.fileSets.has(fileSet.id)).toBe(false);
			expect(apiRequests()).toEqual([
				{ method: 'DELETE', path: `/api/files/v1/filesets/${fileSet.id}` },
			]);
		},
	);

	it("passes on Domo's confirmation message when there is one", async () => {
		const fileSet = server.addFileSet({ name: 'Doomed' });

		const result = await run(baseUrl(), {
			parameters: fileSetParameters('delete', { fileSetId: byId(fileSet.id) }),
		});

		expect(jsonList(result)[0]).toEqual({
			id: fileSet.id,
			deleted: true,
			message: 'FileSet deleted successfully.',
		});
	});

	it('outputs exactly {id, deleted: true} when Domo answers 204 with no body', async () => {
		server.variants.deleteStyle = '204';
		const fileSet = server.addFileSet({ name: 'Doomed' });

		const result = await run(baseUrl(), {
			parameters: fileSetParameters('delete', { fileSetId: byId(fileSet.id) }),
		});

		expect(jsonList(result)[0]).toEqual({ id: fileSet.id, deleted: true });
	});
});

describe('Get Many with filters, sorting and date filters', () => {
	beforeEach(() => {
		server.addFileSet({
			name: 'Alpha',
			accountId: 1,
			created: '2024-01-10T12:00:00.000Z',
		});
		server.addFileSet({
			name: 'Bravo',
			accountId: 5,
			created: '2024-02-10T12:00:00.000Z',
		});
		server.addFileSet({
			name: 'Charlie',
			accountId: 10,
			created: '2024-03-10T12:00:00.000Z',
		});
		server.addFileSet({
			name: 'Delta',
			accountId: null,
			created: '2024-04-10T12:00:00.000Z',
		});
	});

	it('lists every FileSet when no filter is set, each item paired with the input', async () => {
		const result = await run(baseUrl(), { parameters: getMany() });

		expect(namesOf(result)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
		expectPairedWith(result, 0);
	});

	it.each([
		['EQUALS', 'name', 'Bravo', ['Bravo']],
		['GREATER_THAN', 'accountId', '5', ['Charlie']],
		['GREATER_THAN_OR_EQUAL', 'accountId', '5', ['Bravo', 'Charlie']],
		['LESS_THAN', 'accountId', '5', ['Alpha']],
		['LESS_THAN_OR_EQUAL', 'accountId', '5', ['Alpha', 'Bravo']],
		['IN', 'name', 'Alpha, Charlie', ['Alpha', 'Charlie']],
		['IN', 'accountId', '1,10', ['Alpha', 'Charlie']],
		['IS_NULL', 'accountId', '', ['Delta']],
		['LIKE', 'name', 'ha', ['Alpha', 'Charlie']],
		['GREATER_THAN', 'created', '2024-03-01T00:00:00.000Z', ['Charlie', 'Delta']],
	])('filters with %s on %s %j', async (operator, field, value, expected) => {
		const result = await run(baseUrl(), {
			parameters: getMany({ filters: { filter: [{ field, operator, value }] } }),
		});

		expect(namesOf(result)).toEqual(expected);
		expectPairedWith(result, 0);
	});

	it.each(['EQUALS', 'IN', 'LIKE'])(
		'sends a name that looks like a number as text with %s',
		async (operator) => {
			server.addFileSet({ name: '007', accountId: 7, created: '2024-05-10T12:00:00.000Z' });
			const result = await run(baseUrl(), {
				parameters: getMany({ filters: { filter: [{ field: 'name', operator, value: '007' }] } }),
			});

			expect(namesOf(result)).toEqual(['007']);
		},
	);

	it.each([
		['LIKE', 'name', 'ha', ['Bravo', 'Delta']],
		['IS_NULL', 'accountId', '', ['Alpha', 'Bravo', 'Charlie']],
		['IN', 'name', 'Alpha,Bravo', ['Charlie', 'Delta']],
	])(
		'negates a %s filter to return what does not match',
		async (operator, field, value, expected) => {
			const result = await run(baseUrl(), {
				parameters: getMany({ filters: { filter: [{ field, operator, value, not: true }] } }),
			});

			expect(namesOf(result)).toEqual(expected);
		},
	);

	it('requires every filter to match by default', async () => {
		const result = await run(baseUrl(), {
			parameters: getMany({
				filters: {
					filter: [
						{ field: 'name', operator: 'LIKE', value: 'a' },
						{ field: 'accountId', operator: 'GREATER_THAN_OR_EQUAL', value: '5' },
					],
				},
			}),
		});

		expect(namesOf(result)).toEqual(['Bravo', 'Charlie']);
	});

	it('returns what matches any filter when Match Filters is "Any Filter"', async () => {
		const filters = {
			filter: [
				{ field: 'name', operator: 'EQUALS', value: 'Alpha' },
				{ field: 'accountId', operator: 'GREATER_THAN', value: '5' },
			],
		};

		const matchAny = await run(baseUrl(), {
			parameters: getMany({ filters, options: { filterMatch: 'any' } }),
		});
		const matchAll = await run(baseUrl(), {
			parameters: getMany({ filters, options: { filterMatch: 'all' } }),
		});

		expect(namesOf(matchAny)).toEqual(['Alpha', 'Charlie']);
		expect(namesOf(matchAll)).toEqual([]);
	});

	it('refuses a filter with no value and sends nothing', async () => {
		const error = await failureOf(
			run(baseUrl(), {
				parameters: getMany({ filters: { filter: [{ field: 'name', operator: 'EQUALS' }] } }),
			}),
		);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/Filter 1: enter a value/);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses to compare with a value that is neither a number nor a date', async () => {
		const error = await failureOf(
			run(baseUrl(), {
				parameters: getMany({
					filters: { filter: [{ field: 'accountId', operator: 'LESS_THAN', value: 'lots' }] },
				}),
			}),
		);

		expect(error.message).toMatch(/"lots" is neither a number nor a date/);
		expect(server.requests).toHaveLength(0);
	});

	it.each([
		['ASC', ['Alpha', 'Bravo', 'Charlie', 'Delta']],
		['DESC', ['Delta', 'Charlie', 'Bravo', 'Alpha']],
	])('sorts by name %s', async (order, expected) => {
		const result = await run(baseUrl(), {
			parameters: getMany({ sort: { field: [{ field: 'name', order }] } }),
		});

		expect(namesOf(result)).toEqual(expected);
	});

	it('sorts by a second field where the first one ties', async () => {
		server.addFileSet({ name: 'Echo', accountId: 5, created: '2024-05-10T12:00:00.000Z' });

		const result = await run(baseUrl(), {
			parameters: getMany({
				filters: { filter: [{ field: 'accountId', operator: 'IN', value: '5,10' }] },
				sort: {
					field: [
						{ field: 'accountId', order: 'ASC' },
						{ field: 'name', order: 'DESC' },
					],
				},
			}),
		});

		expect(namesOf(result)).toEqual(['Echo', 'Bravo', 'Charlie']);
	});

	it.each([
		['a start only', { start: '2024-02-01T00:00:00.000Z' }, ['Bravo', 'Charlie', 'Delta']],
		['an end only', { end: '2024-02-28T00:00:00.000Z' }, ['Alpha', 'Bravo']],
		[
			'a start and an end',
			{ start: '2024-02-01T00:00:00.000Z', end: '2024-03-31T00:00:00.000Z' },
			['Bravo', 'Charlie'],
		],
		[
			'a negated range',
			{ start: '2024-02-01T00:00:00.000Z', end: '2024-03-31T00:00:00.000Z', not: true },
			['Alpha', 'Delta'],
		],
		['an inclusive start', { start: '2024-02-10T12:00:00.000Z' }, ['Bravo', 'Charlie', 'Delta']],
	])('filters by created date with %s', async (_, range, expected) => {
		const result = await run(baseUrl(), {
			parameters: getMany({ dateFilters: { dateFilter: [{ field: 'created', ...range }] } }),
		});

		expect(namesOf(result)).toEqual(expected);
		expectPairedWith(result, 0);
	});

	it('refuses a date filter with neither start nor end and sends nothing', async () => {
		const error = await failureOf(
			run(baseUrl(), {
				parameters: getMany({ dateFilters: { dateFilter: [{ field: 'created' }] } }),
			}),
		);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/Date Filter 1: set a start, an end or both/);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses a date filter whose start is after its end and sends nothing', async () => {
		const error = await failureOf(
			run(baseUrl(), {
				parameters: getMany({
					dateFilters: {
						dateFilter: [
							{ field: 'created', start: '2024-03-01T00:00:00Z', end: '2024-02-01T00:00:00Z' },
						],
					},
				}),
			}),
		);

		expect(error.message).toMatch(/Date Filter 1: the start is after the end/);
		expect(server.requests).toHaveLength(0);
	});

	it('combines filters, a date filter and sorting in one search', async () => {
		const result = await run(baseUrl(), {
			parameters: getMany({
				filters: { filter: [{ field: 'accountId', operator: 'IS_NULL', not: true }] },
				dateFilters: { dateFilter: [{ field: 'created', start: '2024-02-01T00:00:00Z' }] },
				sort: { field: [{ field: 'name', order: 'DESC' }] },
			}),
		});

		expect(namesOf(result)).toEqual(['Charlie', 'Bravo']);
	});

	it('searches once per input item and pairs each result set with its item', async () => {
		const result = await run(baseUrl(), {
			parameters: getMany({
				filters: { filter: [{ field: 'name', operator: 'LIKE', value: '={{ $json.term }}' }] },
			}),
			items: [{ json: { term: 'ha' } }, { json: { term: 'zzz' } }, { json: { term: 'Delta' } }],
		});

		expect(outputOf(result).map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Alpha', { item: 0 }],
			['Charlie', { item: 0 }],
			['Delta', { item: 2 }],
		]);
		expect(server.requests.filter((request) => request.path.endsWith('/search'))).toHaveLength(3);
	});
});

describe('FileSet list search', () => {
	function listContext() {
		return createLoadOptionsContext({
			node: new DomoFileSets(),
			credentialType: new DomoApi(),
			credentials: { instance: baseUrl(), developerToken: TOKEN },
			parameters: fileSetParameters('get'),
		});
	}
	const { searchFileSets } = new DomoFileSets().methods.listSearch;

	it('offers FileSets whose name contains the typed text, by name and ID', async () => {
		const marketing = server.addFileSet({ name: 'Marketing Assets' });
		const reports = server.addFileSet({ name: 'Marketing Reports' });
		server.addFileSet({ name: 'Finance' });

		const page = await searchFileSets.call(listContext(), 'market');

		expect(page).toEqual({
			results: [
				{ name: 'Marketing Assets', value: marketing.id },
				{ name: 'Marketing Reports', value: reports.id },
			],
			paginationToken: undefined,
		});
	});

	it('pages through 150 FileSets with a pagination token, then stops', async () => {
		const seeded = server.addFileSets(150, 'Team');

		const first = await searchFileSets.call(listContext());
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toEqual(expect.any(String));

		const second = await searchFileSets.call(listContext(), undefined, first.paginationToken);
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();

		const offered = [...first.results, ...second.results].map((result) => result.value);
		expect(offered).toEqual(seeded.map((fileSet) => fileSet.id));
		expect(server.requests.map((request) => request.query.offset)).toEqual(['0', '100']);
	});

	it('pages through a filtered list too', async () => {
		server.addFileSets(120, 'Sales');
		server.addFileSets(30, 'Ops');

		const first = await searchFileSets.call(listContext(), 'sales');
		const second = await searchFileSets.call(listContext(), 'sales', first.paginationToken);

		expect(first.results).toHaveLength(100);
		expect(second.results).toHaveLength(20);
		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].every((r) => r.name.startsWith('Sales'))).toBe(
			true,
		);
	});
});
