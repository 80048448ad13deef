import { createHash, randomBytes } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BinaryMode, HarnessItem } from '../harness';
import type { FaultKind, FileRecord, RecordedRequest } from '../server';
import { defaultVariants, virtualSha256 } from '../server';
import { byId, byPath, jsonOf, run, TOKEN, useStandIn } from './setup';

const MODES: BinaryMode[] = ['filesystem', 'memory'];
const TOKEN_HEADER = 'x-domo-developer-token';

function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Every header value of a request, to look for the token under any name. */
function headerValues(request: RecordedRequest): string {
	return Object.values(request.headers).flat().join('\n');
}

describe('file transfers', () => {
	const { server, baseUrl } = useStandIn();
	let fileSetId = '';
	let content = Buffer.alloc(0);
	let file: FileRecord;

	beforeEach(() => {
		server.variants = defaultVariants();
		server.clearFaults();
		server.resetRequests();
		fileSetId = server.addFileSet().id;
		content = randomBytes(256 * 1024);
		file = server.addFile(fileSetId, 'exports/data export.bin', content);
	});

	function downloadParameters(extra: INodeParameters = {}): INodeParameters {
		return {
			resource: 'file',
			operation: 'download',
			fileSetId: byId(fileSetId),
			file: byPath('exports/data export.bin'),
			...extra,
		};
	}

	function downloadRequests(): RecordedRequest[] {
		return server.requests.filter((request) => request.path.endsWith('/download'));
	}

	describe.each(MODES)('redirected downloads in %s mode', (binaryMode) => {
		it('follows a redirect to another host without sending it the developer token', async () => {
			server.variants.downloadRedirect = 'otherHost';
			const result = await run(baseUrl(), { binaryMode, parameters: downloadParameters() });

			const [item] = result.items[0];
			expect((await result.binaryBytes(item)).equals(content)).toBe(true);
			expect(item.binary?.data.fileName).toBe('data export.bin');

			const onContentHost = server.requests.filter((request) => request.listener === 'content');
			expect(onContentHost).toHaveLength(1);
			expect(onContentHost[0].path).toMatch(/^\/content\//);
			expect(onContentHost[0].headers[TOKEN_HEADER]).toBeUndefined();
			expect(headerValues(onContentHost[0])).not.toContain(TOKEN);
			expect(downloadRequests()[0].headers[TOKEN_HEADER]).toBe(TOKEN);
		});

		it('follows a redirect on the instance itself, where the token may go', async () => {
			server.variants.downloadRedirect = 'sameHost';
			const result = await run(baseUrl(), { binaryMode, parameters: downloadParameters() });

			const [item] = result.items[0];
			expect((await result.binaryBytes(item)).equals(content)).toBe(true);

			const redirected = server.requests.filter((request) => request.path.startsWith('/content/'));
			expect(redirected).toHaveLength(1);
			expect(redirected[0].listener).toBe('api');
			expect(redirected[0].headers[TOKEN_HEADER]).toBe(TOKEN);
			expect(server.requests.some((request) => request.listener === 'content')).toBe(false);
		});
	});

	describe.each(MODES)('compressing servers in %s mode', (binaryMode) => {
		it('asks for the file uncompressed and stores its exact bytes', async () => {
			server.variants.gzipDownloads = 'whenAsked';
			const result = await run(baseUrl(), { binaryMode, parameters: downloadParameters() });

			const [item] = result.items[0];
			expect((await result.binaryBytes(item)).equals(content)).toBe(true);
			expect(downloadRequests()).toHaveLength(1);
			expect(downloadRequests()[0].headers['accept-encoding']).toBe('identity');
		});

		it('stores the exact bytes when a server compresses the file anyway', async () => {
			server.variants.gzipDownloads = 'always';
			const result = await run(baseUrl(), { binaryMode, parameters: downloadParameters() });

			const [item] = result.items[0];
			expect((await result.binaryBytes(item)).equals(content)).toBe(true);
			expect(downloadRequests()).toHaveLength(1);
		});
	});

	describe.each(MODES)('broken downloads in %s mode', (binaryMode) => {
		it.each<FaultKind>(['truncate', 'shortChunked', 'dropMidBody'])(
			'retries a download cut short once (%s) and outputs the whole file',
			async (kind) => {
				server.addFault({ kind, path: /\/download$/, times: 1 });
				const result = await run(baseUrl(), { binaryMode, parameters: downloadParameters() });

				const [item] = result.items[0];
				const received = await result.binaryBytes(item);
				expect(received.length).toBe(content.length);
				expect(sha256(received)).toBe(sha256(content));
				expect(server.faultsFired).toBeGreaterThanOrEqual(1);
				expect(downloadRequests()).toHaveLength(2);
			},
		);

		it.each<FaultKind>(['truncate', 'shortChunked', 'dropMidBody'])(
			'fails without a file when every attempt is cut short (%s)',
			async (kind) => {
				server.addFault({ kind, path: /\/download$/, times: 10 });
				const parameters = downloadParameters({ options: { maxRetries: 1 } });

				const error = await run(baseUrl(), { binaryMode, parameters }).then(
					() => undefined,
					(failure: unknown) => failure,
				);
				expect(error).toBeInstanceOf(NodeOperationError);
				const failure = error as NodeOperationError;
				expect(failure.message).toBe(
					'The download of the file at path "exports/data export.bin" failed',
				);
				expect(failure.description).toContain('after 2 attempts');
				expect(downloadRequests()).toHaveLength(2);

				server.resetRequests();
				const continued = await run(baseUrl(), { binaryMode, parameters, continueOnFail: true });
				const [item] = continued.items[0];
				expect(item.binary).toBeUndefined();
				expect(String(item.json.error)).toContain('failed');
				expect(item.pairedItem).toEqual({ item: 0 });
			},
		);
	});

	it.each(MODES)(
		'downloads a 20 MiB file from another host byte for byte (%s mode)',
		async (binaryMode) => {
			server.variants.downloadRedirect = 'otherHost';
			const size = 20 * 1024 * 1024 + 3;
			const large = server.addVirtualFile(fileSetId, 'exports/large.csv', size);
			const result = await run(baseUrl(), {
				binaryMode,
				parameters: downloadParameters({ file: byId(large.id) }),
			});

			const [item] = result.items[0];
			const received = await result.binaryBytes(item);
			expect(received.length).toBe(size);
			expect(sha256(received)).toBe(virtualSha256(size));
			expect(item.json).toMatchObject({ id: large.id, size, hash: virtualSha256(size) });
		},
	);

	it('retries a redirected download that the other host cuts short', async () => {
		server.variants.downloadRedirect = 'otherHost';
		server.addFault({ kind: 'truncate', listener: 'content', times: 1 });
		const result = await run(baseUrl(), { parameters: downloadParameters() });

		const [item] = result.items[0];
		expect((await result.binaryBytes(item)).equals(content)).toBe(true);
		const onContentHost = server.requests.filter((request) => request.listener === 'content');
		expect(onContentHost).toHaveLength(2);
		expect(onContentHost.every((request) => request.headers[TOKEN_HEADER] === undefined)).toBe(
			true,
		);
	});

	it('retries a Get whose connection drops before Domo answers', async () => {
		server.addFault({ kind: 'drop', path: file.id, times: 1 });
		const result = await run(baseUrl(), {
			parameters: {
				resource: 'file',
				operation: 'get',
				fileSetId: byId(fileSetId),
				file: byId(file.id),
			},
		});

		expect(jsonOf(result)).toEqual([expect.objectContaining({ id: file.id })]);
		expect(server.requests).toHaveLength(2);
	});

	describe.each(MODES)('broken uploads in %s mode', (binaryMode) => {
		const bytes = randomBytes(3 * 1024 * 1024);
		const items = (): HarnessItem[] => [
			{ json: {}, binary: { data: { data: bytes, fileName: 'retry.bin' } } },
		];

		it('resends the whole file when the connection drops during a single upload', async () => {
			server.addFault({ kind: 'drop', method: 'POST', path: /\/files$/, times: 1 });
			const result = await run(baseUrl(), {
				binaryMode,
				parameters: {
					resource: 'file',
					operation: 'upload',
					fileSetId: byId(fileSetId),
					options: { uploadMode: 'single' },
				},
				items: items(),
			});

			const [json] = jsonOf(result) as IDataObject[];
			expect(json.hash).toBe(sha256(bytes));
			expect((await server.readFileContent(fileSetId, String(json.id))).equals(bytes)).toBe(true);
			const posts = server.requests.filter((request) => request.method === 'POST');
			expect(posts).toHaveLength(2);
		});

		it('retries only the part of a split upload that failed', async () => {
			server.addFault({ kind: 'status', status: 500, path: /\/part\/2$/, times: 1 });
			const result = await run(baseUrl(), {
				binaryMode,
				parameters: {
					resource: 'file',
					operation: 'upload',
					fileSetId: byId(fileSetId),
					options: { uploadMode: 'split', partSize: 1 },
				},
				items: items(),
			});

			const [json] = jsonOf(result) as IDataObject[];
			expect(json.hash).toBe(sha256(bytes));
			expect((await server.readFileContent(fileSetId, String(json.id))).equals(bytes)).toBe(true);
			const parts = server.requests
				.filter((request) => /\/part\/\d+$/.test(request.path))
				.map((request) => request.path.split('/').pop());
			expect(parts).toEqual(['1', '2', '2', '3']);
		});

		it('aborts the split upload when finishing it fails, and says why', async () => {
			server.addFault({ kind: 'status', status: 500, path: /\/finalize$/, times: 1 });
			const error = await run(baseUrl(), {
				binaryMode,
				parameters: {
					resource: 'file',
					operation: 'upload',
					fileSetId: byId(fileSetId),
					options: { uploadMode: 'split', partSize: 1 },
				},
				items: items(),
			}).then(
				() => undefined,
				(failure: unknown) => failure,
			);

			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).message).toContain('500');
			const finishing = server.requests.filter((request) =>
				/\/(finalize|abort)$/.test(request.path),
			);
			expect(finishing.map((request) => request.path.split('/').pop())).toEqual([
				'finalize',
				'abort',
			]);
			expect(server.fileSets.get(fileSetId)?.files.size).toBe(2);
		});
	});

	describe('Concurrency 4 over 12 items', () => {
		const COUNT = 12;
		let files: FileRecord[] = [];

		beforeEach(() => {
			files = Array.from({ length: COUNT }, (_, i) =>
				server.addFile(fileSetId, `batch/item-${i}.txt`, `content of item ${i}\n`),
			);
		});

		function concurrent(operation: string, extra: INodeParameters = {}): INodeParameters {
			return {
				resource: 'file',
				operation,
				fileSetId: byId(fileSetId),
				options: { concurrency: 4 },
				...extra,
			};
		}

		const byItemId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
		const idItems = (): HarnessItem[] => files.map((record) => ({ json: { id: record.id } }));

		it('gets every file and keeps the output in input order, paired with its item', async () => {
			// The first item's answer is held back, so later items finish before it.
			server.addFault({ kind: 'delay', delayMs: 400, path: files[0].id, times: 1 });
			const result = await run(baseUrl(), {
				parameters: concurrent('get', { file: byItemId }),
				items: idItems(),
			});

			const output = result.items[0];
			expect(output.map((item) => item.json.id)).toEqual(files.map((record) => record.id));
			expect(output.map((item) => item.pairedItem)).toEqual(files.map((_, i) => ({ item: i })));
		});

		it('keeps a failed item in its place with Continue On Fail', async () => {
			const items = idItems();
			items[5] = { json: { id: 'missing-file-id' } };
			const result = await run(baseUrl(), {
				continueOnFail: true,
				parameters: concurrent('get', { file: byItemId }),
				items,
			});

			const output = result.items[0];
			expect(output).toHaveLength(COUNT);
			expect(output[5].json.httpCode).toBe('404');
			expect(output[5].pairedItem).toEqual({ item: 5 });
			expect(output.filter((_, i) => i !== 5).map((item) => item.json.id)).toEqual(
				files.filter((_, i) => i !== 5).map((record) => record.id),
			);
		});

		it.each(MODES)(
			'downloads every file side by side and keeps order and pairing (%s mode)',
			async (binaryMode) => {
				server.addFault({ kind: 'delay', delayMs: 400, path: files[0].id, times: 1 });
				const result = await run(baseUrl(), {
					binaryMode,
					parameters: concurrent('download', { file: byItemId }),
					items: idItems(),
				});

				const output = result.items[0];
				expect(output.map((item) => item.json.id)).toEqual(files.map((record) => record.id));
				expect(output.map((item) => item.pairedItem)).toEqual(files.map((_, i) => ({ item: i })));
				const texts = await Promise.all(
					output.map(async (item) => (await result.binaryBytes(item)).toString()),
				);
				expect(texts).toEqual(files.map((_, i) => `content of item ${i}\n`));
				expect(output.map((item) => item.binary?.data.fileName)).toEqual(
					files.map((record) => record.name),
				);

				// While the first item waited, the other workers went on with their items.
				const firstItem = server.requests
					.map((request, index) => ({ request, index }))
					.filter(({ request }) => request.path.includes(files[0].id));
				const between = server.requests.slice(firstItem[0].index + 1, firstItem[1].index);
				expect(between.length).toBeGreaterThan(0);
			},
		);

		it.each(MODES)(
			'uploads every file and keeps order and pairing (%s mode)',
			async (binaryMode) => {
				server.addFault({ kind: 'delay', delayMs: 400, method: 'POST', times: 1 });
				const items: HarnessItem[] = files.map((_, i) => ({
					json: { n: i },
					binary: {
						data: { data: `upload ${i}\r\n`, fileName: `up-${i}.txt`, mimeType: 'text/plain' },
					},
				}));
				const result = await run(baseUrl(), {
					binaryMode,
					parameters: concurrent('upload', { directoryPath: 'uploads' }),
					items,
				});

				const output = jsonOf(result) as IDataObject[];
				expect(output.map((json) => json.path)).toEqual(files.map((_, i) => `uploads/up-${i}.txt`));
				expect(result.items[0].map((item) => item.pairedItem)).toEqual(
					files.map((_, i) => ({ item: i })),
				);
				for (const [i, json] of output.entries()) {
					const stored = await server.readFileContent(fileSetId, String(json.id));
					expect(stored.toString()).toBe(`upload ${i}\r\n`);
				}
			},
		);
	});
});
