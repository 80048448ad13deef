import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';

import type { FileRecord } from './types';
import { virtualBytes, virtualStream } from './virtual';

export function contentStream(file: FileRecord): Readable {
	if (file.source.kind === 'directory') throw new Error(`${file.path} is a directory`);
	if (file.source.kind === 'disk') return createReadStream(file.source.diskPath);
	return virtualStream(file.size ?? 0);
}

export async function readContent(file: FileRecord): Promise<Buffer> {
	if (file.source.kind === 'directory') throw new Error(`${file.path} is a directory`);
	if (file.source.kind === 'disk') return readFile(file.source.diskPath);
	return virtualBytes(0, file.size ?? 0);
}
