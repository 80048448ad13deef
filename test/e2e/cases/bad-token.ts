import assert from 'node:assert/strict';

import { nodeError, nodeOutput } from '../host';
import type { StandIn } from '../stand-in-process';
import { expectErrorItem, fileSetOf, type WorkflowCheck } from './workflow-checks';

const TOKEN_MESSAGE = /developer token.*credential/i;

// The workflow's Domo nodes use a credential with a token the stand-in rejects. The runner
// already checks that neither token appears anywhere in n8n's output.
export function badToken(standIn: StandIn): WorkflowCheck {
	return {
		name: 'a wrong token fails with a message about the token and credential',
		workflow: 'bad-token.json',
		substitutions: { FINANCE_FILESET_ID: fileSetOf(standIn, 'Finance Reports').id },
		verify(result) {
			assert.ok(!result.ok, 'the workflow succeeded with a wrong token');
			assert.equal(result.data?.status, 'error');

			const [listed] = nodeOutput(result, 'List FileSets');
			const item = expectErrorItem(listed, '401');
			assert.match(String(item.error), TOKEN_MESSAGE);

			const error = nodeError(result, 'Download Rules');
			assert.ok(error, 'Download Rules did not fail');
			assert.match(error.message, TOKEN_MESSAGE);
			assert.equal(error.httpCode, '401');
			assert.equal(result.error?.message, error.message, 'the workflow failed for another reason');
		},
	};
}
