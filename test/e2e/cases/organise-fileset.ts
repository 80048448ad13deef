import assert from 'node:assert/strict';

import type { StandIn } from '../stand-in-process';
import { expectSucceeded, fileSetOf, jsonOf, type WorkflowCheck } from './workflow-checks';

// Create Directory, Move or Rename and Get Statistics, chained as a user would file a report.
export function organiseFileSet(standIn: StandIn): WorkflowCheck {
	return {
		name: 'a file is moved into a new directory and the FileSet is counted',
		workflow: 'organise-fileset.json',
		substitutions: { MARKETING_FILESET_ID: fileSetOf(standIn, 'Marketing Assets').id },
		async verify(result) {
			expectSucceeded(result);

			const [directory] = jsonOf(result, 'Create Archive Directory');
			assert.equal(directory?.path, 'archive/2024');
			assert.equal(directory?.fileType, 'DIRECTORY');

			const [moved] = jsonOf(result, 'Move Into Archive');
			assert.equal(moved?.path, 'archive/2024/spring-launch.md');

			const [stats] = jsonOf(result, 'Get FileSet Statistics');
			assert.ok(stats?.byFileType && typeof stats.byFileType === 'object', 'no counts by type');
		},
	};
}
