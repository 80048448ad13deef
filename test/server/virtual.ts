import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

// Byte i is (i * 31 + 7) & 0xff. 31 is odd, so the sequence repeats every 256 bytes and
// any window can be cut from one precomputed block.
const PERIOD = 256;
const BLOCK_SIZE = 256 * 1024;
const BLOCK = buildBlock(BLOCK_SIZE + PERIOD);
const hashCache = new Map<number, string>();

function buildBlock(length: number): Buffer {
	const block = Buffer.allocUnsafe(length);
	for (let i = 0; i < length; i++) block[i] = (i * 31 + 7) & 0xff;
	return block;
}

/** Chunks of at most BLOCK_SIZE bytes that share memory with the block: never mutate them. */
export function* virtualChunks(offset: number, length: number): Generator<Buffer> {
	let position = offset;
	const end = offset + length;
	while (position < end) {
		const size = Math.min(BLOCK_SIZE, end - position);
		const phase = position % PERIOD;
		yield BLOCK.subarray(phase, phase + size);
		position += size;
	}
}

export function virtualBytes(offset: number, length: number): Buffer {
	const out = Buffer.allocUnsafe(length);
	let written = 0;
	for (const chunk of virtualChunks(offset, length)) {
		chunk.copy(out, written);
		written += chunk.length;
	}
	return out;
}

export function virtualStream(size: number): Readable {
	return Readable.from(virtualChunks(0, size), { objectMode: false });
}

export function virtualSha256(size: number): string {
	const cached = hashCache.get(size);
	if (cached !== undefined) return cached;

	const hash = createHash('sha256');
	for (const chunk of virtualChunks(0, size)) hash.update(chunk);
	const digest = hash.digest('hex');
	hashCache.set(size, digest);
	return digest;
}
