import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { node24Bin, tsxCli } from '../../test/e2e/paths';

const LOOP_TIMEOUT_MS = 120_000;

export interface LoopResult {
	ms: number;
	requests: number;
	files: number;
}

/**
 * The bare loop runs in a fresh process on n8n's own Node, as the node does under n8n, and
 * times only its requests, not its start-up. It must not block this process, which serves
 * the stand-in it talks to.
 */
export async function bareListLoop(searchUrl: string, token: string): Promise<LoopResult> {
	const script = join(__dirname, 'fetch-loop.ts');
	const child = spawn(node24Bin, [tsxCli, script, searchUrl, token], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const timer = setTimeout(() => child.kill('SIGKILL'), LOOP_TIMEOUT_MS);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	clearTimeout(timer);

	if (code !== 0) throw new Error(`The bare fetch loop failed: ${stderr.trim() || String(code)}`);
	return JSON.parse(stdout.trim().split('\n').pop() ?? '') as LoopResult;
}
