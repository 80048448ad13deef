import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

import type { IBinaryData } from 'n8n-workflow';

const FILESYSTEM_MODE = 'filesystem-v2';

// In filesystem mode an item carries only an id such as
// "filesystem-v2:workflows/<workflow>/executions/<execution>/binary_data/<uuid>", and the
// bytes stay under <userFolder>/.n8n/storage after `n8n execute` exits.
export async function readBinary(
	host: { storageDir: string },
	binary: IBinaryData,
): Promise<Buffer> {
	if (binary.id === undefined) return Buffer.from(binary.data, 'base64');

	const colon = binary.id.indexOf(':');
	const mode = binary.id.slice(0, colon);
	if (mode !== FILESYSTEM_MODE) {
		throw new Error(
			`Binary id ${binary.id} is in mode "${mode}"; only ${FILESYSTEM_MODE} is read.`,
		);
	}

	const path = resolve(host.storageDir, binary.id.slice(colon + 1));
	if (!path.startsWith(host.storageDir + sep)) {
		throw new Error(`Binary id ${binary.id} points outside the binary data store.`);
	}
	return await readFile(path);
}
