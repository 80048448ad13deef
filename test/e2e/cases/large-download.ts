import assert from 'node:assert/strict';

import { virtualSha256 } from '../../server/virtual';
import type { CaseContext } from '../case';
import { nodeOutput } from '../host';
import type { StandIn } from '../stand-in-process';
import { expectSucceeded, fileSetOf, sha256, type WorkflowCheck } from './workflow-checks';

export const BIG_FILESET = 'Big';
export const BIG_PATH = 'big.bin';
export const BIG_SIZE = 64 * 1024 * 1024;

// The stand-in generates a 64 MiB file on the fly; the copy in n8n's binary data store must
// hash to the same SHA-256.
export function largeDownload(context: CaseContext, standIn: StandIn): WorkflowCheck {
	return {
		name: 'a 64 MiB download is stored byte-exact',
		workflow: 'large-download.json',
		substitutions: { BIG_FILESET_ID: fileSetOf(standIn, BIG_FILESET).id },
		async verify(result) {
			expectSucceeded(result);

			const [item] = nodeOutput(result, 'Download Big File');
			assert.equal(item?.json.size, BIG_SIZE);
			const binary = item.binary?.data;
			assert.ok(binary, 'the download has no binary "data"');
			assert.equal(binary.fileName, BIG_PATH);

			const stored = await context.readBinary(binary);
			assert.equal(stored.length, BIG_SIZE, 'the stored file has the wrong size');
			assert.equal(sha256(stored), virtualSha256(BIG_SIZE), 'the stored bytes differ');
		},
	};
}
