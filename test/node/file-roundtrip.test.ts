import { createHash, randomBytes } from 'node:crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { BinaryMode, HarnessBinary, RunResult } from '../harness';
import { defaultVariants } from '../server';
import { byId, byPath, jsonOf, run, useStandIn } from './setup';

const MIB = 1024 * 1024;
const MODES: BinaryMode[] = ['filesystem', 'memory'];

function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Random bytes with CRLFs and lines that look like multipart boundaries spliced in. */
function trickyBytes(size: number): Buffer {
	const traps = [
		'\r\n------axios-1.18.0-boundary-Ab3dEf9hIjKlMnOp\r\n',
		'\r\n--\r\n',
		'--\r\n',
		'\r\n\r\n',
		'Content-Disposition: form-data; name="file"\r\n',
	].map((text) => Buffer.from(text, 'latin1'));
	const bytes = randomBytes(size);
	for (let offset = 0, i = 0; offset < size; offset += 4096, i++) {
		traps[i % traps.length].copy(bytes, offset);
	}
	// The file also ends with a boundary-like line, where multipart parsers are weakest.
	traps[0].copy(bytes, size - traps[0].length);
	return bytes;
}

describe('file upload and download round trip', () => {
	const { server, baseUrl } = useStandIn();
	let fileSetId = '';

	beforeEach(() => {
		server.variants = defaultVariants();
		server.clearFaults();
		server.resetRequests();
		fileSetId = server.addFileSet().id;
	});

	async function upload(
		file: HarnessBinary,
		binaryMode: BinaryMode,
		extra: IDataObject = {},
	): Promise<IDataObject> {
		const result = await run(baseUrl(), {
			binaryMode,
			parameters: { resource: 'file', operation: 'upload', fileSetId: byId(fileSetId), ...extra },
			items: [{ json: {}, binary: { data: file } }],
		});
		expect(result.items[0]).toHaveLength(1);
		return jsonOf(result)[0] as IDataObject;
	}

	async function download(
		path: string,
		binaryMode: BinaryMode,
		extra: IDataObject = {},
	): Promise<{ result: RunResult; item: INodeExecutionData }> {
		const result = await run(baseUrl(), {
			binaryMode,
			parameters: {
				resource: 'file',
				operation: 'download',
				fileSetId: byId(fileSetId),
				file: byPath(path),
				...extra,
			},
		});
		expect(result.items[0]).toHaveLength(1);
		return { result, item: result.items[0][0] };
	}

	/** Uploads, checks what the stand-in stored, downloads by path and checks the bytes. */
	async function roundTrip(
		content: Buffer,
		fileName: string,
		binaryMode: BinaryMode,
		extra: IDataObject = {},
		mimeType = 'application/octet-stream',
	): Promise<IDataObject> {
		const stored = await upload({ data: content, fileName, mimeType }, binaryMode, extra);
		const onServer = await server.readFileContent(fileSetId, String(stored.id));
		expect(onServer.equals(content)).toBe(true);
		expect(stored.size).toBe(content.length);
		expect(stored.hash).toBe(sha256(content));

		const { result, item } = await download(String(stored.path), binaryMode);
		const received = await result.binaryBytes(item);
		expect(received.length).toBe(content.length);
		expect(received.equals(content)).toBe(true);
		return stored;
	}

	describe.each(MODES)('with binary data in %s mode', (binaryMode) => {
		it('keeps an empty file empty', async () => {
			const stored = await roundTrip(Buffer.alloc(0), 'empty.txt', binaryMode);
			expect(stored.path).toBe('empty.txt');
		});

		it('keeps an empty file empty in Split mode', async () => {
			const stored = await roundTrip(Buffer.alloc(0), 'empty-split.txt', binaryMode, {
				options: { uploadMode: 'split', maxRetries: 0 },
			});
			expect(stored.size).toBe(0);
		});

		it('keeps UTF-8 text byte for byte', async () => {
			const text = Buffer.from('Quarterly notes\r\nZürich – 東京 – 🚀\n\ttabbed line\n', 'utf-8');
			await roundTrip(text, 'notes.txt', binaryMode, {}, 'text/plain');
		});

		it('keeps 64 KiB of random bytes with CRLFs and boundary-like lines intact', async () => {
			await roundTrip(trickyBytes(64 * 1024), 'random.bin', binaryMode);
		});

		it('keeps a file name with accents and spaces, and Domo gives it back', async () => {
			const content = Buffer.from('%PDF-1.4 pretend\r\n');
			const stored = await roundTrip(
				content,
				'Résumé 2024 ü.pdf',
				binaryMode,
				{},
				'application/pdf',
			);
			expect(stored.name).toBe('Résumé 2024 ü.pdf');
			expect(stored.path).toBe('Résumé 2024 ü.pdf');
			expect(stored.contentType).toBe('application/pdf');

			const { item } = await download('Résumé 2024 ü.pdf', binaryMode);
			expect(item.binary?.data.fileName).toBe('Résumé 2024 ü.pdf');
			expect(item.binary?.data.mimeType).toBe('application/pdf');
		});

		it('uploads into a nested directory and downloads from that path', async () => {
			const content = Buffer.from('q1 figures\n');
			const stored = await roundTrip(
				content,
				'figures.csv',
				binaryMode,
				{ directoryPath: 'reports/2024/q1' },
				'text/csv',
			);
			expect(stored.path).toBe('reports/2024/q1/figures.csv');
			expect(stored.name).toBe('figures.csv');
		});

		it('sends a 20 MiB file as a split upload of three 8 MiB parts', async () => {
			const content = randomBytes(20 * MIB);
			const stored = await roundTrip(content, 'big.bin', binaryMode, {
				options: { partSize: 8, uploadMode: 'split' },
			});

			const posts = server.requests.filter((request) => request.method === 'POST');
			const parts = posts.filter((request) => /\/multipart\/[^/]+\/part\/\d+$/.test(request.path));
			expect(parts.map((request) => request.path.split('/').pop())).toEqual(['1', '2', '3']);
			expect(parts.every((request) => request.path.includes(String(stored.id)))).toBe(true);
			expect(posts.filter((request) => request.path.endsWith('/finalize'))).toHaveLength(1);
			expect(posts.filter((request) => request.path.endsWith('/files/multipart'))).toHaveLength(1);
			expect(posts.filter((request) => request.path.endsWith('/files'))).toHaveLength(0);
			// Each part carries its share of the file plus a little multipart framing.
			const partBytes = parts.map((request) => request.bodyBytes);
			expect(partBytes[0]).toBeGreaterThanOrEqual(8 * MIB);
			expect(partBytes[1]).toBeGreaterThanOrEqual(8 * MIB);
			expect(partBytes[2]).toBeGreaterThanOrEqual(4 * MIB);
			expect(partBytes[2]).toBeLessThan(5 * MIB);
		});

		it('sends a 20 MiB file in one request in Single Request mode', async () => {
			const content = randomBytes(20 * MIB);
			await roundTrip(content, 'single.bin', binaryMode, { options: { uploadMode: 'single' } });

			const posts = server.requests.filter((request) => request.method === 'POST');
			expect(posts).toHaveLength(1);
			expect(posts[0].path).toBe(`/api/files/v1/filesets/${fileSetId}/files`);
			expect(posts[0].bodyBytes).toBeGreaterThan(content.length);
		});

		it('sends a small file as a split upload of one part in Split mode', async () => {
			const content = Buffer.from('tiny but split\r\n');
			await roundTrip(content, 'tiny.txt', binaryMode, { options: { uploadMode: 'split' } });

			const posts = server.requests.filter((request) => request.method === 'POST');
			expect(posts.map((request) => request.path.replace(/^.*\/files/, ''))).toEqual([
				'/multipart',
				expect.stringMatching(/^\/multipart\/[^/]+\/part\/1$/),
				expect.stringMatching(/^\/multipart\/[^/]+\/finalize$/),
			]);
		});

		it.each(['404', '405'] as const)(
			'falls back to one request when split upload answers %s, and still succeeds',
			async (splitUpload) => {
				server.variants.splitUpload = splitUpload;
				const content = trickyBytes(3 * MIB);
				await roundTrip(content, 'fallback.bin', binaryMode, {
					options: { uploadMode: 'split', partSize: 1 },
				});

				const posts = server.requests.filter((request) => request.method === 'POST');
				expect(posts.map((request) => request.path.replace(/^.*\/files/, ''))).toEqual([
					'/multipart',
					'',
				]);
				expect(posts[1].bodyBytes).toBeGreaterThan(content.length);
			},
		);
	});

	it('sends a file larger than a part in one streamed request in Auto mode', async () => {
		const content = randomBytes(3 * MIB);
		await roundTrip(content, 'auto.bin', 'filesystem', { options: { partSize: 1 } });

		const posts = server.requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => request.path.replace(/^.*\/files/, ''))).toEqual(['']);
	});

	it('turns to a split upload in Auto mode when Domo refuses one request as too large', async () => {
		server.variants.maxRequestBytes = 2 * MIB;
		const content = randomBytes(3 * MIB);
		await roundTrip(content, 'auto.bin', 'filesystem', { options: { partSize: 1 } });

		const posts = server.requests.filter((request) => request.method === 'POST');
		const routes = posts.map((request) => request.path.split(`/filesets/${fileSetId}/files`)[1]);
		expect(routes).toEqual([
			'',
			'/multipart',
			expect.stringMatching(/\/part\/1$/),
			expect.stringMatching(/\/part\/2$/),
			expect.stringMatching(/\/part\/3$/),
			expect.stringMatching(/\/finalize$/),
		]);
	});

	it('falls back to one request in Split mode when split upload answers 404', async () => {
		server.variants.splitUpload = '404';
		const content = randomBytes(3 * MIB);
		await roundTrip(content, 'auto.bin', 'filesystem', {
			options: { partSize: 1, uploadMode: 'split' },
		});

		const posts = server.requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => request.path.replace(/^.*\/files/, ''))).toEqual([
			'/multipart',
			'',
		]);
	});

	it('stores the file under the File Name option instead of the input file name', async () => {
		const stored = await upload(
			{ data: 'renamed', fileName: 'original.txt', mimeType: 'text/plain' },
			'filesystem',
			{ directoryPath: 'inbox', options: { fileName: 'Renamed Ü.txt' } },
		);
		expect(stored.path).toBe('inbox/Renamed Ü.txt');
		expect(server.fileSets.get(fileSetId)?.files.get(String(stored.id))?.name).toBe(
			'Renamed Ü.txt',
		);
		const paths = [...(server.fileSets.get(fileSetId)?.files.values() ?? [])].map(
			(file) => file.path,
		);
		expect(paths).toEqual(['inbox', 'inbox/Renamed Ü.txt']);
	});

	describe.each(MODES)('download in %s mode', (binaryMode) => {
		it("puts Domo's metadata in the JSON and uses Domo's file name and MIME type", async () => {
			const record = server.addFile(fileSetId, 'docs/Plan Ä.pdf', '%PDF-1.7\n', 'application/pdf');
			const { result, item } = await download('docs/Plan Ä.pdf', binaryMode);

			expect(item.json).toMatchObject({
				id: record.id,
				path: 'docs/Plan Ä.pdf',
				name: 'Plan Ä.pdf',
				contentType: 'application/pdf',
				size: 9,
				hash: record.hash,
			});
			expect(item.binary?.data.fileName).toBe('Plan Ä.pdf');
			expect(item.binary?.data.mimeType).toBe('application/pdf');
			expect(item.pairedItem).toEqual({ item: 0 });
			expect((await result.binaryBytes(item)).toString()).toBe('%PDF-1.7\n');
		});

		it("keeps the item's other binary fields and writes to a custom field", async () => {
			const record = server.addFile(fileSetId, 'data.csv', 'a,b\r\n1,2\r\n');
			const result = await run(baseUrl(), {
				binaryMode,
				parameters: {
					resource: 'file',
					operation: 'download',
					fileSetId: byId(fileSetId),
					file: byId(record.id),
					binaryPropertyName: 'report',
				},
				items: [
					{
						json: { keep: 'me' },
						binary: {
							data: { data: 'already here', fileName: 'keep.txt', mimeType: 'text/plain' },
							logo: {
								data: Buffer.from([0x89, 0x50]),
								fileName: 'logo.png',
								mimeType: 'image/png',
							},
						},
					},
				],
			});

			const [item] = result.items[0];
			expect(Object.keys(item.binary ?? {}).sort()).toEqual(['data', 'logo', 'report']);
			expect((await result.binaryBytes(item, 'report')).toString()).toBe('a,b\r\n1,2\r\n');
			expect(item.binary?.report.fileName).toBe('data.csv');
			expect(item.binary?.report.mimeType).toBe('text/csv');
			expect((await result.binaryBytes(item, 'data')).toString()).toBe('already here');
			expect((await result.binaryBytes(item, 'logo')).equals(Buffer.from([0x89, 0x50]))).toBe(true);
			expect(item.json.id).toBe(record.id);
		});
	});
});
