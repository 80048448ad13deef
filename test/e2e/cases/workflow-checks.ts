import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { CaseContext } from '../case';
import {
	type CredentialSeed,
	type ExecuteResult,
	nodeOutput,
	type OutputItem,
	type WorkflowJson,
} from '../host';
import type { StandIn } from '../stand-in-process';
import { resetUserFolder, saveUserFolder } from '../user-folder';

export const DOMO_CREDENTIAL_ID = 'e2eDomoStandIn01';
export const WRONG_TOKEN_CREDENTIAL_ID = 'e2eDomoBadToken1';

// One workflow of a case group: its file, the values for its %%TOKENS%%, and what a user
// would see in its run data.
export interface WorkflowCheck {
	name: string;
	workflow: string;
	substitutions?: Record<string, string>;
	prepare?(): Promise<void>;
	verify(result: ExecuteResult): Promise<void> | void;
}

// instance is the stand-in's URL, unless a request log sits in front of it.
export function domoCredentials(
	standIn: StandIn,
	wrongToken: string,
	instance = standIn.url,
): CredentialSeed[] {
	const seed = (id: string, name: string, developerToken: string): CredentialSeed => ({
		id,
		name,
		type: 'domoApi',
		data: { instance, developerToken },
	});
	return [
		seed(DOMO_CREDENTIAL_ID, 'Domo (stand-in)', standIn.token),
		seed(WRONG_TOKEN_CREDENTIAL_ID, 'Domo (wrong token)', wrongToken),
	];
}

export function fileSetOf(standIn: StandIn, name: string): StandIn['seed'][string] {
	const fileSet = standIn.seed[name];
	if (fileSet === undefined) throw new Error(`The stand-in seeded no FileSet "${name}".`);
	return fileSet;
}

export function fileIdOf(standIn: StandIn, fileSetName: string, path: string): string {
	const id = fileSetOf(standIn, fileSetName).files[path];
	if (id === undefined) throw new Error(`The stand-in seeded no "${path}" in "${fileSetName}".`);
	return id;
}

export function jsonOf(result: ExecuteResult, nodeName: string): IDataObject[] {
	return nodeOutput(result, nodeName).map((item) => item.json);
}

export function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

export function expectSucceeded(result: ExecuteResult): void {
	assert.ok(result.ok, `the workflow ${result.summary}`);
}

// The item a Domo node emits for a failed input item when On Error is "Continue".
export function expectErrorItem(item: OutputItem | undefined, httpCode: string): IDataObject {
	assert.ok(item, 'no item was returned for the failed input');
	assert.deepEqual(Object.keys(item.json).sort(), ['description', 'error', 'httpCode']);
	assert.equal(item.json.httpCode, httpCode);
	assert.equal(typeof item.json.error, 'string');
	assert.equal(item.binary, undefined, 'an error item carries no binary data');
	return item.json;
}

// For long lists, where deepEqual's diff would print every entry.
export function expectSameList(actual: unknown[], expected: unknown[], what: string): void {
	const index = actual.findIndex((value, i) => value !== expected[i]);
	if (index === -1 && actual.length === expected.length) return;
	const at = index === -1 ? Math.min(actual.length, expected.length) : index;
	assert.fail(
		`${what}: ${actual.length} entries where ${expected.length} were expected; the first ` +
			`difference is at ${at}: ${String(actual[at])} instead of ${String(expected[at])}`,
	);
}

function failureText(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.trim().split('\n').join('\n      ');
}

function checkSecrets(result: ExecuteResult, secrets: string[]): void {
	const printed = `${result.stdout}\n${result.stderr}`;
	for (const secret of secrets) {
		assert.ok(!printed.includes(secret), 'a developer token appears in the n8n output');
	}
}

// Imports every workflow of the group with one n8n command, then runs each in turn, each in
// a fresh user folder: a copy of the one the imports left, which costs milliseconds where a
// new folder and imports would cost two n8n starts. A failed check does not stop the others;
// the group fails at the end with every failure listed.
// No n8n output may contain a token of the imported credentials, whichever check it is.
export async function runWorkflowChecks(
	context: CaseContext,
	group: string,
	credentials: CredentialSeed[],
	checks: WorkflowCheck[],
): Promise<void> {
	const workflows: WorkflowJson[] = checks.map((check) =>
		context.loadWorkflow(check.workflow, check.substitutions),
	);
	await context.importCredentials(credentials);
	const ids = await context.importWorkflows(workflows);
	const secrets = credentials.map((credential) => String(credential.data.developerToken));
	await saveUserFolder(context.host);

	const failures: string[] = [];
	for (const [index, check] of checks.entries()) {
		let ms = 0;
		try {
			if (index > 0) await resetUserFolder(context.host, `${index}-${checks[index - 1].workflow}`);
			await check.prepare?.();
			const result = await context.execute(ids[index]);
			ms = result.ms;
			checkSecrets(result, secrets);
			await check.verify(result);
			const crash = result.crashedOnExit ? ', n8n crashed on exit' : '';
			console.log(`     ok   - ${group}: ${check.name} (${(ms / 1000).toFixed(1)} s${crash})`);
		} catch (error) {
			console.log(`     FAIL - ${group}: ${check.name}`);
			failures.push(`${check.name} (${check.workflow}): ${failureText(error)}`);
		}
	}

	if (failures.length > 0) {
		const count = `${failures.length} of ${checks.length} workflows failed`;
		throw new Error(`${count}:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
	}
}
