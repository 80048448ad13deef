import { byId, byPath, jsonOf, run, useStandIn } from './setup';

describe('smoke', () => {
	const { server, baseUrl } = useStandIn();

	it('creates, lists, uploads and downloads', async () => {
		const created = await run(baseUrl(), {
			parameters: { resource: 'fileSet', operation: 'create', name: 'Smoke' },
		});
		const fileSet = jsonOf(created)[0] as { id: string };
		expect(fileSet.id).toBeTruthy();

		const listed = await run(baseUrl(), {
			parameters: { resource: 'fileSet', operation: 'getAll', returnAll: true },
		});
		expect(jsonOf(listed).length).toBe(1);

		const uploaded = await run(baseUrl(), {
			parameters: {
				resource: 'file',
				operation: 'upload',
				fileSetId: byId(fileSet.id),
				directoryPath: 'a/b',
			},
			items: [
				{
					json: {},
					binary: { data: { data: 'hello\r\n--x', fileName: 'h é.txt', mimeType: 'text/plain' } },
				},
			],
		});
		const file = jsonOf(uploaded)[0] as { id: string; path: string };
		expect(file.path).toBe('a/b/h é.txt');

		const downloaded = await run(baseUrl(), {
			parameters: {
				resource: 'file',
				operation: 'download',
				fileSetId: byId(fileSet.id),
				file: byPath('a/b/h é.txt'),
			},
		});
		const item = downloaded.items[0][0];
		expect((await downloaded.binaryBytes(item)).toString()).toBe('hello\r\n--x');
		expect(item.binary?.data.fileName).toBe('h é.txt');
		expect(server.requests.length).toBeGreaterThan(0);
	});
});
