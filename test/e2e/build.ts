import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { missingBuildOutputs } from './package';
import { repoRoot } from './paths';

const SOURCE_DIRS = ['nodes', 'credentials'];

export interface BuildState {
	ready: boolean;
	reason: string;
}

function newestMtime(dir: string): number {
	let newest = 0;
	if (!existsSync(dir)) return newest;
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
	}
	return newest;
}

function isStale(): boolean {
	const built = newestMtime(join(repoRoot, 'dist'));
	return SOURCE_DIRS.some((dir) => newestMtime(join(repoRoot, dir)) > built);
}

function lastLines(text: string, count: number): string {
	return text.trim().split('\n').slice(-count).join(' | ');
}

// Builds when dist/ is missing or older than the sources, so a case never loads stale code.
export function ensureBuilt(): BuildState {
	if (missingBuildOutputs().length === 0 && !isStale()) {
		return { ready: true, reason: 'dist/ is up to date' };
	}

	const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
	if (build.status !== 0) {
		const output = lastLines(`${build.stdout}\n${build.stderr}`, 3);
		return { ready: false, reason: `npm run build failed: ${output}` };
	}
	const missing = missingBuildOutputs();
	if (missing.length > 0) {
		return { ready: false, reason: `npm run build did not produce ${missing.join(', ')}` };
	}
	return { ready: true, reason: 'built by npm run build' };
}
