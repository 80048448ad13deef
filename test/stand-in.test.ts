import { createHash } from 'node:crypto';

import { defaultVariants, DomoStandIn, virtualBytes, virtualSha256 } from './server';

const TOKEN = 'stand-in-secret';
const standIn = new DomoStandIn({ token: TOKEN });
let api = '';

type Body = Record<string, unknown>;

function call(path: string, init: RequestInit = {}): Promise<Response> {
	const headers = { 'x-domo-developer-token': TOKEN, ...(init.headers as Record<string, string>) };
	return fetch(`${api}${path}`, { ...init, headers });
}

async function post(path: string, body: unknown): Promise<Response> {
	const headers = { 'content-type': 'application/json' };
	return call(path, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function json(response: Response): Promise<Body> {
	return (await response.json()) as Body;
}

function sha256(content: Uint8Array): string {
	return createHash('sha256').update(content).digest('hex');
}

function uploadForm(content: Uint8Array, name: string, directoryPath: string): FormData {
	const form = new FormData();
	form.append('file', new Blob([content], { type: 'text/plain' }), name);
	form.append('createFileRequest', JSON.stringify({ directoryPath }));
	return form;
}

beforeAll(async () => {
	api = `${await standIn.start()}/api/files/v1`;
});

afterAll(() => standIn.stop());

beforeEach(() => {
	standIn.variants = defaultVariants();
	standIn.clearFaults();
});

describe('authentication', () => {
	it('answers 401 with a Domo error body when the token is missing or wrong', async () => {
		const attempts: Array<Record<string, string>> = [{}, { 'x-domo-developer-token': 'wrong' }];
		for (const headers of attempts) {
			const response = await fetch(`${api}/filesets/search`, { method: 'POST', headers });
			expect(response.status).toBe(401);
			expect(await json(response)).toMatchObject({
				status: 401,
				statusReason: 'Unauthorized',
				path: '/api/files/v1/filesets/search',
				message: 'Full authentication is required to access this resource',
				toe: expect.any(String),
			});
		}
	});
});

describe('FileSets', () => {
	it('creates a FileSet, reads it back and refuses a duplicate name', async () => {
		const created = await json(await post('/filesets', { name: 'Created', description: 'd' }));
		expect(created).toMatchObject({ name: 'Created', connector: 'DOMO', fileCount: 0, size: 0 });

		const read = await json(await call(`/filesets/${String(created.id)}`));
		expect(read).toEqual(created);
		expect((await post('/filesets', { name: 'Created' })).status).toBe(409);
		expect((await post('/filesets', {})).status).toBe(400);
	});

	it('names the id in the 404 for an unknown FileSet', async () => {
		const response = await call('/filesets/no-such-id');
		expect(response.status).toBe(404);
		expect((await json(response)).message).toBe('FileSet no-such-id not found');
	});

	it.each([
		['offsetLimitTotal', { offset: 2, limit: 2, total: 5 }],
		['countTotalCount', { count: 2, totalCount: 5, offset: 2 }],
		['nextOffsetLimitTotal', { next: 4, offset: 2, limit: 2, total: 5 }],
	] as const)('pages a search with the %s page context', async (shape, pageContext) => {
		standIn.variants.pageContextShape = shape;
		standIn.addFileSets(5, `Paged ${shape}`);
		const filters = [{ field: 'name', operator: 'LIKE', value: [`paged ${shape}`] }];
		const page = await json(await post('/filesets/search?limit=2&offset=2', { filters }));
		expect(page.pageContext).toEqual(pageContext);
		expect((page.fileSets as Body[]).map((fileSet) => fileSet.name)).toEqual([
			`Paged ${shape} 3`,
			`Paged ${shape} 4`,
		]);
	});

	it('combines nested OR filters, not and a descending sort', async () => {
		for (const name of ['Alpha one', 'Beta two', 'Gamma three']) standIn.addFileSet({ name });
		const filters = [
			{
				operator: 'OR',
				filters: [
					{ field: 'name', operator: 'EQUALS', value: ['Alpha one'] },
					{ field: 'name', operator: 'LIKE', value: ['gamma'] },
					{ field: 'name', operator: 'LIKE', value: ['beta'] },
				],
			},
			{ field: 'name', operator: 'LIKE', value: ['beta'], not: true },
		];
		const fieldSort = [{ field: 'name', order: 'DESC' }];
		const page = await json(await post('/filesets/search', { filters, fieldSort }));
		const names = (page.fileSets as Body[]).map((fileSet) => fileSet.name);
		expect(names).toEqual(['Gamma three', 'Alpha one']);
	});

	it('rejects an unknown operator and a date filter without bounds', async () => {
		const unknown = { filters: [{ field: 'name', operator: 'SOUNDS_LIKE', value: ['x'] }] };
		expect((await post('/filesets/search', unknown)).status).toBe(400);
		const unbounded = { dateFilters: [{ field: 'created' }] };
		expect((await post('/filesets/search', unbounded)).status).toBe(400);
	});
});

describe('file listing', () => {
	async function listAll(
		fileSetId: string,
	): Promise<{ paths: string[]; last: Body; sent: string | null }> {
		const paths: string[] = [];
		const seen = new Set<string>();
		let next: string | null = null;
		for (;;) {
			const query = next === null ? '' : `&next=${encodeURIComponent(next)}`;
			const url = `/filesets/${fileSetId}/files/search?directoryPath=bulk&limit=2${query}`;
			const page = await json(await post(url, {}));
			paths.push(...(page.files as Body[]).map((file) => String(file.path)));
			const context = page.pageContext as Body;
			const cursor = (context.next ?? null) as string | null;
			if (cursor === null || seen.has(cursor)) return { paths, last: context, sent: next };
			seen.add(cursor);
			next = cursor;
		}
	}

	it.each(['null', 'absent', 'repeat', 'repeatOnLast'] as const)(
		'ends cursor paging the %s way without losing files',
		async (end) => {
			standIn.variants.fileCursorEnd = end;
			const fileSet = standIn.addFileSet();
			standIn.addFiles(fileSet.id, 5, 'bulk');
			const { paths, last, sent } = await listAll(fileSet.id);
			expect(paths).toEqual([1, 2, 3, 4, 5].map((n) => `bulk/file-${n}.txt`));
			if (end === 'null') expect(last).toEqual({ next: null });
			if (end === 'absent') expect(last).toEqual({});
			if (end === 'repeat') expect(typeof last.next).toBe('string');
			if (end === 'repeatOnLast') expect(last).toEqual({ next: sent });
			if (end === 'repeatOnLast') expect(typeof sent).toBe('string');
		},
	);

	it('repeats no cursor in repeatOnLast mode when the first page holds everything', async () => {
		standIn.variants.fileCursorEnd = 'repeatOnLast';
		const fileSet = standIn.addFileSet();
		standIn.addFiles(fileSet.id, 2);
		const page = await json(await post(`/filesets/${fileSet.id}/files/search`, {}));
		expect((page.files as Body[]).length).toBe(2);
		expect(page.pageContext).toEqual({ next: null });
	});

	it('returns a null cursor in repeat mode when there is nothing to list', async () => {
		standIn.variants.fileCursorEnd = 'repeat';
		const fileSet = standIn.addFileSet();
		const page = await json(await post(`/filesets/${fileSet.id}/files/search`, {}));
		expect(page).toEqual({ files: [], pageContext: { next: null } });
	});

	it('issues cursors that break when a client leaves them unencoded', async () => {
		const fileSet = standIn.addFileSet();
		standIn.addFiles(fileSet.id, 3);
		const first = await json(await post(`/filesets/${fileSet.id}/files/search?limit=1`, {}));
		const cursor = String((first.pageContext as Body).next);
		expect(cursor).toMatch(/\+/);
		const raw = await post(`/filesets/${fileSet.id}/files/search?limit=1&next=${cursor}`, {});
		expect(raw.status).toBe(400);
	});

	it('lists directories, and only direct children with immediateChildren', async () => {
		const fileSet = standIn.addFileSet();
		standIn.addFile(fileSet.id, 'a/b/deep.txt', 'deep');
		standIn.addFile(fileSet.id, 'a/top.txt', 'top');
		const url = `/filesets/${fileSet.id}/files/search?directoryPath=a&immediateChildren=true`;
		const page = await json(await post(url, {}));
		const files = page.files as Body[];
		expect(files.map((file) => file.path)).toEqual(['a/b', 'a/top.txt']);
		expect(files[0]).toMatchObject({ fileType: 'DIRECTORY', size: null, hash: null });
	});
});

describe('upload', () => {
	const tricky = Buffer.concat([
		Buffer.from('line one\r\n--boundary\r\n--\r\n\r\nContent-Disposition: form-data\r\n'),
		Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
	]);
	const name = "Bericht für Q1 – 東京 (final) 'v2'.txt";

	it('stores multipart bytes exactly and serves them back under the UTF-8 name', async () => {
		const fileSet = standIn.addFileSet();
		const form = uploadForm(tricky, name, 'in/box');
		const response = await call(`/filesets/${fileSet.id}/files`, { method: 'POST', body: form });
		expect(response.status).toBe(201);
		const file = await json(response);
		expect(file).toMatchObject({ path: `in/box/${name}`, size: tricky.length });
		expect(file.hash).toBe(sha256(tricky));

		const download = await call(`/filesets/${fileSet.id}/files/${String(file.id)}/download`);
		expect(Buffer.from(await download.arrayBuffer())).toEqual(tricky);
		const disposition = download.headers.get('content-disposition') ?? '';
		const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
		expect(decodeURIComponent(encoded)).toBe(name);
	});

	it('accepts createFileRequest sent as a JSON file part', async () => {
		const fileSet = standIn.addFileSet();
		const form = new FormData();
		const request = new Blob(['{"directoryPath":"json"}'], { type: 'application/json' });
		form.append('createFileRequest', request, 'blob');
		form.append('file', new Blob(['x']), 'x.txt');
		const response = await call(`/filesets/${fileSet.id}/files`, { method: 'POST', body: form });
		expect((await json(response)).path).toBe('json/x.txt');
	});

	it('replaces in place when overwrite is allowed and answers 409 when it is not', async () => {
		const fileSet = standIn.addFileSet();
		const original = standIn.addFile(fileSet.id, 'same.txt', 'old');
		const replace = (): Promise<Response> =>
			call(`/filesets/${fileSet.id}/files`, {
				method: 'POST',
				body: uploadForm(Buffer.from('new'), 'same.txt', ''),
			});

		const replaced = await replace();
		expect(replaced.status).toBe(200);
		expect((await json(replaced)).id).toBe(original.id);
		expect((await standIn.readFileContent(fileSet.id, original.id)).toString()).toBe('new');

		standIn.variants.overwrite = 'conflict';
		expect((await replace()).status).toBe(409);
	});

	it('answers 413 above maxUploadBytes and stores nothing', async () => {
		standIn.variants.maxUploadBytes = 10;
		const fileSet = standIn.addFileSet();
		const body = uploadForm(Buffer.alloc(11), 'big.txt', '');
		const response = await call(`/filesets/${fileSet.id}/files`, { method: 'POST', body });
		expect(response.status).toBe(413);
		expect(fileSet.files.size).toBe(0);
	});

	it('creates a directory from createFileRequest alone', async () => {
		const fileSet = standIn.addFileSet();
		const create = (directoryPath: string): Promise<Response> => {
			const form = new FormData();
			form.append('createFileRequest', JSON.stringify({ directoryPath }));
			return call(`/filesets/${fileSet.id}/files`, { method: 'POST', body: form });
		};
		expect((await create('docs/new')).status).toBe(201);
		expect((await create('docs/new')).status).toBe(200);
		expect((await create('')).status).toBe(400);
	});

	it('assembles a split upload from parts sent out of order', async () => {
		const fileSet = standIn.addFileSet();
		const base = `/filesets/${fileSet.id}/files/multipart`;
		const started = await post(base, { path: 'split/whole.bin' });
		expect(started.status).toBe(202);
		const fileId = String(((await json(started)).file as Body).id);

		const parts = [tricky.subarray(0, 100), tricky.subarray(100)];
		for (const n of [2, 1]) {
			const form = new FormData();
			form.append('part', new Blob([parts[n - 1]]), `part-${n}`);
			const sent = await call(`${base}/${fileId}/part/${n}`, { method: 'POST', body: form });
			expect(await json(sent)).toEqual({ partNumber: n, size: parts[n - 1].length });
		}

		const finalized = await call(`${base}/${fileId}/finalize`, { method: 'POST' });
		expect(finalized.status).toBe(201);
		expect(await json(finalized)).toMatchObject({ id: fileId, hash: sha256(tricky) });
		expect(await standIn.readFileContent(fileSet.id, fileId)).toEqual(tricky);
	});

	it('refuses to finalize a split upload with a missing part', async () => {
		const fileSet = standIn.addFileSet();
		const base = `/filesets/${fileSet.id}/files/multipart`;
		const fileId = String(((await json(await post(base, { path: 'gap.bin' }))).file as Body).id);
		const form = new FormData();
		form.append('part', new Blob(['two']), 'part');
		await call(`${base}/${fileId}/part/2`, { method: 'POST', body: form });
		expect((await call(`${base}/${fileId}/finalize`, { method: 'POST' })).status).toBe(400);
	});

	it('hides split upload when the variant says the instance lacks it', async () => {
		standIn.variants.splitUpload = '404';
		const fileSet = standIn.addFileSet();
		const response = await post(`/filesets/${fileSet.id}/files/multipart`, { path: 'a.bin' });
		expect(response.status).toBe(404);
	});
});

describe('download', () => {
	it('streams a virtual file whose bytes and hash are known without storing it', async () => {
		const fileSet = standIn.addFileSet();
		const size = 3 * 1024 * 1024 + 17;
		const file = standIn.addVirtualFile(fileSet.id, 'big.bin', size);
		const response = await call(`/filesets/${fileSet.id}/files/${file.id}/download`);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBe(size);
		expect(sha256(bytes)).toBe(virtualSha256(size));
		expect(bytes.subarray(1000, 1010)).toEqual(virtualBytes(1000, 10));
	});

	it.each(['sameHost', 'otherHost'] as const)(
		'redirects (%s) to a signed content URL that needs no token',
		async (mode) => {
			standIn.variants.downloadRedirect = mode;
			const fileSet = standIn.addFileSet();
			const file = standIn.addFile(fileSet.id, 'r.txt', 'redirected');
			const url = `/filesets/${fileSet.id}/files/${file.id}/download`;
			const response = await call(url, { redirect: 'manual' });
			expect(response.status).toBe(302);

			const location = response.headers.get('location') ?? '';
			const host = mode === 'sameHost' ? standIn.baseUrl : standIn.contentBaseUrl;
			expect(location.startsWith(`${host}/content/`)).toBe(true);
			standIn.resetRequests();
			expect(await (await fetch(location)).text()).toBe('redirected');
			expect(standIn.requests[0].listener).toBe(mode === 'sameHost' ? 'api' : 'content');
			expect(standIn.requests[0].headers['x-domo-developer-token']).toBeUndefined();
			expect((await fetch(location.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
		},
	);
});

describe('query', () => {
	it.each(['reference', 'newer'] as const)('ranks word matches in the %s shape', async (shape) => {
		standIn.variants.queryShape = shape;
		const fileSet = standIn.addFileSet();
		standIn.addFile(fileSet.id, 'reports/q1.txt', 'quarterly sales data');
		standIn.addFile(fileSet.id, 'reports/q2.txt', 'sales only');
		standIn.addFile(fileSet.id, 'other/q3.txt', 'quarterly sales data');
		const filter =
			shape === 'reference' ? { directoryPath: 'reports' } : { pathPrefixFilter: 'reports/' };
		const body = { query: 'Quarterly sales', topK: 2, ...filter };
		const matches = (await json(await post(`/filesets/${fileSet.id}/query`, body)))
			.matches as Body[];
		expect(matches.map((match) => match.score)).toEqual([1, 0.5]);
		if (shape === 'reference') {
			expect(matches[0]).toMatchObject({ node: { path: 'reports/q1.txt' } });
		} else {
			expect(matches[0]).toMatchObject({
				content: { type: 'TEXT', text: 'quarterly sales data' },
				metadata: { path: 'reports/q1.txt' },
			});
		}
	});
});

describe('deletes', () => {
	it('deletes a directory with its children, answering 204 in that style', async () => {
		standIn.variants.deleteStyle = '204';
		const fileSet = standIn.addFileSet();
		standIn.addFile(fileSet.id, 'gone/a.txt', 'a');
		standIn.addFile(fileSet.id, 'kept.txt', 'k');
		const response = await call(`/filesets/${fileSet.id}/path?path=gone`, { method: 'DELETE' });
		expect(response.status).toBe(204);
		expect([...fileSet.files.values()].map((file) => file.path)).toEqual(['kept.txt']);
	});
});

describe('faults', () => {
	it('fires a status fault on the chosen requests only', async () => {
		const fileSet = standIn.addFileSet();
		const path = `/api/files/v1/filesets/${fileSet.id}`;
		const before = standIn.faultsFired;
		standIn.addFault({
			kind: 'status',
			path,
			skip: 1,
			times: 2,
			status: 429,
			headers: { 'retry-after': '1' },
		});
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await call(`/filesets/${fileSet.id}`)).status);
		expect(statuses).toEqual([200, 429, 429, 200]);
		expect(standIn.faultsFired - before).toBe(2);
	});

	it('serves proxy-style plain text and HTML error bodies', async () => {
		standIn.addFault({ kind: 'status', status: 403, body: 'Forbidden', times: 1 });
		standIn.addFault({ kind: 'status', status: 502, body: '<html>Bad gateway</html>', times: 1 });
		const forbidden = await call('/filesets/search', { method: 'POST' });
		expect([forbidden.status, forbidden.headers.get('content-type')]).toEqual([403, 'text/plain']);
		const gateway = await call('/filesets/search', { method: 'POST' });
		expect([gateway.status, gateway.headers.get('content-type')]).toEqual([502, 'text/html']);
	});

	it('drops the connection once, then answers normally', async () => {
		standIn.addFault({ kind: 'drop', method: 'GET', times: 1 });
		const fileSet = standIn.addFileSet();
		await expect(call(`/filesets/${fileSet.id}`)).rejects.toThrow();
		expect((await call(`/filesets/${fileSet.id}`)).status).toBe(200);
	});

	it.each(['truncate', 'dropMidBody'] as const)(
		'cuts a download short with %s so the client sees a premature end',
		async (kind) => {
			const fileSet = standIn.addFileSet();
			const file = standIn.addVirtualFile(fileSet.id, 'cut.bin', 256 * 1024);
			standIn.addFault({ kind, path: /\/download$/, times: 1 });
			const response = await call(`/filesets/${fileSet.id}/files/${file.id}/download`);
			expect(response.headers.get('content-length')).toBe(String(256 * 1024));
			await expect(response.arrayBuffer()).rejects.toThrow();
		},
	);

	it('reports a wrong hash while the bytes stay right', async () => {
		const fileSet = standIn.addFileSet();
		const file = standIn.addFile(fileSet.id, 'h.txt', 'hashed');
		standIn.addFault({ kind: 'wrongHash', times: 1 });
		const reported = await json(await call(`/filesets/${fileSet.id}/files/${file.id}`));
		expect(reported.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(reported.hash).not.toBe(sha256(Buffer.from('hashed')));
	});
});
