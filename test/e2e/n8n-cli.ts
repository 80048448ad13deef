import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

import { n8nBin, node24Bin } from './paths';

export interface N8nTarget {
	root: string;
	env: NodeJS.ProcessEnv;
}

export interface CommandResult {
	args: string[];
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	timedOut: boolean;
	stdout: string;
	stderr: string;
	ms: number;
}

function killGroup(pid: number | undefined): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, 'SIGKILL');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

export async function runN8n(
	target: N8nTarget,
	args: string[],
	timeoutMs: number,
): Promise<CommandResult> {
	const started = performance.now();

	// cwd is the host's own folder because n8n loads a .env file from its working directory.
	// A process group of its own lets a timeout take the task runner child down with it.
	const child = spawn(node24Bin, [n8nBin, ...args], {
		cwd: target.root,
		env: target.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(child.pid);
	}, timeoutMs);
	child.once('exit', () => killGroup(child.pid));

	try {
		const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
			(resolve, reject) => {
				child.once('error', reject);
				child.once('close', (code, closeSignal) => resolve([code, closeSignal]));
			},
		);
		return {
			args,
			exitCode,
			signal,
			timedOut,
			stdout: Buffer.concat(stdout).toString('utf8'),
			stderr: Buffer.concat(stderr).toString('utf8'),
			ms: Math.round(performance.now() - started),
		};
	} finally {
		clearTimeout(timer);
	}
}
