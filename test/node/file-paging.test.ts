import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FileRecord, RecordedRequest, Variants } from '../server';
import { defaultVariants } from '../server';
import { byId, jsonOf, run, useStandIn } from './setup';

type CursorEnd = Variants['fileCursorEnd'];
type Wanted = 'all' | 50 | 100 | 150;

const SIZES = [0, 1, 100, 101, 250] as const;
const WANTED: Wanted[] = ['all', 50, 100, 150];

/**
 * Search requests per listing, by how the cursor ends, the number of files and Return All or
 * Limit. Pages hold 100 files. A null or absent cursor ends the listing on its last page; a
 * repeated cursor points past the end, so one more (empty) page is fetched to see it repeat.
 * With repeatOnLast the last page still carries files but sends back the cursor it was asked
 * with, so only the repeat can end the listing there. A Limit stops as soon as enough files
 * have arrived.
 */
const REQUESTS: Record<CursorEnd, Record<number, Record<Wanted, number>>> = {
	null: {
		0: { all: 1, 50: 1, 100: 1, 150: 1 },
		1: { all: 1, 50: 1, 100: 1, 150: 1 },
		100: { all: 1, 50: 1, 100: 1, 150: 1 },
		101: { all: 2, 50: 1, 100: 1, 150: 2 },
		250: { all: 3, 50: 1, 100: 1, 150: 2 },
	},
	absent: {
		0: { all: 1, 50: 1, 100: 1, 150: 1 },
		1: { all: 1, 50: 1, 100: 1, 150: 1 },
		100: { all: 1, 50: 1, 100: 1, 150: 1 },
		101: { all: 2, 50: 1, 100: 1, 150: 2 },
		250: { all: 3, 50: 1, 100: 1, 150: 2 },
	},
	repeat: {
		0: { all: 1, 50: 1, 100: 1, 150: 1 },
		1: { all: 2, 50: 2, 100: 2, 150: 2 },
		100: { all: 2, 50: 1, 100: 1, 150: 2 },
		101: { all: 3, 50: 1, 100: 1, 150: 3 },
		250: { all: 4, 50: 1, 100: 1, 150: 2 },
	},
	repeatOnLast: {
		0: { all: 1, 50: 1, 100: 1, 150: 1 },
		1: { all: 1, 50: 1, 100: 1, 150: 1 },
		100: { all: 1, 50: 1, 100: 1, 150: 1 },
		101: { all: 2, 50: 1, 100: 1, 150: 2 },
		250: { all: 3, 50: 1, 100: 1, 150: 2 },
	},
};

// A listing that misses the end pages forever; this fails it well before Jest's own timeout.
const LISTING_TIMEOUT_MS = 10_000;

const CASES = (['null', 'absent', 'repeat', 'repeatOnLast'] as const).flatMap((end) =>
	SIZES.flatMap((size) =>
		WANTED.map((wanted) => ({
			end,
			size,
			wanted,
			label: wanted === 'all' ? 'Return All' : `Limit ${wanted}`,
		})),
	),
);

function pagingOf(wanted: Wanted): INodeParameters {
	return wanted === 'all' ? { returnAll: true } : { returnAll: false, limit: wanted };
}

/** The offset a stand-in cursor points at; it is base64 of a small JSON object. */
function cursorOffset(cursor: string): number {
	return (JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { o: number }).o;
}

describe('file Get Many paging', () => {
	const { server, baseUrl } = useStandIn();
	const seeded = new Map<number, { fileSetId: string; files: FileRecord[] }>();

	beforeAll(() => {
		for (const size of SIZES) {
			const fileSetId = server.addFileSet({ name: `Paging ${size}` }).id;
			seeded.set(size, { fileSetId, files: server.addFiles(fileSetId, size) });
		}
	});

	beforeEach(() => {
		server.variants = defaultVariants();
		server.clearFaults();
		server.resetRequests();
	});

	function searches(): RecordedRequest[] {
		return server.requests.filter((request) => request.path.endsWith('/files/search'));
	}

	async function getMany(fileSetId: string, extra: INodeParameters): Promise<IDataObject[]> {
		const result = await run(baseUrl(), {
			parameters: { resource: 'file', operation: 'getAll', fileSetId: byId(fileSetId), ...extra },
		});
		return jsonOf(result) as IDataObject[];
	}

	it.each(CASES)(
		'lists a FileSet of $size files with $label when the cursor ends as $end',
		async ({ end, size, wanted }) => {
			server.variants.fileCursorEnd = end;
			const { fileSetId, files } = seeded.get(size) ?? { fileSetId: '', files: [] };

			const listed = await getMany(fileSetId, pagingOf(wanted));

			const expected = wanted === 'all' ? files : files.slice(0, wanted);
			expect(listed.map((file) => file.id)).toEqual(expected.map((file) => file.id));
			expect(new Set(listed.map((file) => file.id)).size).toBe(listed.length);
			expect(searches()).toHaveLength(REQUESTS[end][size][wanted]);
		},
		LISTING_TIMEOUT_MS,
	);

	it('sends the base64 cursor URL-encoded, so it arrives intact on every page', async () => {
		const { fileSetId } = seeded.get(250) ?? { fileSetId: '' };
		await getMany(fileSetId, { returnAll: true });

		const cursors = searches().map((request) => request.query.next);
		expect(cursors[0]).toBeUndefined();
		// The stand-in's cursors contain "+", "/" and "=", which a raw query string would mangle.
		expect(cursors.slice(1).every((cursor) => /[+/=]/.test(cursor))).toBe(true);
		expect(cursors.slice(1).map(cursorOffset)).toEqual([100, 200]);
		expect(searches().every((request) => request.query.limit === '100')).toBe(true);
	});

	it('sends the sort on every page, so the order holds across pages', async () => {
		const { fileSetId, files } = seeded.get(250) ?? { fileSetId: '', files: [] };
		const listed = await getMany(fileSetId, {
			returnAll: true,
			sort: { field: [{ field: 'name', order: 'DESC' }] },
		});

		expect(listed.map((file) => file.name)).toEqual(files.map((file) => file.name).reverse());
		expect(searches()).toHaveLength(3);
	});

	it('sends the filters on every page and returns only the matches', async () => {
		const { fileSetId, files } = seeded.get(250) ?? { fileSetId: '', files: [] };
		const listed = await getMany(fileSetId, {
			returnAll: true,
			filters: { filter: [{ field: 'name', operator: 'LIKE', value: '-1', not: true }] },
		});

		const expected = files.filter((file) => !file.name.includes('-1'));
		expect(expected.length).toBeGreaterThan(100);
		expect(listed.map((file) => file.id)).toEqual(expected.map((file) => file.id));
		expect(searches()).toHaveLength(2);
	});

	describe('directories', () => {
		let fileSetId = '';

		beforeEach(() => {
			fileSetId = server.addFileSet().id;
			server.addDirectory(fileSetId, 'reports');
			server.addFiles(fileSetId, 2, 'reports/2024');
			server.addFile(fileSetId, 'reports/summary.txt', 'summary');
			server.addFile(fileSetId, 'readme.txt', 'root file');
		});

		it('lists directories as items with fileType DIRECTORY and no size', async () => {
			const listed = await getMany(fileSetId, { returnAll: true });

			expect(listed.map((file) => [file.path, file.fileType, file.size])).toEqual([
				['reports', 'DIRECTORY', null],
				['reports/2024', 'DIRECTORY', null],
				['reports/2024/file-1.txt', 'TEXT', 14],
				['reports/2024/file-2.txt', 'TEXT', 14],
				['reports/summary.txt', 'TEXT', 7],
				['readme.txt', 'TEXT', 9],
			]);
			expect(searches()[0].query).toEqual({ limit: '100' });
		});

		it('lists everything under a Directory Path, subdirectories included', async () => {
			const listed = await getMany(fileSetId, { returnAll: true, directoryPath: 'reports' });

			expect(listed.map((file) => file.path)).toEqual([
				'reports/2024',
				'reports/2024/file-1.txt',
				'reports/2024/file-2.txt',
				'reports/summary.txt',
			]);
			expect(searches()[0].query).toEqual({ directoryPath: 'reports', limit: '100' });
		});

		it('lists only the immediate children of a Directory Path when asked', async () => {
			const listed = await getMany(fileSetId, {
				returnAll: true,
				directoryPath: 'reports',
				immediateChildren: true,
			});

			expect(listed.map((file) => [file.path, file.fileType])).toEqual([
				['reports/2024', 'DIRECTORY'],
				['reports/summary.txt', 'TEXT'],
			]);
			expect(searches()[0].query).toEqual({
				directoryPath: 'reports',
				immediateChildren: 'true',
				limit: '100',
			});
		});

		it('refuses a Directory Path with a leading slash before asking Domo', async () => {
			await expect(
				getMany(fileSetId, { returnAll: true, directoryPath: '/reports' }),
			).rejects.toThrow('Directory Path "/reports" starts with "/"');
			expect(server.requests).toHaveLength(0);
		});
	});
});
