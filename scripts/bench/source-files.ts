import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { benchCacheDir, MIB, type Size } from './config';

function fileName(size: Size): string {
	return `upload-${size.bytes / MIB}MiB.bin`;
}

// Random bytes, so that no layer between n8n and the stand-in can make the transfer cheap
// by compressing it or by deduplicating blocks.
async function writeRandom(path: string, bytes: number): Promise<void> {
	async function* chunks(): AsyncGenerator<Buffer> {
		for (let written = 0; written < bytes; written += MIB) {
			yield randomBytes(Math.min(MIB, bytes - written));
		}
	}
	const partial = `${path}.partial`;
	await pipeline(chunks(), createWriteStream(partial));
	await rename(partial, path);
}

/** The upload sources in .cache/bench, made once and reused by later runs. */
export async function ensureSourceFiles(sizes: Size[]): Promise<Map<Size, string>> {
	await mkdir(benchCacheDir, { recursive: true });
	const paths = new Map<Size, string>();
	for (const size of sizes) {
		const path = join(benchCacheDir, fileName(size));
		if (!existsSync(path) || statSync(path).size !== size.bytes) {
			console.log(`writing ${path}`);
			await writeRandom(path, size.bytes);
		}
		paths.set(size, path);
	}
	return paths;
}

/**
 * Puts the sources where Read/Write Files may read them (the host's restricted folder): a
 * hard link where both sit on one file system, a copy otherwise.
 */
export async function linkInto(
	dir: string,
	sources: Map<Size, string>,
): Promise<Map<Size, string>> {
	const linked = new Map<Size, string>();
	for (const [size, source] of sources) {
		const target = join(dir, fileName(size));
		await link(source, target).catch(async () => await copyFile(source, target));
		linked.set(size, target);
	}
	return linked;
}
