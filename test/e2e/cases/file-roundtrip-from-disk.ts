import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { CaseContext } from '../case';
import { nodeOutput } from '../host';
import type { StandIn } from '../stand-in-process';
import { expectSucceeded, fileSetOf, jsonOf, type WorkflowCheck } from './workflow-checks';

const DIRECTORY = 'roundtrip';

// A text file goes up in one request; the binary one is larger than the workflow's 1 MiB
// Part Size, so it goes up as a split upload of three parts.
function sourceFiles(): Map<string, Buffer> {
	return new Map([
		['notes.txt', Buffer.from('Round trip notes\nÜmlauts and emoji 🚀 survive too.\n')],
		['photo.bin', randomBytes(2.5 * 1024 * 1024)],
	]);
}

// Files n8n's own Read/Write Files from Disk node reads are uploaded, listed, downloaded and
// written back to disk; every byte must survive both directions.
export function fileRoundtripFromDisk(context: CaseContext, standIn: StandIn): WorkflowCheck {
	const folder = join(context.host.filesDir, DIRECTORY);
	const files = sourceFiles();
	const names = [...files.keys()].sort();
	return {
		name: 'files read from disk come back byte for byte',
		workflow: 'file-roundtrip-from-disk.json',
		substitutions: { MARKETING_FILESET_ID: fileSetOf(standIn, 'Marketing Assets').id },
		async prepare() {
			await mkdir(join(folder, 'source'), { recursive: true });
			await mkdir(join(folder, 'copies'), { recursive: true });
			for (const [name, bytes] of files) await writeFile(join(folder, 'source', name), bytes);
		},
		async verify(result) {
			expectSucceeded(result);

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
