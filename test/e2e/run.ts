import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

import { type BuildState, ensureBuilt } from './build';
import type { E2eCase } from './case';
import { cases } from './cases';
import { openContext } from './context';
import { createHost, destroyHost, type Host, installPackage } from './host';
import { installScript } from './paths';

type Outcome = 'passed' | 'failed';

const concurrency = Math.max(1, Number(process.env.E2E_CONCURRENCY ?? '1') || 1);
const keepFailedHosts = process.env.E2E_KEEP_HOSTS === '1';

function install(): string | undefined {
	const run = spawnSync('bash', [installScript], { stdio: ['ignore', 'inherit', 'inherit'] });
	if (run.status === 0) return undefined;
	return `install.sh ${run.signal ? `was killed by ${run.signal}` : `exited with ${run.status}`}`;
}

function describeError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const [first, ...rest] = message.trim().split('\n');
	return [first, ...rest.map((line) => `    ${line}`)].join('\n');
}

async function runCase(testCase: E2eCase, build: BuildState): Promise<Outcome> {
	// A case that cannot run proves nothing, so it fails rather than letting the suite pass.
	if (testCase.needsPackage && !build.ready) {
		console.log(`FAIL - ${testCase.name}: not run, it needs the package, but ${build.reason}`);
		return 'failed';
	}

	const started = performance.now();
	let host: Host | undefined;
	let failure: string | undefined;
	try {
		host = await createHost();
		const { context, close } = openContext(host);
		try {
			if (testCase.needsPackage) await installPackage(host);
			await testCase.run(context);
		} finally {
			await close();
		}
	} catch (error) {
		failure = describeError(error);
	}

	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	if (failure === undefined) {
		console.log(`ok   - ${testCase.name} (${seconds} s)`);
	} else {
		console.log(`FAIL - ${testCase.name}: ${failure}`);
		if (host !== undefined && keepFailedHosts) console.log(`    host kept at ${host.root}`);
	}
	if (host !== undefined && (failure === undefined || !keepFailedHosts)) await destroyHost(host);
	return failure === undefined ? 'passed' : 'failed';
}

async function runAll(selected: E2eCase[], build: BuildState): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	const queue = [...selected];
	const worker = async (): Promise<void> => {
		for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
			outcomes.push(await runCase(next, build));
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return outcomes;
}

function report(outcomes: Outcome[]): void {
	const count = (kind: Outcome): number => outcomes.filter((outcome) => outcome === kind).length;
	console.log(`${count('passed')} passed, ${count('failed')} failed`);
	process.exitCode = count('failed') > 0 ? 1 : 0;
}

async function main(): Promise<void> {
	const filters = process.argv.slice(2);
	const selected = cases.filter(
		(testCase) => filters.length === 0 || filters.some((filter) => testCase.name.includes(filter)),
	);
	if (selected.length === 0) {
		console.log(`FAIL - no case matches ${filters.join(', ')}`);
		report(['failed']);
		return;
	}

	const installFailure = install();
	if (installFailure !== undefined) {
		console.log(`FAIL - install: ${installFailure}`);
		report(['failed']);
		return;
	}

	const build = ensureBuilt();
	console.log(`package: ${build.reason}`);
	report(await runAll(selected, build));
}

main().catch((error: unknown) => {
	console.log(`FAIL - runner: ${describeError(error)}`);
	report(['failed']);
});
