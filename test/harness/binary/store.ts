import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { IBinaryData } from 'n8n-workflow';

import type { BinaryMode } from '../types';
import { prettyBytes } from './pretty-bytes';

export interface BinaryMetadata {
	fileName?: string;
	mimeType?: string;
	fileSize: number;
}

export interface BinaryStore {
	store(binary: IBinaryData, content: Buffer | Readable): Promise<IBinaryData>;
	stream(binaryDataId: string, chunkSize?: number): Promise<Readable>;
	metadata(binaryDataId: string): Promise<BinaryMetadata>;
	buffer(binary: IBinaryData): Promise<Buffer>;
	path(binaryDataId: string): string;
}

const STORE_MODE = 'filesystem-v2';

let storageRoot: string | undefined;

function root(): string {
	if (storageRoot === undefined) {
		const created = mkdtempSync(path.join(tmpdir(), 'n8n-harness-binary-'));
		process.once('exit', () => rmSync(created, { recursive: true, force: true }));
		storageRoot = created;
	}
	return storageRoot;
}

function filePath(binaryDataId: string): string {
	const [mode, fileId] = binaryDataId.split(':');
	if ((mode !== STORE_MODE && mode !== 'filesystem') || !fileId) {
		throw new Error(`No binary data manager found for: ${mode}`);
	}
	const resolved = path.join(root(), fileId);
	if (path.relative(root(), resolved).startsWith('..')) {
		throw new Error(`Path not allowed: ${resolved}`);
	}
	return resolved;
}

async function existing(file: string): Promise<string> {
	try {
		await access(file);
	} catch {
		throw new Error(`File not found: ${file}`);
	}
	return file;
}

export async function binaryToBuffer(content: Buffer | Readable): Promise<Buffer> {
	if (Buffer.isBuffer(content)) return content;

	const chunks: Buffer[] = [];
	for await (const chunk of content) {
		chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
	}
	return Buffer.concat(chunks);
}

async function storeOnDisk(location: string, binary: IBinaryData, content: Buffer | Readable) {
	const fileId = `${location}/${randomUUID()}`;
	const target = path.join(root(), fileId);
	await mkdir(path.dirname(target), { recursive: true });

	// writeFile consumes a stream chunk by chunk, as n8n's file system manager does.
	await writeFile(target, content);
	const { size } = await stat(target);
	const metadata: BinaryMetadata = {
		mimeType: binary.mimeType,
		fileName: binary.fileName,
		fileSize: size,
	};
	await writeFile(`${target}.metadata`, JSON.stringify(metadata), { encoding: 'utf-8' });

	return Object.assign(binary, {
		id: `${STORE_MODE}:${fileId}`,
		fileSize: prettyBytes(size),
		bytes: size,
		data: STORE_MODE,
	});
}

async function storeInMemory(binary: IBinaryData, content: Buffer | Readable) {
	const buffer = await binaryToBuffer(content);
	return Object.assign(binary, {
		data: buffer.toString('base64'),
		fileSize: prettyBytes(buffer.length),
		bytes: buffer.length,
	});
}

/**
 * n8n's BinaryDataService: in filesystem mode a binary gets an id and its bytes live under
 * `workflows/<id>/executions/<id>/binary_data` in a temp directory; in memory mode they are
 * base64 in `data` and there is no id.
 */
export function createBinaryStore(
	mode: BinaryMode,
	workflowId: string,
	executionId: string,
): BinaryStore {
	const location = `workflows/${workflowId}/executions/${executionId}/binary_data`;

	return {
		store: async (binary, content) =>
			mode === 'filesystem'
				? await storeOnDisk(location, binary, content)
				: await storeInMemory(binary, content),
		stream: async (id, chunkSize) =>
			createReadStream(await existing(filePath(id)), { highWaterMark: chunkSize }),
		metadata: async (id) =>
			JSON.parse(await readFile(`${filePath(id)}.metadata`, 'utf-8')) as BinaryMetadata,
		buffer: async (binary) =>
			binary.id
				? await readFile(await existing(filePath(binary.id)))
				: Buffer.from(binary.data, 'base64'),
		path: filePath,
	};
}
