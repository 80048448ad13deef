import { createHash } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeError, NodeOperationError } from 'n8n-workflow';

import { DomoApi } from '../../credentials/DomoApi.credentials';
import { DomoFileSets } from '../../nodes/DomoFileSets/DomoFileSets.node';
import type { HarnessItem } from '../harness';
import { createLoadOptionsContext } from '../harness';
import { defaultVariants } from '../server';
import { byId, byPath, jsonOf, run, TOKEN, useStandIn } from './setup';

function sha256(bytes: Buffer | string): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** The error a run failed with; a run that succeeds fails the test. */
async function failureOf(running: Promise<unknown>): Promise<NodeError> {
	try {
		await running;
	} catch (error) {
		expect(error).toBeInstanceOf(NodeError);
		return error as NodeError;
	}
	throw new Error('The node run succeeded, but it was expected to fail');
}

function textItem(text: string, fileName: string, property = 'data'): HarnessItem {
	return { json: {}, binary: { [property]: { data: text, fileName, mimeType: 'text/plain' } } };
}

describe('file operations', () => {
	const { server, baseUrl } = useStandIn();
	let fileSetId = '';

	beforeEach(() => {
		server.variants = defaultVariants();
		server.clearFaults();
		server.resetRequests();
		fileSetId = server.addFileSet().id;
	});

	function fileParameters(operation: string, extra: INodeParameters = {}): INodeParameters {
		return { resource: 'file', operation, fileSetId: byId(fileSetId), ...extra };
	}

	describe('Get', () => {
		it('gets a file by ID with the metadata Domo reports', async () => {
			const record = server.addFile(fileSetId, 'reports/q1.csv', 'a,b\n1,2\n');
			const result = await run(baseUrl(), {
				parameters: fileParameters('get', { file: byId(record.id) }),
			});

			expect(jsonOf(result)).toEqual([
				expect.objectContaining({
					id: record.id,
					path: 'reports/q1.csv',
					name: 'q1.csv',
					fileType: 'TEXT',
					contentType: 'text/csv',
					size: 8,
					hash: sha256('a,b\n1,2\n'),
					hashAlgorithm: 'SHA_256_HEX',
				}),
			]);
			expect(result.items[0][0].pairedItem).toEqual({ item: 0 });
		});

		it('gets a file by a path with spaces, accents and an ampersand', async () => {
			const record = server.addFile(fileSetId, 'Marketing & Sales/Résumé 2024 ü.pdf', '%PDF');
			const result = await run(baseUrl(), {
				parameters: fileParameters('get', { file: byPath('Marketing & Sales/Résumé 2024 ü.pdf') }),
			});

			expect(jsonOf(result)).toEqual([
				expect.objectContaining({ id: record.id, name: 'Résumé 2024 ü.pdf' }),
			]);
			const [request] = server.requests;
			expect(request.path).toBe(`/api/files/v1/filesets/${fileSetId}/path`);
			expect(request.query.path).toBe('Marketing & Sales/Résumé 2024 ü.pdf');
		});

		it('fails on an unknown ID with a 404 message that names the ID', async () => {
			const error = await failureOf(
				run(baseUrl(), {
					parameters: fileParameters('get', { file: byId('no-such-file-id') }),
					items: [{ json: {} }],
				}),
			);

			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toContain('"no-such-file-id"');
			expect(error.message).toContain('404');
			expect(error.description).toContain('File no-such-file-id not found');
		});

		it('fails on an unknown path with a 404 message that names the path', async () => {
			const error = await failureOf(
				run(baseUrl(), { parameters: fileParameters('get', { file: byPath('missing/nope.txt') }) }),
			);

			expect(error.message).toContain('"missing/nope.txt"');
			expect(error.message).toContain('404');
			expect(error.description).toContain('No file at path missing/nope.txt');
		});

		it('turns a 404 into an error item with Continue On Fail and goes on', async () => {
			const record = server.addFile(fileSetId, 'exists.txt', 'here');
			const result = await run(baseUrl(), {
				continueOnFail: true,
				parameters: [
					fileParameters('get', { file: byId('gone-id') }),
					fileParameters('get', { file: byId(record.id) }),
				],
				items: [{ json: {} }, { json: {} }],
			});

			const [failed, found] = result.items[0];
			expect(failed.json).toMatchObject({ httpCode: '404' });
			expect(String(failed.json.error)).toContain('"gone-id"');
			expect(failed.pairedItem).toEqual({ item: 0 });
			expect(found.json.id).toBe(record.id);
			expect(found.pairedItem).toEqual({ item: 1 });
		});
	});

	describe('Delete', () => {
		it.each(['200', '204'] as const)(
			'deletes by ID and by path when Domo answers %s',
			async (deleteStyle) => {
				server.variants.deleteStyle = deleteStyle;
				const first = server.addFile(fileSetId, 'old/one.txt', '1');
				const second = server.addFile(fileSetId, 'old/two words.txt', '2');

				const byIdResult = await run(baseUrl(), {
					parameters: fileParameters('delete', { file: byId(first.id) }),
				});
				const byPathResult = await run(baseUrl(), {
					parameters: fileParameters('delete', { file: byPath('old/two words.txt') }),
				});

				const message = deleteStyle === '200' ? { message: 'File deleted successfully.' } : {};
				expect(jsonOf(byIdResult)).toEqual([
					{ fileSetId, id: first.id, deleted: true, ...message },
				]);
				expect(jsonOf(byPathResult)).toEqual([
					{ fileSetId, path: 'old/two words.txt', deleted: true, ...message },
				]);
				expect(server.getFile(fileSetId, first.id)).toBeUndefined();
				expect(server.getFile(fileSetId, second.id)).toBeUndefined();
				expect(server.requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
			},
		);

		it('reports a delete done when its answer was lost and the retry finds nothing', async () => {
			const record = server.addFile(fileSetId, 'old/one.txt', '1');
			server.addFault({ method: 'DELETE', kind: 'loseAnswer', times: 1 });

			const result = await run(baseUrl(), {
				parameters: fileParameters('delete', { file: byId(record.id) }),
			});

			expect(jsonOf(result)).toEqual([{ fileSetId, id: record.id, deleted: true }]);
			expect(server.getFile(fileSetId, record.id)).toBeUndefined();
			expect(server.requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
		});

		it('still fails on an unknown file after a retry where Domo had not acted', async () => {
			server.addFault({ method: 'DELETE', kind: 'status', status: 503, times: 1 });

			const error = await failureOf(
				run(baseUrl(), { parameters: fileParameters('delete', { file: byId('ghost-id') }) }),
			);
			expect(error.message).toContain('"ghost-id"');
			expect(error.message).toContain('404');
			expect(server.requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
		});

		it('fails to delete an unknown path with a message that names the path', async () => {
			const error = await failureOf(
				run(baseUrl(), { parameters: fileParameters('delete', { file: byPath('ghost.txt') }) }),
			);
			expect(error.message).toContain('"ghost.txt"');
			expect(error.message).toContain('404');
		});
	});

	describe('Upload', () => {
		it.each(['auto', 'split'])(
			'fails with a clear 409 naming the path when Domo may not overwrite (%s mode)',
			async (uploadMode) => {
				server.variants.overwrite = 'conflict';
				const existing = server.addFile(fileSetId, 'reports/a.txt', 'original');

				const error = await failureOf(
					run(baseUrl(), {
						parameters: fileParameters('upload', {
							directoryPath: 'reports',
							options: { uploadMode },
						}),
						items: [textItem('replacement', 'a.txt')],
					}),
				);

				expect(error).toBeInstanceOf(NodeApiError);
				expect(error.message).toContain('"reports/a.txt"');
				expect(error.message).toContain('409');
				expect(error.description).toContain('may not be overwritten');
				expect((await server.readFileContent(fileSetId, existing.id)).toString()).toBe('original');
			},
		);

		it('replaces an existing file where Domo allows it: same ID, new bytes', async () => {
			const existing = server.addFile(fileSetId, 'reports/a.txt', 'original');
			const result = await run(baseUrl(), {
				parameters: fileParameters('upload', { directoryPath: 'reports' }),
				items: [textItem('replacement\r\n', 'a.txt')],
			});

			expect(jsonOf(result)).toEqual([
				expect.objectContaining({
					id: existing.id,
					path: 'reports/a.txt',
					size: 13,
					hash: sha256('replacement\r\n'),
				}),
			]);
			expect((await server.readFileContent(fileSetId, existing.id)).toString()).toBe(
				'replacement\r\n',
			);
			const paths = [...(server.fileSets.get(fileSetId)?.files.values() ?? [])].map(
				(file) => file.path,
			);
			expect(paths).toEqual(['reports', 'reports/a.txt']);
		});

		it.each(['single', 'split'])(
			'fails with a 413 message when the file is larger than Domo accepts (%s mode)',
			async (uploadMode) => {
				server.variants.maxUploadBytes = 1024;
				const error = await failureOf(
					run(baseUrl(), {
						parameters: fileParameters('upload', { options: { uploadMode, maxRetries: 0 } }),
						items: [textItem('x'.repeat(64 * 1024), 'big.txt')],
					}),
				);

				expect(error).toBeInstanceOf(NodeApiError);
				expect(error.message).toContain('too large (413)');
				expect(error.description).toContain('exceeds 1024 bytes');
				expect(server.fileSets.get(fileSetId)?.files.size).toBe(0);
				const aborted = server.requests.filter((request) => request.path.endsWith('/abort'));
				expect(aborted).toHaveLength(uploadMode === 'split' ? 1 : 0);
			},
		);

		it.each(['single', 'split'])(
			'names the FileSet, not the file, when uploading into an unknown FileSet (%s mode)',
			async (uploadMode) => {
				const error = await failureOf(
					run(baseUrl(), {
						parameters: {
							resource: 'file',
							operation: 'upload',
							fileSetId: byId('no-such-fileset'),
							options: { uploadMode },
						},
						items: [textItem('new report', 'report.txt')],
					}),
				);

				expect(error.message).toContain('404');
				expect(error.message).toContain('"no-such-fileset"');
			},
		);

		it("names a missing binary field and lists the item's fields, without a request", async () => {
			const error = await failureOf(
				run(baseUrl(), {
					parameters: fileParameters('upload', { binaryPropertyName: 'data' }),
					items: [
						{
							json: {},
							binary: {
								attachment: { data: 'a', fileName: 'a.txt', mimeType: 'text/plain' },
								invoice_pdf: { data: 'b', fileName: 'b.pdf', mimeType: 'application/pdf' },
							},
						},
					],
				}),
			);

			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain('"data"');
			expect(error.message).toContain('"attachment", "invoice_pdf"');
			expect(server.requests).toHaveLength(0);
		});

		it('says the item has no binary data at all, without a request', async () => {
			const error = await failureOf(
				run(baseUrl(), {
					parameters: fileParameters('upload', { binaryPropertyName: 'file' }),
					items: [{ json: { name: 'no binary here' } }],
				}),
			);

			expect(error.message).toContain('no binary data');
			expect(error.message).toContain('"file"');
			expect(server.requests).toHaveLength(0);
		});

		it.each(['single', 'split'])(
			"fails as possibly corrupt when Domo's hash differs from the bytes sent (%s mode)",
			async (uploadMode) => {
				server.variants.corruptHash = true;
				const error = await failureOf(
					run(baseUrl(), {
						parameters: fileParameters('upload', { options: { uploadMode } }),
						items: [textItem('important numbers', 'ledger.txt')],
					}),
				);

				expect(error).toBeInstanceOf(NodeOperationError);
				expect(error.message).toContain('"ledger.txt"');
				expect(error.message).toContain('corrupt');
				expect(error.description).toContain(sha256('important numbers'));
			},
		);

		it("reads the file's hash back when Domo's answer has none, as in the reference", async () => {
			server.variants.uploadReplyHash = false;
			const result = await run(baseUrl(), {
				parameters: fileParameters('upload'),
				items: [textItem('important numbers', 'ledger.txt')],
			});

			const [item] = result.items[0];
			expect(item.json.path).toBe('ledger.txt');
			expect(item.json.hash).toBeUndefined();
			const readBack = server.requests.filter((request) => request.method === 'GET');
			expect(readBack.map((request) => request.path)).toEqual([
				`/api/files/v1/filesets/${fileSetId}/files/${String(item.json.id)}`,
			]);
		});

		it('fails as possibly corrupt when the hash read back differs from the bytes sent', async () => {
			server.variants.uploadReplyHash = false;
			server.variants.corruptHash = true;
			const error = await failureOf(
				run(baseUrl(), {
					parameters: fileParameters('upload'),
					items: [textItem('important numbers', 'ledger.txt')],
				}),
			);

			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain('corrupt');
			expect(error.description).toContain(sha256('important numbers'));
		});
	});

	describe('Download', () => {
		it("fails on bytes that differ from Domo's hash with Verify Hash, and not without", async () => {
			const record = server.addFile(fileSetId, 'ledger.txt', 'important numbers');
			server.variants.corruptHash = true;

			const error = await failureOf(
				run(baseUrl(), {
					parameters: fileParameters('download', {
						file: byId(record.id),
						options: { verifyHash: true },
					}),
				}),
			);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain("does not match Domo's hash");
			expect(error.description).toContain(sha256('important numbers'));

			const result = await run(baseUrl(), {
				parameters: fileParameters('download', { file: byId(record.id) }),
			});
			const [item] = result.items[0];
			expect((await result.binaryBytes(item)).toString()).toBe('important numbers');
		});

		it('refuses a directory with a message that says what to use instead', async () => {
			server.addFiles(fileSetId, 2, 'archive');
			const error = await failureOf(
				run(baseUrl(), { parameters: fileParameters('download', { file: byPath('archive') }) }),
			);

			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain('"archive" is a directory, not a file');
			expect(error.description).toContain('Get Many');
			expect(server.requests.filter((request) => request.path.endsWith('/download'))).toEqual([]);
		});

		it('fails on an unknown file with a 404 message that names it', async () => {
			const error = await failureOf(
				run(baseUrl(), { parameters: fileParameters('download', { file: byId('nope-id') }) }),
			);
			expect(error.message).toContain('"nope-id"');
			expect(error.message).toContain('404');
		});
	});

	describe('Query', () => {
		function seedQueryFiles(): void {
			server.addFile(fileSetId, 'reports/q1-sales.txt', 'quarterly sales grew in the north');
			server.addFile(fileSetId, 'reports/q2-sales.txt', 'quarterly revenue and sales fell');
			server.addFile(fileSetId, 'notes/sales-team.txt', 'sales team offsite agenda');
			server.addFile(fileSetId, 'notes/lunch.txt', 'pizza on friday');
		}

		function query(text: string, options: INodeParameters = {}): ReturnType<typeof run> {
			return run(baseUrl(), { parameters: fileParameters('query', { query: text, options }) });
		}

		it('outputs one item per match with score, fileId and path (reference shape)', async () => {
			seedQueryFiles();
			const result = await query('quarterly sales');
			const matches = jsonOf(result) as IDataObject[];

			expect(matches.map((match) => match.path)).toEqual([
				'reports/q1-sales.txt',
				'reports/q2-sales.txt',
				'notes/sales-team.txt',
			]);
			const files = server.fileSets.get(fileSetId)?.files;
			for (const match of matches) {
				expect(typeof match.score).toBe('number');
				const file = [...(files?.values() ?? [])].find((record) => record.path === match.path);
				expect(match.fileId).toBe(file?.id);
				expect(match.name).toBe(file?.name);
			}
			expect(matches[0].score).toBe(1);
			expect(matches[2].score).toBe(0.5);
			expect(result.items[0].every((item) => item.pairedItem !== undefined)).toBe(true);
		});

		it('outputs the matching text with the newer response shape', async () => {
			server.variants.queryShape = 'newer';
			seedQueryFiles();
			const result = await query('quarterly sales', { topK: 2 });

			expect(jsonOf(result)).toEqual([
				expect.objectContaining({
					score: 1,
					path: 'reports/q1-sales.txt',
					name: 'q1-sales.txt',
					text: 'quarterly sales grew in the north',
					fileId: expect.any(String),
				}),
				expect.objectContaining({
					score: 1,
					path: 'reports/q2-sales.txt',
					text: 'quarterly revenue and sales fell',
				}),
			]);
		});

		it("gives a match's kind as type in both shapes, contentType stays a MIME type", async () => {
			server.addFile(fileSetId, 'charts/sales chart.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
			const shapes: IDataObject[] = [];
			for (const queryShape of ['reference', 'newer'] as const) {
				server.variants.queryShape = queryShape;
				shapes.push((jsonOf(await query('sales chart')) as IDataObject[])[0]);
			}

			const [reference, newer] = shapes;
			expect(reference).toMatchObject({ type: 'IMAGE', contentType: 'image/png' });
			expect(newer.type).toBe('IMAGE');
			expect(newer.contentType).not.toBe('IMAGE');
			expect(newer.uri).toEqual(expect.stringContaining(String(reference.fileId)));
		});

		it.each(['reference', 'newer'] as const)(
			'keeps to Top K and the Directory Path (%s shape)',
			async (queryShape) => {
				server.variants.queryShape = queryShape;
				seedQueryFiles();

				const top = jsonOf(await query('sales', { topK: 1 })) as IDataObject[];
				expect(top).toHaveLength(1);

				server.addFile(fileSetId, 'notes-old/sales.txt', 'old sales notes');
				const inNotes = jsonOf(await query('sales', { directoryPath: 'notes' })) as IDataObject[];
				expect(inNotes.map((match) => match.path)).toEqual(['notes/sales-team.txt']);
			},
		);

		it('returns up to 10 matches without Top K, although the newer API defaults to 1', async () => {
			server.variants.queryShape = 'newer';
			seedQueryFiles();

			const matches = jsonOf(await query('sales')) as IDataObject[];
			expect(matches).toHaveLength(3);
		});

		it('outputs no items when nothing matches', async () => {
			seedQueryFiles();
			const result = await query('blockchain synergy');
			expect(result.items[0]).toEqual([]);
		});
	});

	describe('file list in the editor (searchFiles)', () => {
		const node = new DomoFileSets();

		function listContext(parameters: INodeParameters) {
			return createLoadOptionsContext({
				node,
				credentialType: new DomoApi(),
				credentials: { instance: baseUrl(), developerToken: TOKEN },
				parameters,
			});
		}

		it('filters by name and pages with the token it returns', async () => {
			const reports = server.addFiles(fileSetId, 130, 'reports');
			server.addFile(fileSetId, 'misc/readme.md', '# hi');
			const context = listContext({
				resource: 'file',
				operation: 'get',
				fileSetId: byId(fileSetId),
			});

			const first = await node.methods.listSearch.searchFiles.call(context, 'file-');
			expect(first.results).toHaveLength(100);
			expect(first.paginationToken).toEqual(expect.any(String));

			const second = await node.methods.listSearch.searchFiles.call(
				context,
				'file-',
				String(first.paginationToken),
			);
			expect(second.results).toHaveLength(30);
			expect(second.paginationToken).toBeUndefined();

			const listed = [...first.results, ...second.results];
			expect(listed.map((entry) => entry.value)).toEqual(reports.map((file) => file.id));
			expect(listed[0].name).toBe('reports/file-001.txt');

			const searches = server.requests.filter((request) => request.path.endsWith('/search'));
			expect(searches[1].query.next).toBe(first.paginationToken);
		});

		it('marks directories in the list', async () => {
			server.addFile(fileSetId, 'archive/old.txt', 'old');
			const context = listContext({
				resource: 'file',
				operation: 'download',
				fileSetId: byId(fileSetId),
			});

			const { results } = await node.methods.listSearch.searchFiles.call(context);
			expect(results.map((entry) => entry.name)).toEqual([
				'archive (directory)',
				'archive/old.txt',
			]);
		});

		it('lists nothing until a FileSet is chosen', async () => {
			const context = listContext({
				resource: 'file',
				operation: 'get',
				fileSetId: { __rl: true, mode: 'list', value: '' },
			});
			const { results } = await node.methods.listSearch.searchFiles.call(context);
			expect(results).toEqual([]);
			expect(server.requests).toHaveLength(0);
		});
	});
});
