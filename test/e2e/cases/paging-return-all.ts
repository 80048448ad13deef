import assert from 'node:assert/strict';

import type { StandIn } from '../stand-in-process';
import {
	expectSameList,
	expectSucceeded,
	fileSetOf,
	jsonOf,
	type WorkflowCheck,
} from './workflow-checks';

export const PAGING_FILESET = 'Paging';
export const PAGING_FILE_COUNT = 250;

function expectedPaths(count: number): string[] {
	const width = String(PAGING_FILE_COUNT).length;
	return Array.from({ length: count }, (_, i) => `file-${String(i + 1).padStart(width, '0')}.txt`);
}

// 250 files take three pages of 100: Return All must follow the cursor to the end, and a
// Limit of 120 must stop in the middle of the second page with the same first 120 files.
export function pagingReturnAll(standIn: StandIn): WorkflowCheck {
	return {
		name: 'Return All reads every page and Limit stops mid-page',
		workflow: 'paging-return-all.json',
		substitutions: { PAGING_FILESET_ID: fileSetOf(standIn, PAGING_FILESET).id },
		verify(result) {
			expectSucceeded(result);

			const all = jsonOf(result, 'List All Files');
			expectSameList(
				all.map((file) => file.path),
				expectedPaths(PAGING_FILE_COUNT),
				'Return All',
			);
			assert.equal(new Set(all.map((file) => file.id)).size, PAGING_FILE_COUNT, 'duplicate ids');

			const limited = jsonOf(result, 'List First 120 Files');
			expectSameList(
				limited.map((file) => file.id),
				all.slice(0, 120).map((file) => file.id),
				'Limit 120',
			);
		},
	};
}
