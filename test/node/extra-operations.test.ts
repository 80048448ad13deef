import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { defaultVariants } from '../server';
import { byId, byPath, jsonOf, run, useStandIn } from './setup';

describe('operations beyond the reference API', () => {
	const { server, baseUrl } = useStandIn();
	let fileSetId = '';

	beforeEach(() => {
		server.variants = defaultVariants();
		server.clearFaults();
		server.resetRequests();
		fileSetId = server.addFileSet().id;
	});

	function parameters(resource: string, operation: string, extra: INodeParameters) {
		return { resource, operation, fileSetId: byId(fileSetId), ...extra };
	}

	function pathsInFileSet(): string[] {
		const files = server.fileSets.get(fileSetId)?.files.values() ?? [];
		return [...files].map((file) => file.path).sort();
	}

	it('moves a file chosen by ID to a new directory, keeping its ID and bytes', async () => {
		const file = server.addFile(fileSetId, 'inbox/q1.csv', 'a,b\n');
		const result = await run(baseUrl(), {
			parameters: parameters('file', 'move', { file: byId(file.id), newPath: 'archive/q1.csv' }),
		});

		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ id: file.id, path: 'archive/q1.csv' }),
		]);
		expect(pathsInFileSet()).toContain('archive/q1.csv');
		expect(pathsInFileSet()).not.toContain('inbox/q1.csv');
		expect((await server.readFileContent(fileSetId, file.id)).toString()).toBe('a,b\n');
	});

	it('renames a file chosen by path', async () => {
		server.addFile(fileSetId, 'reports/draft.txt', 'x');
		const result = await run(baseUrl(), {
			parameters: parameters('file', 'move', {
				file: byPath('reports/draft.txt'),
				newPath: 'reports/final.txt',
			}),
		});

		expect(jsonOf(result)).toEqual([expect.objectContaining({ path: 'reports/final.txt' })]);
		const move = server.requests.find((request) => request.method === 'POST');
		expect(move?.query).toEqual({ path: 'reports/draft.txt' });
	});

	it('refuses to move onto a path that is taken, naming that path', async () => {
		const file = server.addFile(fileSetId, 'a.txt', 'a');
		server.addFile(fileSetId, 'b.txt', 'b');

		const running = run(baseUrl(), {
			parameters: parameters('file', 'move', { file: byId(file.id), newPath: 'b.txt' }),
		});
		await expect(running).rejects.toThrow(NodeApiError);
		await expect(running).rejects.toMatchObject({ httpCode: '409' });
		await expect(running).rejects.toThrow('the path "b.txt" already exists');
		expect(pathsInFileSet()).toEqual(['a.txt', 'b.txt']);
	});

	it('names the file, not the new path, when the file to move is not there', async () => {
		const running = run(baseUrl(), {
			parameters: parameters('file', 'move', { file: byPath('gone.txt'), newPath: 'b.txt' }),
		});

		await expect(running).rejects.toThrow(
			`Domo could not find the file at path "gone.txt" in FileSet "${fileSetId}" (404)`,
		);
	});

	it('refuses a New Path with a leading slash before sending anything', async () => {
		const file = server.addFile(fileSetId, 'a.txt', 'a');
		const running = run(baseUrl(), {
			parameters: parameters('file', 'move', { file: byId(file.id), newPath: '/b.txt' }),
		});

		await expect(running).rejects.toThrow(NodeOperationError);
		await expect(running).rejects.toThrow('New Path "/b.txt" starts with "/"');
		expect(server.requests).toHaveLength(0);
	});

	it('creates a directory with its missing parents, and keeps one that exists', async () => {
		const first = await run(baseUrl(), {
			parameters: parameters('file', 'createDirectory', { directoryPath: 'reports/2025/q1' }),
		});
		const again = await run(baseUrl(), {
			parameters: parameters('file', 'createDirectory', { directoryPath: 'reports/2025/q1' }),
		});

		expect(jsonOf(first)).toEqual([
			expect.objectContaining({ path: 'reports/2025/q1', fileType: 'DIRECTORY' }),
		]);
		expect(jsonOf(again)).toEqual(jsonOf(first));
		expect(pathsInFileSet()).toEqual(['reports', 'reports/2025', 'reports/2025/q1']);
	});

	it('refuses an empty Directory Path for a new directory', async () => {
		const running = run(baseUrl(), {
			parameters: parameters('file', 'createDirectory', { directoryPath: '  ' }),
		});

		await expect(running).rejects.toThrow('Directory Path is empty');
		expect(server.requests).toHaveLength(0);
	});

	it('counts the files of a FileSet by type', async () => {
		server.addFile(fileSetId, 'a.txt', 'a');
		server.addFile(fileSetId, 'b.pdf', 'b');

		const result = await run(baseUrl(), {
			parameters: parameters('fileSet', 'getStats', {}),
		});

		const [stats] = jsonOf(result) as Array<{ byFileType: Record<string, number> }>;
		expect(stats.byFileType).toEqual(expect.objectContaining({ TEXT: 1, DOCUMENT: 1 }));
		expect(result.items[0][0].pairedItem).toEqual({ item: 0 });
	});
});
