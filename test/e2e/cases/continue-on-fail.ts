import assert from 'node:assert/strict';

import type { CaseContext } from '../case';
import { nodeOutput, type OutputItem } from '../host';
import type { StandIn } from '../stand-in-process';
import {
	expectErrorItem,
	expectSucceeded,
	fileIdOf,
	fileSetOf,
	type WorkflowCheck,
} from './workflow-checks';

const FINANCE = 'Finance Reports';
const Q1_PATH = 'reports/quarterly/Q1-2024-sales.txt';
const MISSING_FILE = /could not find the file with ID "no-such-file".*404/;

function expectPaired(items: OutputItem[]): void {
	assert.deepEqual(
		items.map((item) => item.pairedItem),
		[{ item: 0 }, { item: 1 }, { item: 2 }],
		'the output items are not paired with their inputs in order',
	);
}

async function text(context: CaseContext, item: OutputItem | undefined): Promise<string> {
	const binary = item?.binary?.data;
	assert.ok(binary, 'a downloaded item has no binary "data"');
	return (await context.readBinary(binary)).toString('utf8');
}

// Three file IDs, the second unknown: with On Error "Continue" the bad item becomes an error
// item and the good items on either side still succeed.
export function continueOnFail(context: CaseContext, standIn: StandIn): WorkflowCheck {
	const q1 = fileIdOf(standIn, FINANCE, Q1_PATH);
	const rules = fileIdOf(standIn, FINANCE, 'rules.txt');
	return {
		name: 'an unknown file ID becomes an error item between good items',
		workflow: 'continue-on-fail.json',
		substitutions: {
			FINANCE_FILESET_ID: fileSetOf(standIn, FINANCE).id,
			Q1_FILE_ID: q1,
			RULES_FILE_ID: rules,
		},
		async verify(result) {
			expectSucceeded(result);

			const got = nodeOutput(result, 'Get Files');
			assert.equal(got.length, 3);
			assert.equal(got[0].json.id, q1);
			assert.match(String(expectErrorItem(got[1], '404').error), MISSING_FILE);
			assert.equal(got[2].json.id, rules);
			expectPaired(got);

			const downloaded = nodeOutput(result, 'Download Files');
			assert.equal(downloaded.length, 3);
			assert.match(await text(context, downloaded[0]), /^Quarterly sales report Q1 2024\n/);
			assert.match(String(expectErrorItem(downloaded[1], '404').error), MISSING_FILE);
			assert.match(await text(context, downloaded[2]), /^House rules\n/);
			expectPaired(downloaded);
		},
	};
}
