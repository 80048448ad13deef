import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunResult } from '../harness';
import type { Variants } from '../server';
import { defaultVariants } from '../server';
import { run, useStandIn } from './setup';

const { server, baseUrl } = useStandIn();

const PAGE = 100;
const SEARCH_PATH = '/api/files/v1/filesets/search';
const SHAPES: Array<Variants['pageContextShape']> = [
	'offsetLimitTotal',
	'countTotalCount',
	'nextOffsetLimitTotal',
];
const SIZES = [0, 1, 100, 101, 250];
const LIMITS = [50, 100, 150, 250, 300];

beforeEach(() => {
	server.fileSets.clear();
	server.variants = defaultVariants();
	server.clearFaults();
	server.resetRequests();
});

function getMany(paging: INodeParameters): INodeParameters {
	return { resource: 'fileSet', operation: 'getAll', ...paging };
}

function idsOf(result: RunResult): string[] {
	return result.items[0].map((item) => String(item.json.id));
}

function searchOffsets(): string[] {
	return server.requests
		.filter((request) => request.method === 'POST' && request.path === SEARCH_PATH)
		.map((request) => request.query.offset);
}

/**
 * Every shape carries a total (`total` or `totalCount`), so a correct pager needs exactly the
 * pages that hold the wanted items, and one request when there is nothing to find.
 */
function pagesNeeded(wanted: number): number {
	return Math.max(1, Math.ceil(wanted / PAGE));
}

function offsetsOf(pages: number, step = PAGE): string[] {
	return Array.from({ length: pages }, (_, page) => String(page * step));
}

function seed(count: number): string[] {
	const ids = server.addFileSets(count, 'Paged').map((fileSet) => fileSet.id);
	server.resetRequests();
	return ids;
}

function expectEachOnceInOrder(result: RunResult, expected: string[]): void {
	const ids = idsOf(result);
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids).toEqual(expected);
	for (const item of result.items[0]) expect(item.pairedItem).toEqual({ item: 0 });
}

describe.each(SHAPES)('Get Many when Domo pages with the %s pageContext', (shape) => {
	beforeEach(() => {
		server.variants.pageContextShape = shape;
	});

	test.each(SIZES)(
		'Return All over %i FileSets returns each once, stopping when the offset reaches the total',
		async (count) => {
			const seeded = seed(count);

			const result = await run(baseUrl(), { parameters: getMany({ returnAll: true }) });

			expectEachOnceInOrder(result, seeded);
			expect(searchOffsets()).toEqual(offsetsOf(pagesNeeded(count)));
		},
	);

	test.each(SIZES.flatMap((count) => LIMITS.map((limit) => [limit, count])))(
		'Limit %i over %i FileSets returns up to the limit and fetches only the pages it needs',
		async (limit, count) => {
			const seeded = seed(count);

			const result = await run(baseUrl(), {
				parameters: getMany({ returnAll: false, limit }),
			});

			expectEachOnceInOrder(result, seeded.slice(0, limit));
			expect(searchOffsets()).toEqual(offsetsOf(pagesNeeded(Math.min(limit, count))));
		},
	);
});

describe('Get Many when Domo answers with pages of its own making', () => {
	function fileSets(from: number, count: number): IDataObject[] {
		return Array.from({ length: count }, (_, index) => ({
			id: `fs-${from + index}`,
			name: `Served ${from + index}`,
		}));
	}

	/** Answers the next searches with these bodies, one each, in order. */
	function servePages(pages: IDataObject[]): void {
		pages.forEach((page, index) => {
			server.addFault({
				method: 'POST',
				path: '/filesets/search',
				kind: 'status',
				status: 200,
				contentType: 'application/json',
				body: JSON.stringify(page),
				skip: index,
				times: 1,
			});
		});
	}

	it('asks for one more page after a full last page when Domo gives no total', async () => {
		servePages([
			{ fileSets: fileSets(0, 100), pageContext: { offset: 0, limit: 100 } },
			{ fileSets: [], pageContext: { offset: 100, limit: 100 } },
		]);

		const result = await run(baseUrl(), { parameters: getMany({ returnAll: true }) });

		expect(idsOf(result)).toEqual(fileSets(0, 100).map((fileSet) => fileSet.id));
		expect(searchOffsets()).toEqual(['0', '100']);
	});

	it('keeps paging when Domo serves smaller pages than asked and says so in limit', async () => {
		servePages([
			{ fileSets: fileSets(0, 50), pageContext: { offset: 0, limit: 50, total: 120 } },
			{ fileSets: fileSets(50, 50), pageContext: { offset: 50, limit: 50, total: 120 } },
			{ fileSets: fileSets(100, 20), pageContext: { offset: 100, limit: 50, total: 120 } },
		]);

		const result = await run(baseUrl(), { parameters: getMany({ returnAll: true }) });

		expect(idsOf(result)).toEqual(fileSets(0, 120).map((fileSet) => fileSet.id));
		expect(searchOffsets()).toEqual(offsetsOf(3, 50));
	});

	it('stops on an empty page even when the total promises more', async () => {
		servePages([
			{ fileSets: fileSets(0, 100), pageContext: { offset: 0, limit: 100, total: 500 } },
			{ fileSets: [], pageContext: { offset: 100, limit: 100, total: 500 } },
		]);

		const result = await run(baseUrl(), { parameters: getMany({ returnAll: true }) });

		expect(idsOf(result)).toHaveLength(100);
		expect(searchOffsets()).toEqual(['0', '100']);
	});
});
