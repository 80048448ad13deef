import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IConnections,
	INode,
	IPinData,
	IWorkflowSettings,
} from 'n8n-workflow';

import { describeFailure, parseLogLines } from './logs';
import { type CommandResult, type N8nTarget, runN8n } from './n8n-cli';

export interface ImportTarget extends N8nTarget {
	commandTimeoutMs: number;
}

export interface CredentialSeed {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
}

export function newWorkflowId(): string {
	return randomUUID().replace(/-/g, '').slice(0, 16);
}

function expectImported(result: CommandResult, count: number, noun: string): void {
	const wanted = `Successfully imported ${count} ${noun}${count === 1 ? '' : 's'}.`;
	const reported = parseLogLines(result.stdout).some((line) => line.message === wanted);
	if (result.exitCode !== 0 || !reported) {
		throw new Error(`Importing ${count} ${noun}(s) failed: ${describeFailure(result)}`);
	}
}

async function importFile(
	host: ImportTarget,
	command: string,
	records: unknown[],
): Promise<CommandResult> {
	const file = join(host.root, `${command.replace(':', '-')}-${randomUUID()}.json`);
	await writeFile(file, JSON.stringify(records));
	return await runN8n(host, [command, `--input=${file}`], host.commandTimeoutMs);
}

// Each n8n command pays about three seconds of start-up, so a case imports everything it
// needs in one call of each kind before it executes.
export async function importCredentials(
	host: ImportTarget,
	credentials: CredentialSeed[],
): Promise<void> {
	if (credentials.length === 0) return;
	const result = await importFile(host, 'import:credentials', credentials);
	expectImported(result, credentials.length, 'credential');
}

export async function importWorkflows(
	host: ImportTarget,
	workflows: WorkflowJson[],
): Promise<string[]> {
	if (workflows.length === 0) return [];
	const withIds = workflows.map((workflow) => ({
		...workflow,
		id: workflow.id ?? newWorkflowId(),
	}));
	const result = await importFile(host, 'import:workflow', withIds);
	expectImported(result, withIds.length, 'workflow');
	return withIds.map((workflow) => workflow.id);
}

export async function importCredential(
	host: ImportTarget,
	credential: CredentialSeed,
): Promise<void> {
	await importCredentials(host, [credential]);
}

export async function importWorkflow(host: ImportTarget, workflow: WorkflowJson): Promise<string> {
	const [id] = await importWorkflows(host, [workflow]);
	return id;
}
