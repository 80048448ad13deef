import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

import { n8nPackageJson, node24Bin, repoRoot } from '../../test/e2e/paths';

export interface Environment {
	date: string;
	cpu: string;
	cores: number;
	memoryGiB: number;
	kernel: string;
	loadAtStart: string;
	n8n: string;
	n8nNode: string;
	benchNode: string;
	curl: string;
	packageVersion: string;
	commit: string;
}

function run(file: string, args: string[]): string {
	try {
		return execFileSync(file, args, { cwd: repoRoot, encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

function versionOf(path: string): string {
	return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

// The commit alone does not say what was measured when the node's sources have local edits.
function commitOf(): string {
	const commit = run('git', ['rev-parse', '--short', 'HEAD']);
	const edits = run('git', ['status', '--porcelain', '--', 'nodes', 'credentials']);
	return edits === '' ? commit : `${commit} with uncommitted changes in nodes/ or credentials/`;
}

export function describeEnvironment(): Environment {
	return {
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		cpu: cpus()[0]?.model ?? 'unknown',
		cores: cpus().length,
		memoryGiB: Math.round(totalmem() / 1024 ** 3),
		kernel: `Linux ${release()}`,
		loadAtStart: loadavg()
			.map((value) => value.toFixed(2))
			.join(', '),
		n8n: versionOf(n8nPackageJson),
		n8nNode: run(node24Bin, ['--version']),
		benchNode: process.version,
		curl: run('curl', ['--version']).split('\n')[0]?.split(' ')[1] ?? 'unknown',
		packageVersion: versionOf(`${repoRoot}/package.json`),
		commit: commitOf(),
	};
}
