import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRun } from '../node/setup';
import { byId, byPath, run, useStandIn } from '../node/setup';
import type { DomoStandIn } from '../server';
import { dataChanging, failureOf, hasStackTrace, isNodeError, userText } from './support';

interface Seeded {
	fileSetId: string;
	fileId: string;
	baseUrl: string;
}

interface BadInput {
	/** The behaviour, as the test name: "refuses …". */
	name: string;
	run: (seeded: Seeded) => NodeRun;
	/** The parameter, id or path the message must name. */
	names: RegExp;
	/** What the user is told to do, in the message or its description. */
	advice: RegExp;
	/** Cases that need Domo's answer may read; the rest must not reach Domo at all. */
	reaches?: 'readsOnly';
	before?: (server: DomoStandIn, seeded: Seeded) => void;
}

const file = { json: {}, binary: { data: { data: 'hello', fileName: 'hello.txt' } } };

function fileOp(operation: string, extra: INodeParameters = {}): (s: Seeded) => NodeRun {
	return (seeded) => ({
		parameters: { resource: 'file', operation, fileSetId: byId(seeded.fileSetId), ...extra },
		items: operation === 'upload' ? [file] : undefined,
	});
}

function fileSetOp(operation: string, extra: INodeParameters = {}): (s: Seeded) => NodeRun {
	return () => ({ parameters: { resource: 'fileSet', operation, ...extra } });
}

function fileSetGetAll(extra: IDataObject): (s: Seeded) => NodeRun {
	return fileSetOp('getAll', { returnAll: true, ...(extra as INodeParameters) });
}

function filter(entry: IDataObject): INodeParameters {
	return { filters: { filter: [{ field: 'name', operator: 'EQUALS', ...entry }] } };
}

function onInstance(instance: string): (s: Seeded) => NodeRun {
	return (seeded) => ({
		parameters: { resource: 'fileSet', operation: 'get', fileSetId: byId(seeded.fileSetId) },
		instance: instance.replace('BASE', seeded.baseUrl),
	});
}

const MAKE_A_PATH = /relative to the FileSet root|Remove the trailing|Write the full path|use "/;

const cases: BadInput[] = [
	{
		name: 'refuses an empty FileSet ID',
		run: fileSetOp('get', { fileSetId: byId('') }),
		names: /FileSet/,
		advice: /enter its ID or URL/,
	},
	{
		name: 'refuses a FileSet ID of only whitespace before deleting anything',
		run: fileSetOp('delete', { fileSetId: byId(' \t ') }),
		names: /FileSet is empty/,
		advice: /enter its ID or URL/,
	},
	{
		name: 'refuses an empty file ID',
		run: fileOp('get', { file: byId('') }),
		names: /File is empty/,
		advice: /enter its ID or path/,
	},
	{
		name: 'refuses a file ID of only whitespace before deleting anything',
		run: fileOp('delete', { file: byId('   ') }),
		names: /File is empty/,
		advice: /enter its ID or path/,
	},
	{
		name: 'refuses a file ID of ".." instead of deleting another resource',
		run: fileOp('delete', { file: byId('..') }),
		names: /"\.\."/,
		advice: /ID|path/,
	},
	{
		name: 'refuses a FileSet ID of "." instead of deleting another resource',
		run: fileSetOp('delete', { fileSetId: byId('.') }),
		names: /FileSet/,
		advice: /ID|URL/,
	},
	{
		name: 'refuses a URL that is not a FileSet URL',
		run: fileSetOp('get', {
			fileSetId: { __rl: true, mode: 'url', value: 'https://acme.domo.com/page/12345' },
		}),
		names: /https:\/\/acme\.domo\.com\/page\/12345" is not a Domo FileSet URL/,
		advice: /copy the address|By ID/,
	},
	{
		name: 'refuses a FileSet URL without an id',
		run: fileSetOp('delete', {
			fileSetId: { __rl: true, mode: 'url', value: 'https://acme.domo.com/datacenter/filesets/' },
		}),
		names: /not a Domo FileSet URL/,
		advice: /copy the address|By ID/,
	},
	{
		name: 'refuses text in URL mode that is not a URL',
		run: fileSetOp('get', { fileSetId: { __rl: true, mode: 'url', value: 'my fileset' } }),
		names: /"my fileset" is not a Domo FileSet URL/,
		advice: /copy the address|By ID/,
	},
	{
		name: 'refuses an upload Directory Path with a leading "/"',
		run: fileOp('upload', { directoryPath: '/reports/2024' }),
		names: /Directory Path "\/reports\/2024"/,
		advice: /use "reports\/2024"/,
	},
	{
		name: 'refuses an upload Directory Path with ".."',
		run: fileOp('upload', { directoryPath: 'reports/../secrets' }),
		names: /Directory Path "reports\/\.\.\/secrets"/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses an upload Directory Path with a trailing "/"',
		run: fileOp('upload', { directoryPath: 'reports/' }),
		names: /Directory Path "reports\/"/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses an upload File Name of ".."',
		run: fileOp('upload', { directoryPath: 'reports', options: { fileName: '..' } }),
		names: /File Name|"\.\."/,
		advice: /name/i,
	},
	{
		name: 'refuses an upload File Name with a "/"',
		run: fileOp('upload', { options: { fileName: 'a/b.txt' } }),
		names: /"a\/b\.txt"/,
		advice: /Directory Path/,
	},
	{
		name: 'refuses a Get Many Directory Path with a leading "/"',
		run: fileOp('getAll', { directoryPath: '/reports' }),
		names: /Directory Path "\/reports"/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses a Get Many Directory Path with ".."',
		run: fileOp('getAll', { directoryPath: '..' }),
		names: /Directory Path "\.\."/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses a Get Many Directory Path with a trailing "/"',
		run: fileOp('getAll', { directoryPath: 'reports/2024/' }),
		names: /Directory Path "reports\/2024\/"/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses a Query Directory Path with a leading "/"',
		run: fileOp('query', { query: 'sales', options: { directoryPath: '/reports' } }),
		names: /Directory Path "\/reports"/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses a Query Directory Path with ".."',
		run: fileOp('query', { query: 'sales', options: { directoryPath: 'a/../../b' } }),
		names: /Directory Path "a\/\.\.\/\.\.\/b"/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses a Query Directory Path with a trailing "/"',
		run: fileOp('query', { query: 'sales', options: { directoryPath: 'reports/' } }),
		names: /Directory Path "reports\/"/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses a File Path with a leading "/" before deleting anything',
		run: fileOp('delete', { file: byPath('/a.txt') }),
		names: /File Path "\/a\.txt"/,
		advice: /use "a\.txt"/,
	},
	{
		name: 'refuses a File Path with ".."',
		run: fileOp('download', { file: byPath('reports/../a.txt') }),
		names: /File Path "reports\/\.\.\/a\.txt"/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses a File Path with a trailing "/"',
		run: fileOp('get', { file: byPath('reports/') }),
		names: /File Path "reports\/"/,
		advice: MAKE_A_PATH,
	},
	{
		name: 'refuses an empty File Path',
		run: fileOp('delete', { file: byPath('  ') }),
		names: /File Path is empty/,
		advice: /Enter a path/,
	},
	{
		name: 'names the missing input binary field and the fields the item has',
		run: fileOp('upload', { binaryPropertyName: 'attachment' }),
		names: /no binary field "attachment".*"data"/,
		advice: /Set "Input Binary Field"/,
	},
	{
		name: 'explains an upload from an item without binary data',
		run: (seeded) => ({ ...fileOp('upload')(seeded), items: [{ json: { a: 1 } }] }),
		names: /no binary data.*"data"/,
		advice: /Input Binary Field/,
	},
	{
		name: 'refuses an empty output binary field on download',
		run: fileOp('download', { file: byPath('seeded.txt'), binaryPropertyName: '  ' }),
		names: /Put Output File in Field|binary field/i,
		advice: /Enter|Set/,
	},
	{
		name: 'refuses a Top K of 0',
		run: fileOp('query', { query: 'sales', options: { topK: 0 } }),
		names: /Top K/,
		advice: /whole number of at least 1/,
	},
	{
		name: 'refuses a negative Top K',
		run: fileOp('query', { query: 'sales', options: { topK: -3 } }),
		names: /Top K/,
		advice: /whole number of at least 1/,
	},
	{
		name: 'refuses a Limit of 0 for FileSets',
		run: fileSetOp('getAll', { returnAll: false, limit: 0 }),
		names: /Limit/,
		advice: /whole number of at least 1/,
	},
	{
		name: 'refuses a negative Limit for files',
		run: fileOp('getAll', { returnAll: false, limit: -5 }),
		names: /Limit/,
		advice: /whole number of at least 1/,
	},
	{
		name: 'refuses a filter value that is an object',
		run: fileSetGetAll(filter({ value: { a: 1 } })),
		names: /Filter 1/,
		advice: /must be text, a number or true\/false/,
	},
	{
		name: 'refuses a comparison against a value that is neither a number nor a date',
		run: fileSetGetAll(filter({ field: 'size', operator: 'GREATER_THAN', value: 'banana' })),
		names: /Filter 1: "banana"/,
		advice: /neither a number nor a date/,
	},
	{
		name: 'refuses a filter without a field',
		run: fileSetGetAll(filter({ field: ' ', value: 'x' })),
		names: /Filter 1/,
		advice: /enter the field/,
	},
	{
		name: 'refuses an unknown filter operator',
		run: fileSetGetAll(filter({ operator: 'BETWEEN', value: 'x' })),
		names: /Filter 1: unknown operator "BETWEEN"/,
		advice: /operator/,
	},
	{
		name: 'refuses a date filter with neither start nor end',
		run: fileSetGetAll({ dateFilters: { dateFilter: [{ field: 'created' }] } }),
		names: /Date Filter 1/,
		advice: /set a start, an end or both/,
	},
	{
		name: 'refuses a date filter whose start is after its end',
		run: fileSetGetAll({
			dateFilters: {
				dateFilter: [{ field: 'created', start: '2024-05-01', end: '2024-01-01' }],
			},
		}),
		names: /Date Filter 1/,
		advice: /start is after the end/,
	},
	{
		name: 'refuses an instance with a path',
		run: onInstance('BASE/datacenter/filesets'),
		names: /instance URL ".*\/datacenter\/filesets" has a path/,
		advice: /Use only the scheme and host/,
	},
	{
		name: 'refuses an instance with a user name and password',
		run: onInstance('https://admin:hunter2@acme.domo.com'),
		names: /instance URL must not contain a user name or password/,
		advice: /Developer Token/,
	},
	{
		name: 'refuses an instance with spaces',
		run: onInstance('acme corp'),
		names: /"acme corp" is not a Domo instance/,
		advice: /Use "acme"/,
	},
	{
		name: 'refuses an empty instance',
		run: onInstance('   '),
		names: /Domo instance is empty/,
		advice: /Enter it as/,
	},
	{
		name: 'refuses an empty FileSet name before creating anything',
		run: fileSetOp('create', { name: '  ' }),
		names: /Name is empty/,
		advice: /Give the new FileSet a name/,
	},
	{
		name: 'refuses an update with nothing to change',
		run: (seeded) => fileSetOp('update', { fileSetId: byId(seeded.fileSetId) })(seeded),
		names: /Update Fields/,
		advice: /Add a Name or a Description/,
	},
	{
		name: 'refuses an empty query',
		run: fileOp('query', { query: '   ' }),
		names: /Query is empty/,
		advice: /Enter what to search for/,
	},
	{
		name: 'refuses a Part Size of 0',
		run: fileOp('upload', { options: { partSize: 0 } }),
		names: /Part Size/,
		advice: /whole number of at least 1/,
	},
	{
		name: 'refuses negative Max Retries',
		run: fileSetOp('getAll', { options: { maxRetries: -1 } }),
		names: /Max Retries/,
		advice: /whole number of at least 0/,
	},
	{
		name: 'refuses a Timeout of 0',
		run: fileOp('get', { file: byId('x'), options: { timeout: 0 } }),
		names: /Timeout/,
		advice: /whole number of at least 1/,
	},
	{
		name: 'names the FileSet ID Domo does not know (404)',
		run: fileSetOp('get', { fileSetId: byId('no-such-fileset') }),
		names: /FileSet "no-such-fileset" \(404\)/,
		advice: /Check the id/,
		reaches: 'readsOnly',
	},
	{
		name: 'names the file ID Domo does not know (404)',
		run: fileOp('download', { file: byId('no-such-file') }),
		names: /file with ID "no-such-file" .*\(404\)/,
		advice: /Check the id/,
		reaches: 'readsOnly',
	},
	{
		name: 'names the file path Domo does not know (404)',
		run: fileOp('get', { file: byPath('reports/missing.pdf') }),
		names: /file at path "reports\/missing\.pdf" .*\(404\)/,
		advice: /Check the id or path/,
		reaches: 'readsOnly',
	},
	{
		name: 'explains an HTML page where JSON was expected',
		run: (seeded) => fileSetOp('get', { fileSetId: byId(seeded.fileSetId) })(seeded),
		before: (server, seeded) =>
			server.addFault({
				method: 'GET',
				path: new RegExp(`/filesets/${seeded.fileSetId}$`),
				kind: 'status',
				status: 200,
				contentType: 'text/html',
				body: '<!doctype html><html><head><title>Sign in</title></head><body>Log in</body></html>',
			}),
		names: /where JSON was expected/,
		advice: /Check the instance/,
		reaches: 'readsOnly',
	},
];

describe('bad input', () => {
	const { server, baseUrl } = useStandIn();
	const tally = { cases: 0, clear: 0, typeErrors: 0, dataChanging: 0 };
	let seeded: Seeded;

	beforeAll(() => {
		const fileSet = server.addFileSet({ name: 'Bad input' });
		const seededFile = server.addFile(fileSet.id, 'seeded.txt', 'seeded');
		seeded = { fileSetId: fileSet.id, fileId: seededFile.id, baseUrl: baseUrl() };
	});

	beforeEach(() => {
		server.clearFaults();
		server.resetRequests();
	});

	afterAll(() => {
		process.stdout.write(
			`bad-input suite: ${tally.cases} cases, ${tally.clear} clear errors, ` +
				`${tally.typeErrors} type errors, ${tally.dataChanging} data-changing requests\n`,
		);
	});

	for (const input of cases) {
		it(input.name, async () => {
			tally.cases++;
			input.before?.(server, seeded);
			const error = await failureOf(run(baseUrl(), input.run(seeded)));
			const text = userText(error);
			const changes = dataChanging(server.requests);
			if (error instanceof TypeError || /TypeError|Cannot read prop/.test(text)) {
				tally.typeErrors++;
			}
			tally.dataChanging += changes.length;

			expect(error).not.toBeInstanceOf(TypeError);
			expect(changes.map((request) => `${request.method} ${request.path}`)).toEqual([]);
			if (input.reaches === undefined) expect(server.requests).toHaveLength(0);
			expect(isNodeError(error)).toBe(true);
			expect(hasStackTrace(text)).toBe(false);
			expect(text).toMatch(input.names);
			expect(text).toMatch(input.advice);
			tally.clear++;
		});
	}
});
