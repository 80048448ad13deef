import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { ensureBuilt } from '../../test/e2e/build';
import {
	createHost,
	destroyHost,
	type Host,
	importCredentials,
	importWorkflows,
	installPackage,
	type WorkflowJson,
} from '../../test/e2e/host';
import { installScript } from '../../test/e2e/paths';
import { DomoStandIn } from '../../test/server/index';
import { executeMeasured, type MeasuredRun, NoRunData } from './n8n-run';
import { RequestClock } from './request-clock';
import type { Credentials } from './workflows';

const TOKEN = 'bench-developer-token';
const COMMAND_TIMEOUT_MS = 180_000;
const RUN_ATTEMPTS = 3;

export const credentials: Credentials = {
	domo: { id: 'benchDomoCredent', name: 'Domo (bench stand-in)' },
	header: { id: 'benchHeaderCrede', name: 'Domo token header (bench)' },
};

export interface Bench {
	host: Host;
	standIn: DomoStandIn;
	clock: RequestClock;
	token: string;
	/** The one-minute load average at each execution: other work on the machine skews times. */
	loads: number[];
	run(workflowId: string, timeoutMs?: number): Promise<MeasuredRun>;
	importWorkflows(workflows: WorkflowJson[]): Promise<string[]>;
	close(): Promise<void>;
}

function prepareN8n(): void {
	const install = spawnSync('bash', [installScript], { stdio: ['ignore', 'inherit', 'inherit'] });
	if (install.status !== 0) throw new Error(`test/e2e/install.sh exited with ${install.status}`);
	const build = ensureBuilt();
	if (!build.ready) throw new Error(`The package is not usable: ${build.reason}`);
	console.log(`package: ${build.reason}`);
}

async function seedCredentials(host: Host, baseUrl: string): Promise<void> {
	await importCredentials(host, [
		{
			...credentials.domo,
			type: 'domoApi',
			data: { instance: baseUrl, developerToken: TOKEN },
		},
		{
			...credentials.header,
			type: 'httpHeaderAuth',
			data: { name: 'X-DOMO-Developer-Token', value: TOKEN },
		},
	]);
}

/**
 * One n8n host with the package installed and one stand-in in this process, so that every
 * request it answers can be counted. Binary data of each execution is deleted after it,
 * so a full run needs only a few GiB of disk at a time.
 */
export async function openBench(): Promise<Bench> {
	prepareN8n();
	const clock = new RequestClock();
	const standIn = new DomoStandIn({ token: TOKEN });
	const baseUrl = await standIn.start();
	const host = await createHost({ commandTimeoutMs: COMMAND_TIMEOUT_MS });
	try {
		await installPackage(host);
		await seedCredentials(host, baseUrl);
	} catch (error) {
		await standIn.stop();
		await destroyHost(host);
		throw error;
	}

	const loads: number[] = [];
	return {
		host,
		standIn,
		clock,
		token: TOKEN,
		loads,
		async run(workflowId, timeoutMs = 600_000) {
			for (let attempt = 1; ; attempt++) {
				loads.push(loadavg()[0]);
				try {
					return await executeMeasured(host, workflowId, timeoutMs);
				} catch (error) {
					if (!(error instanceof NoRunData) || attempt === RUN_ATTEMPTS) throw error;
					console.log(`workflow ${workflowId}: ${error.message} Running it again.`);
				} finally {
					await rm(join(host.storageDir, 'workflows'), { recursive: true, force: true });
				}
			}
		},
		importWorkflows: async (workflows) => await importWorkflows(host, workflows),
		async close() {
			await standIn.stop();
			await destroyHost(host);
		},
	};
}
