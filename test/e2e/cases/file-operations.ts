import assert from 'node:assert/strict';

import type { CaseContext } from '../case';
import { type ExecuteResult, nodeOutput } from '../host';
import type { StandIn } from '../stand-in-process';
import {
	expectSucceeded,
	fileIdOf,
	fileSetOf,
	jsonOf,
	sha256,
	type WorkflowCheck,
} from './workflow-checks';

const FINANCE = 'Finance Reports';
const Q1_PATH = 'reports/quarterly/Q1-2024-sales.txt';
const Q2_PATH = 'reports/quarterly/Q2-2024-sales.txt';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function checkDownloads(context: CaseContext, result: ExecuteResult): Promise<void> {
	const [byId] = nodeOutput(result, 'Download by ID');
	assert.equal(byId?.json.path, Q2_PATH);
	const [byPath] = nodeOutput(result, 'Download by Path');
	assert.equal(byPath?.json.path, 'images/logo.png');

	// Download by Path keeps the input's "report" binary next to its own "logo".
	const report = byPath.binary?.report;
	const logo = byPath.binary?.logo;
	assert.ok(report && logo, 'Download by Path did not keep both binary fields');
	assert.equal(report.fileName, 'Q2-2024-sales.txt');
	assert.equal(report.mimeType, 'text/plain');
	assert.equal(logo.fileName, 'logo.png');
	assert.equal(logo.mimeType, 'image/png');

	const reportBytes = await context.readBinary(report);
	assert.match(reportBytes.toString('utf8'), /^Quarterly sales report Q2 2024\n/);
	assert.equal(sha256(reportBytes), byId.json.hash, 'the report differs from what Domo holds');
	const logoBytes = await context.readBinary(logo);
	assert.ok(logoBytes.subarray(0, 8).equals(PNG_SIGNATURE), 'the logo is not a PNG');
	assert.equal(sha256(logoBytes), byPath.json.hash, 'the logo differs from what Domo holds');
}

// Every file operation on the sample "Finance Reports" FileSet, by ID and by path. It deletes
// Q1 and rules.txt, so it runs after the other checks that read them.
export function fileOperations(context: CaseContext, standIn: StandIn): WorkflowCheck {
	const fileSetId = fileSetOf(standIn, FINANCE).id;
	const q1 = fileIdOf(standIn, FINANCE, Q1_PATH);
	const rules = fileIdOf(standIn, FINANCE, 'rules.txt');
	return {
		name: 'gets, downloads, lists, queries and deletes files by ID and by path',
		workflow: 'file-operations.json',
		substitutions: {
			FINANCE_FILESET_ID: fileSetId,
			Q1_FILE_ID: q1,
			Q2_FILE_ID: fileIdOf(standIn, FINANCE, Q2_PATH),
		},
		async verify(result) {
			expectSucceeded(result);

			const [byId] = jsonOf(result, 'Get File by ID');
			assert.deepEqual([byId?.id, byId?.path], [q1, Q1_PATH]);
			const [byPath] = jsonOf(result, 'Get File by Path');
			assert.deepEqual([byPath?.id, byPath?.path], [rules, 'rules.txt']);

			await checkDownloads(context, result);

			const listed = jsonOf(result, 'List Quarterly Reports').map((file) => file.path);
			assert.deepEqual(listed.sort(), [Q1_PATH, Q2_PATH]);

			const matches = jsonOf(result, 'Query Sales Figures');
			assert.ok(matches.length >= 2 && matches.length <= 5, `${matches.length} matches`);
			assert.deepEqual(
				matches
					.slice(0, 2)
					.map((match) => match.path)
					.sort(),
				[Q1_PATH, Q2_PATH],
				'the quarterly sales reports are not the best matches',
			);

			const [deletedById] = jsonOf(result, 'Delete by ID');
			assert.deepEqual(
				[deletedById?.fileSetId, deletedById?.id, deletedById?.deleted],
				[fileSetId, q1, true],
			);
			const [deletedByPath] = jsonOf(result, 'Delete by Path');
			assert.deepEqual(
				[deletedByPath?.fileSetId, deletedByPath?.path, deletedByPath?.deleted],
				[fileSetId, 'rules.txt', true],
			);

			const left = jsonOf(result, 'Files Left').map((file) => file.path);
			assert.ok(!left.includes(Q1_PATH) && !left.includes('rules.txt'), 'a deleted file is listed');
			assert.ok(left.includes(Q2_PATH) && left.includes('images/logo.png'), 'a kept file is gone');
		},
	};
}
