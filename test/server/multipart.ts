import busboy from 'busboy';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

import type { Ctx } from './context';
import { badRequest, HttpError } from './errors';
import type { BlobStore, StoredBlob } from './storage';

const MAX_FIELD_BYTES = 1024 * 1024;

export interface StoredPart extends StoredBlob {
	filename: string;
	mimeType: string;
}

export interface MultipartForm {
	files: Map<string, StoredPart>;
	/** Text fields, plus small file parts that are not stored to disk (JSON sent as a file). */
	fields: Map<string, string>;
}

export interface MultipartOptions {
	blobs: BlobStore;
	diskParts: string[];
	maxFileBytes: number;
}

async function readSmallPart(stream: Readable): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		size += (chunk as Buffer).length;
		if (size > MAX_FIELD_BYTES) throw badRequest('A form field exceeds 1 MiB');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function createParser(ctx: Ctx, maxFileBytes: number): busboy.Busboy {
	const type = ctx.req.headers['content-type'] ?? '';
	if (!type.toLowerCase().startsWith('multipart/form-data')) {
		throw badRequest(`Expected a multipart/form-data body, got ${type || 'no content type'}`);
	}
	try {
		// busboy flags a part as over the limit when it reaches the limit exactly.
		const limits = { fileSize: maxFileBytes + 1, fieldSize: MAX_FIELD_BYTES };
		return busboy({ headers: ctx.req.headers, defParamCharset: 'utf8', limits });
	} catch {
		throw badRequest('The multipart body has no boundary');
	}
}

/**
 * Streams the named parts to disk while hashing them. An oversized part rejects at once with
 * 413 so the answer goes out early, while the rest of the body is still read and discarded.
 */
export function parseMultipart(ctx: Ctx, options: MultipartOptions): Promise<MultipartForm> {
	const parser = createParser(ctx, options.maxFileBytes);
	const form: MultipartForm = { files: new Map(), fields: new Map() };
	const work: Array<Promise<void>> = [];
	const state: { failure: HttpError | null } = { failure: null };

	return new Promise((resolve, reject) => {
		const fail = (error: unknown): void => {
			if (state.failure !== null) return;
			state.failure = error instanceof HttpError ? error : badRequest(String(error));
			reject(state.failure);
		};
		const settle = async (): Promise<void> => {
			await Promise.allSettled(work);
			if (state.failure === null) return resolve(form);
			for (const part of form.files.values()) options.blobs.remove(part.diskPath);
		};

		parser.on('file', (name, stream, info) => {
			if (state.failure !== null) {
				stream.resume();
				return;
			}
			if (!options.diskParts.includes(name)) {
				work.push(readSmallPart(stream).then((text) => void form.fields.set(name, text), fail));
				return;
			}
			stream.on('limit', () =>
				fail(new HttpError(413, `The upload exceeds ${options.maxFileBytes} bytes`)),
			);
			const stored = options.blobs.writeStream(stream).then((blob) => {
				const repeated = form.files.get(name);
				if (repeated !== undefined) options.blobs.remove(repeated.diskPath);
				form.files.set(name, { ...blob, filename: info.filename ?? '', mimeType: info.mimeType });
			}, fail);
			work.push(stored);
		});
		parser.on('field', (name, value, info) => {
			if (info.valueTruncated) fail(badRequest(`Form field ${name} exceeds 1 MiB`));
			form.fields.set(name, value);
		});

		pipeline(ctx.body, parser).then(settle, async (error: unknown) => {
			fail(badRequest(`Malformed multipart body: ${(error as Error).message}`));
			await settle();
		});
	});
}
