import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
	DOMO_CREDENTIAL_ID,
	WRONG_TOKEN_CREDENTIAL_ID,
} from '../../test/e2e/cases/workflow-checks';
import type { CredentialSeed, Host } from '../../test/e2e/host';
import type { StandIn } from '../../test/e2e/stand-in-process';

/** What the stand-in is seeded with beyond its sample data, so every example has its data. */
export const EXTRA_SEED = ['--files', 'Paging:250', '--virtual-file', 'Big:big.bin:64M'];

export const CREDENTIAL_NAME = 'Domo (stand-in)';

export function devCredentials(standIn: StandIn): CredentialSeed[] {
	const seed = (id: string, name: string, developerToken: string): CredentialSeed => ({
		id,
		name,
		type: 'domoApi',
		data: { instance: standIn.url, developerToken },
	});
	return [
		seed(DOMO_CREDENTIAL_ID, CREDENTIAL_NAME, standIn.token),
		seed(WRONG_TOKEN_CREDENTIAL_ID, 'Domo (wrong token)', 'not-a-valid-token'),
	];
}

function idOf(standIn: StandIn, fileSet: string, path?: string): string {
	const entry = standIn.seed[fileSet];
	const id = path === undefined ? entry?.id : entry?.files[path];
	if (id === undefined) throw new Error(`The stand-in has no ${path ?? 'FileSet'} in ${fileSet}`);
	return id;
}

/** Values for the %%TOKENS%% of the example workflows in test/e2e/workflows. */
export function exampleSubstitutions(standIn: StandIn, host: Host): Record<string, string> {
	return {
		FILES_DIR: host.filesDir,
		FINANCE_FILESET_ID: idOf(standIn, 'Finance Reports'),
		MARKETING_FILESET_ID: idOf(standIn, 'Marketing Assets'),
		PAGING_FILESET_ID: idOf(standIn, 'Paging'),
		BIG_FILESET_ID: idOf(standIn, 'Big'),
		Q1_FILE_ID: idOf(standIn, 'Finance Reports', 'reports/quarterly/Q1-2024-sales.txt'),
		Q2_FILE_ID: idOf(standIn, 'Finance Reports', 'reports/quarterly/Q2-2024-sales.txt'),
		RULES_FILE_ID: idOf(standIn, 'Finance Reports', 'rules.txt'),
	};
}

/** The files the round-trip example reads from disk. */
export async function writeExampleFiles(host: Host): Promise<void> {
	const source = join(host.filesDir, 'roundtrip', 'source');
	await mkdir(source, { recursive: true });
	await mkdir(join(host.filesDir, 'roundtrip', 'copies'), { recursive: true });
	await writeFile(join(source, 'notes.txt'), 'Notes uploaded by the round-trip example.\n');
	await writeFile(join(source, 'photo.bin'), Buffer.alloc(2.5 * 1024 * 1024, 7));
}
