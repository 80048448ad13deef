import { join } from 'node:path';

import { repoRoot } from '../../test/e2e/paths';

export const MIB = 1024 * 1024;

export interface Size {
	label: string;
	bytes: number;
}

export interface BenchConfig {
	runs: number;
	quick: boolean;
	sizes: Size[];
	/** Files listed by Get Many. */
	listedFiles: number;
	/** Input items for `get`. */
	getItems: number;
}

export const benchCacheDir = join(repoRoot, '.cache', 'bench');
export const docsFile = join(repoRoot, 'docs', 'benchmarks.md');

const ALL_SIZES: Size[] = [
	{ label: '16 MiB', bytes: 16 * MIB },
	{ label: '256 MiB', bytes: 256 * MIB },
	{ label: '1 GiB', bytes: 1024 * MIB },
];

function positive(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw new Error(`${name} must be a whole number of at least 1, not "${raw}".`);
	}
	return value;
}

export function readConfig(): BenchConfig {
	const quick = process.env.BENCH_QUICK === '1';
	return {
		runs: positive('BENCH_RUNS', 3),
		quick,
		sizes: quick ? ALL_SIZES.slice(0, 2) : ALL_SIZES,
		listedFiles: 10_000,
		getItems: 1_000,
	};
}
