import { DomoApi } from '../../credentials/DomoApi.credentials';
import { DomoFileSets } from '../../nodes/DomoFileSets/DomoFileSets.node';
import type { HarnessItem, RunOptions, RunResult } from '../harness';
import { runNode } from '../harness';
import { DomoStandIn } from '../server';

export const TOKEN = 'tok-3f9a1c-secret-developer-token';

/** A stand-in per test file, started before and stopped after its tests. */
export function useStandIn(): { server: DomoStandIn; baseUrl: () => string } {
	const server = new DomoStandIn({ token: TOKEN });
	let url = '';
	beforeAll(async () => {
		url = await server.start();
	});
	afterAll(async () => {
		await server.stop();
	});
	return { server, baseUrl: () => url };
}

export interface NodeRun {
	parameters: RunOptions['parameters'];
	items?: HarnessItem[];
	continueOnFail?: boolean;
	binaryMode?: RunOptions['binaryMode'];
	token?: string;
	instance?: string;
}

/** Runs the real node with the real credential against `baseUrl`. */
export async function run(baseUrl: string, options: NodeRun): Promise<RunResult> {
	return await runNode({
		node: new DomoFileSets(),
		credentialType: new DomoApi(),
		credentials: { instance: options.instance ?? baseUrl, developerToken: options.token ?? TOKEN },
		parameters: options.parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
		binaryMode: options.binaryMode,
	});
}

export function byId(value: string): { __rl: true; mode: string; value: string } {
	return { __rl: true, mode: 'id', value };
}

export function byPath(value: string): { __rl: true; mode: string; value: string } {
	return { __rl: true, mode: 'path', value };
}

export function jsonOf(result: RunResult): unknown[] {
	return result.items[0].map((item) => item.json);
}
