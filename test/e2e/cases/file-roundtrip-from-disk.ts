import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { CaseContext } from '../case';
import { nodeOutput } from '../host';
import type { LoggedRequest, RequestLog } from '../request-log';
import type { StandIn } from '../stand-in-process';
import { expectSucceeded, fileSetOf, jsonOf, type WorkflowCheck } from './workflow-checks';

const DIRECTORY = 'roundtrip';
const PART_SIZE = 1024 * 1024;

// The workflow's Upload Mode is Auto for the text file, which goes up in one streamed request,
// and Split with a 1 MiB Part Size for the binary one, which goes up in three parts.
function sourceFiles(): Map<string, Buffer> {
	return new Map([
		['notes.txt', Buffer.from('Round trip notes\nÜmlauts and emoji 🚀 survive too.\n')],
		['photo.bin', randomBytes(2.5 * PART_SIZE)],
	]);
}

// notes.txt must have gone up in one request; photo.bin as start, parts 1 to 3, finish.
function expectUploadRoutes(requests: LoggedRequest[]): void {
	const posts = requests.filter((request) => request.method === 'POST');
	const refused = posts.filter((request) => request.status >= 300);
	assert.deepEqual(refused, [], 'the stand-in refused upload requests');
	const single = posts.filter((request) => /\/filesets\/[^/]+\/files$/.test(request.path));
	assert.equal(single.length, 1, 'uploads sent in one request');

	const parts = posts.flatMap((request) => {
		const match = /\/files\/multipart\/[^/]+\/part\/(\d+)$/.exec(request.path);
		return match === null ? [] : [Number(match[1])];
	});
	assert.deepEqual(parts.sort(), [1, 2, 3], 'the parts of the split upload');
	const finished = posts.filter((request) => request.path.endsWith('/finalize'));
	assert.equal(finished.length, 1, 'split uploads finished');
}

// Files n8n's own Read/Write Files from Disk node reads are uploaded by both routes, listed,
// downloaded and written back to disk; every byte must survive both directions.
export function fileRoundtripFromDisk(
	context: CaseContext,
	standIn: StandIn,
	log: RequestLog,
): WorkflowCheck {
	const folder = join(context.host.filesDir, DIRECTORY);
	const files = sourceFiles();
	const names = [...files.keys()].sort();
	return {
		name: 'files read from disk go up by both upload routes and come back byte for byte',
		workflow: 'file-roundtrip-from-disk.json',
		substitutions: { MARKETING_FILESET_ID: fileSetOf(standIn, 'Marketing Assets').id },
		async prepare() {
			await mkdir(join(folder, 'source'), { recursive: true });
			await mkdir(join(folder, 'copies'), { recursive: true });
			for (const [name, bytes] of files) await writeFile(join(folder, 'source', name), bytes);
			log.clear();
		},
		async verify(result) {
			expectSucceeded(result);
			expectUploadRoutes(log.requests);

			const uploaded = jsonOf(result, 'Upload Files');
			assert.deepEqual(
				uploaded.map((file) => [file.path, file.size]).sort(),
				names.map((name) => [`${DIRECTORY}/${name}`, files.get(name)?.length]),
			);
			const listed = jsonOf(result, 'List Uploaded Files').map((file) => file.name);
			assert.deepEqual(listed.sort(), names);

			const downloaded = nodeOutput(result, 'Download Each File');
			assert.equal(downloaded.length, names.length);
			for (const item of downloaded) {
				const name = String(item.json.name);
				const binary = item.binary?.data;
				assert.ok(binary, `the download of ${name} has no binary "data"`);
				const stored = await context.readBinary(binary);
				assert.ok(stored.equals(files.get(name) ?? Buffer.alloc(0)), `${name} came back changed`);
			}

			for (const name of names) {
				const copy = await readFile(join(folder, 'copies', name));
				assert.ok(copy.equals(files.get(name) ?? Buffer.alloc(0)), `the copy of ${name} differs`);
			}
		},
	};
}
