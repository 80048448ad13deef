import { createHash, randomUUID } from 'node:crypto';
import {
	createReadStream,
	createWriteStream,
	mkdirSync,
	mkdtempSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
	diskPath: string;
	size: number;
	sha256: string;
}

/** File bodies live on disk, one file per blob, so uploads of any size keep memory flat. */
export class BlobStore {
	readonly dir: string;
	private readonly owned: boolean;

	constructor(dir?: string) {
		this.owned = dir === undefined;
		this.dir = dir ?? mkdtempSync(join(tmpdir(), 'domo-stand-in-'));
		mkdirSync(this.dir, { recursive: true });
	}

	newPath(): string {
		return join(this.dir, `${randomUUID()}.blob`);
	}

	writeSync(content: Buffer): StoredBlob {
		const diskPath = this.newPath();
		writeFileSync(diskPath, content);
		const sha256 = createHash('sha256').update(content).digest('hex');
		return { diskPath, size: content.length, sha256 };
	}

	async writeStream(source: Readable): Promise<StoredBlob> {
		const diskPath = this.newPath();
		const hash = createHash('sha256');
		let size = 0;
		const meter = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				hash.update(chunk);
				size += chunk.length;
				done(null, chunk);
			},
		});
		try {
			await pipeline(source, meter, createWriteStream(diskPath));
		} catch (error) {
			this.remove(diskPath);
			throw error;
		}
		return { diskPath, size, sha256: hash.digest('hex') };
	}

	async concat(diskPaths: string[]): Promise<StoredBlob> {
		async function* parts(): AsyncGenerator<Buffer> {
			for (const diskPath of diskPaths) {
				for await (const chunk of createReadStream(diskPath)) yield chunk as Buffer;
			}
		}
		return this.writeStream(Readable.from(parts()));
	}

	remove(diskPath: string): void {
		rmSync(diskPath, { force: true });
	}

	destroy(): void {
		if (this.owned) rmSync(this.dir, { recursive: true, force: true });
	}
}
