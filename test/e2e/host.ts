import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { n8nEnv } from './env';
import type { ImportTarget } from './imports';
import { seedN8nFolder } from './template';

export { readBinary } from './binary';
export { execute, type ExecuteOptions, type ExecuteResult } from './execute';
export {
	type CredentialSeed,
	importCredential,
	importCredentials,
	importWorkflow,
	importWorkflows,
	type WorkflowJson,
} from './imports';
export { listNodeTypes, type NodeTypeSummary } from './node-types';
export { installPackage } from './package';
export { nodeError, nodeOutput, nodeRuns, type OutputItem, type RunData } from './run-data';

const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;

export interface HostOptions {
	env?: Record<string, string>;
	commandTimeoutMs?: number;
}

export interface Host extends ImportTarget {
	userFolder: string;
	n8nFolder: string;
	nodesDir: string;
	storageDir: string;
	filesDir: string;
	brokerPort: number;
}

// The task broker binds its port at every n8n command; the default 5679 would make two
// hosts, or a developer's own n8n, collide.
async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === 'string') throw new Error('No TCP port was free.');
	return address.port;
}

export async function createHost(options: HostOptions = {}): Promise<Host> {
	const root = await mkdtemp(join(tmpdir(), 'n8n-e2e-'));
	const filesDir = join(root, 'files');
	const n8nFolder = join(root, '.n8n');
	await mkdir(filesDir);

	const brokerPort = await freePort();
	const env = n8nEnv({ root, userFolder: root, filesDir }, brokerPort, options.env);
	await seedN8nFolder(n8nFolder, brokerPort);

	return {
		root,
		env,
		commandTimeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
		userFolder: root,
		n8nFolder,
		nodesDir: join(n8nFolder, 'nodes'),
		storageDir: join(n8nFolder, 'storage'),
		filesDir,
		brokerPort,
	};
}

export async function destroyHost(host: Host): Promise<void> {
	await rm(host.root, { recursive: true, force: true });
}
