import { randomBytes } from 'node:crypto';

import type { E2eCase } from '../case';
import { badToken } from './bad-token';
import { continueOnFail } from './continue-on-fail';
import { fileOperations } from './file-operations';
import { fileRoundtripFromDisk } from './file-roundtrip-from-disk';
import { filesetLifecycle } from './fileset-lifecycle';
import { BIG_FILESET, BIG_PATH, BIG_SIZE, largeDownload } from './large-download';
import { organiseFileSet } from './organise-fileset';
import { PAGING_FILE_COUNT, PAGING_FILESET, pagingReturnAll } from './paging-return-all';
import { domoCredentials, runWorkflowChecks } from './workflow-checks';

// Distinctive tokens, so a leak into n8n's output cannot hide behind a common string.
function tokens(): { token: string; wrongToken: string } {
	return {
		token: `e2e-token-${randomBytes(12).toString('hex')}`,
		wrongToken: `e2e-wrong-${randomBytes(12).toString('hex')}`,
	};
}

// Each n8n command costs seconds, so a group shares one host, one stand-in and one import
// of each kind; runWorkflowChecks still runs each workflow in a fresh copy of the user
// folder. The checks run in order: file-operations deletes files the others read.
export const domoOperations: E2eCase = {
	name: 'domo-operations',
	needsPackage: true,
	async run(context) {
		const { token, wrongToken } = tokens();
		const paging = `${PAGING_FILESET}:${PAGING_FILE_COUNT}`;
		const standIn = await context.startStandIn(['--token', token, '--files', paging]);
		await runWorkflowChecks(context, 'domo-operations', domoCredentials(standIn, wrongToken), [
			filesetLifecycle(),
			pagingReturnAll(standIn),
			badToken(standIn),
			continueOnFail(context, standIn),
			fileOperations(context, standIn),
		]);
	},
};

export const domoTransfers: E2eCase = {
	name: 'domo-transfers',
	needsPackage: true,
	async run(context) {
		const { token, wrongToken } = tokens();
		const big = `${BIG_FILESET}:${BIG_PATH}:${BIG_SIZE}`;
		const standIn = await context.startStandIn(['--token', token, '--virtual-file', big]);
		const log = await context.startRequestLog(standIn.url);
		const credentials = domoCredentials(standIn, wrongToken, log.url);
		await runWorkflowChecks(context, 'domo-transfers', credentials, [
			fileRoundtripFromDisk(context, standIn, log),
			largeDownload(context, standIn),
			organiseFileSet(standIn),
		]);
	},
};
