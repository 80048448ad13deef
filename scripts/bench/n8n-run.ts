import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { Host } from '../../test/e2e/host';
import { describeFailure } from '../../test/e2e/logs';
import type { CommandResult } from '../../test/e2e/n8n-cli';
import { n8nBin, node24Bin } from '../../test/e2e/paths';
import { findRunData, type RunData } from '../../test/e2e/run-data';
import { RssSampler } from './rss-sampler';

const TIME_BIN = '/usr/bin/time';

export interface MeasuredRun {
	data: RunData;
	/** Peak resident set size of the n8n process over the whole execution, in bytes. */
	peakRss: number;
	/** The highest resident set read while the named node ran. */
	peakRssDuring(nodeName: string): number;
	/** How far the resident set rose above where it was when the named node started. */
	rssRiseDuring(nodeName: string): number;
	wallMs: number;
}

/**
 * `n8n execute` prints the run data as one log line and exits; a large one (10,000 items) now
 * and then does not reach the pipe whole. The run itself succeeded, so it is worth repeating.
 */
export class NoRunData extends Error {}

interface NodeTask {
	startTime?: number;
	executionTime?: number;
}

function killGroup(pid: number | undefined): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, 'SIGKILL');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

async function collect(
	child: ChildProcess,
	timeoutMs: number,
): Promise<Omit<CommandResult, 'args'>> {
	const started = performance.now();
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
	child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(child.pid);
	}, timeoutMs);

	try {
		const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
			(resolve, reject) => {
				child.once('error', reject);
				child.once('close', (code, closeSignal) => resolve([code, closeSignal]));
			},
		);
		const ms = Math.round(performance.now() - started);
		const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString('utf8');
		return { exitCode, signal, timedOut, stdout: text(stdout), stderr: text(stderr), ms };
	} finally {
		clearTimeout(timer);
		killGroup(child.pid);
	}
}

async function readTimePeak(file: string): Promise<number> {
	const text = await readFile(file, 'utf8');
	const match = /peak_kb=(\d+)/.exec(text);
	if (match === null) throw new Error(`GNU time wrote no peak RSS: ${text.trim()}`);
	return Number(match[1]) * 1024;
}

function taskOf(data: RunData, nodeName: string): NodeTask {
	return (data.data.resultData.runData[nodeName]?.[0] ?? {}) as NodeTask;
}

/**
 * Runs `n8n execute` for one workflow and returns its run data with the peak RSS of the n8n
 * process. GNU time reports the exact peak of n8n (and of any child it waited for, the task
 * runner, which is far smaller); without it the sampled high-water mark is used.
 */
export async function executeMeasured(
	host: Host,
	workflowId: string,
	timeoutMs: number,
): Promise<MeasuredRun> {
	const args = ['execute', `--id=${workflowId}`, '--rawOutput'];
	const timeFile = join(host.root, `time-${workflowId}.txt`);
	const wrapped = existsSync(TIME_BIN);
	const prefix = wrapped ? [TIME_BIN, '-f', 'peak_kb=%M', '-o', timeFile, node24Bin] : [node24Bin];
	const [file, ...rest] = [...prefix, n8nBin, ...args];

	const child = spawn(file, rest, {
		cwd: host.root,
		env: host.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const sampler = new RssSampler(child.pid ?? 0, wrapped);
	const result = { args, ...(await collect(child, timeoutMs)) };
	sampler.stop();

	const data = findRunData(result.stdout);
	if (data === undefined && result.exitCode === 0) {
		throw new NoRunData(
			`n8n exited normally but printed ${result.stdout.length} characters of output without complete run data.`,
		);
	}
	const error = data?.data.resultData.error;
	if (data === undefined || data.status !== 'success' || error !== undefined) {
		const status = data === undefined ? '' : ` (status ${data.status})`;
		const reason = (error === undefined ? describeFailure(result) : error.message) + status;
		throw new Error(`Workflow ${workflowId} did not succeed: ${reason}`);
	}
	const peakRss = wrapped ? await readTimePeak(timeFile) : sampler.highWaterMark();
	await rm(timeFile, { force: true });

	const during = (nodeName: string, read: (from: number, to: number) => number): number => {
		const { startTime = 0, executionTime = 0 } = taskOf(data, nodeName);
		return read(startTime, startTime + executionTime);
	};
	return {
		data,
		peakRss,
		peakRssDuring: (name) => during(name, (from, to) => sampler.peakBetween(from, to)),
		rssRiseDuring: (name) => during(name, (from, to) => sampler.riseBetween(from, to)),
		wallMs: result.ms,
	};
}

/** The node's own time from n8n's run data, without n8n's start-up. */
export function nodeTime(data: RunData, nodeName: string): number {
	const { executionTime } = taskOf(data, nodeName);
	if (typeof executionTime !== 'number') {
		throw new Error(`The run data has no execution time for node "${nodeName}".`);
	}
	return executionTime;
}

export function outputCount(data: RunData, nodeName: string): number {
	return data.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0]?.length ?? 0;
}
