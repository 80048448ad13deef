import assert from 'node:assert/strict';

import { nodeOutput } from '../host';
import { expectErrorItem, expectSucceeded, jsonOf, type WorkflowCheck } from './workflow-checks';

const CREATED_NAME = 'Lifecycle Example';
const RENAMED_NAME = 'Lifecycle Example (renamed)';

// Create, get by URL, rename, find with a filter and delete one FileSet, then see the
// deleted FileSet's Get fail with a 404 error item.
export function filesetLifecycle(): WorkflowCheck {
	return {
		name: 'creates, reads, renames, finds and deletes a FileSet',
		workflow: 'fileset-lifecycle.json',
		verify(result) {
			expectSucceeded(result);

			const [created] = jsonOf(result, 'Create FileSet');
			assert.equal(created?.name, CREATED_NAME);
			assert.equal(created.description, 'Created by the lifecycle example');
			assert.equal(created.aiEnabled, false);
			const id = created.id;
			assert.ok(typeof id === 'string' && id !== '', 'Create FileSet returned no id');

			const [fetched] = jsonOf(result, 'Get FileSet by URL');
			assert.equal(fetched?.id, id, 'Get by URL read another FileSet');
			assert.equal(fetched.name, CREATED_NAME);

			const [renamed] = jsonOf(result, 'Rename FileSet');
			assert.equal(renamed?.id, id);
			assert.equal(renamed.name, RENAMED_NAME);
			assert.equal(renamed.description, 'Renamed by the lifecycle example');

			const found = jsonOf(result, 'Find Renamed FileSet');
			assert.deepEqual(
				found.map((fileSet) => [fileSet.id, fileSet.name]),
				[[id, RENAMED_NAME]],
				'Get Many with a name filter did not find exactly the renamed FileSet',
			);

			const [deleted] = jsonOf(result, 'Delete FileSet');
			assert.equal(deleted?.id, id);
			assert.equal(deleted.deleted, true);

			const [gone] = nodeOutput(result, 'Get Deleted FileSet');
			const error = expectErrorItem(gone, '404');
			assert.match(String(error.error), new RegExp(`could not find FileSet "${id}"`));
		},
	};
}
