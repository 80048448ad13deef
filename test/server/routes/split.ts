import { randomUUID } from 'node:crypto';

import { optionalString, readJsonObject } from '../body';
import type { Ctx } from '../context';
import { badRequest, conflict, HttpError } from '../errors';
import { parseMultipart } from '../multipart';
import { baseName, contentTypeOf, fileTypeOf, normalizePath } from '../paths';
import { sendJson } from '../respond';
import { route, type Route } from '../router';
import { now, USER_ID } from '../state';
import type { FileSetRecord, JsonObject } from '../types';
import type { PendingUpload } from '../uploads';
import { fileBody, fileSetOf } from './common';

// Older instances lack split upload; the variant makes the endpoints vanish like there.
function requireSplitUpload(ctx: Ctx): void {
	const mode = ctx.env.variants.splitUpload;
	if (mode === '404') throw new HttpError(404, `No endpoint at POST ${ctx.path}`);
	if (mode === '405') throw new HttpError(405, 'Request method POST is not supported');
}

function assertWritable(ctx: Ctx, fileSet: FileSetRecord, path: string): void {
	const existing = ctx.env.store.fileByPath(fileSet, path);
	if (existing?.source.kind === 'directory') {
		throw conflict(`A directory already exists at path ${path}`);
	}
	if (existing !== undefined && ctx.env.variants.overwrite === 'conflict') {
		throw conflict(`File already exists at path ${path} and may not be overwritten`);
	}
}

function pendingFileJson(upload: PendingUpload): JsonObject {
	return {
		id: upload.fileId,
		path: upload.path,
		name: baseName(upload.path),
		fileType: fileTypeOf(upload.path),
		contentType: upload.contentType ?? contentTypeOf(upload.path),
		size: null,
		hash: null,
		created: now(),
		createdBy: USER_ID,
		indexStatus: 'PENDING',
	};
}

async function start(ctx: Ctx): Promise<void> {
	requireSplitUpload(ctx);
	const fileSet = fileSetOf(ctx);
	const body = await readJsonObject(ctx);
	const path = normalizePath(optionalString(body, 'path') ?? '');
	if (path === '') throw badRequest('Field path is required');
	assertWritable(ctx, fileSet, path);

	const existing = ctx.env.store.fileByPath(fileSet, path);
	const upload = ctx.env.uploads.start({
		fileId: existing?.id ?? randomUUID(),
		fileSetId: fileSet.id,
		path,
		contentType: optionalString(body, 'contentType') ?? null,
	});
	sendJson(ctx, 202, { file: pendingFileJson(upload), status: 'IN_PROGRESS' });
}

async function part(ctx: Ctx): Promise<void> {
	requireSplitUpload(ctx);
	const { store, uploads, variants } = ctx.env;
	const fileSet = fileSetOf(ctx);
	uploads.get(fileSet.id, ctx.params.fileId);
	const partNumber = Number(ctx.params.partNumber);
	if (!Number.isInteger(partNumber) || partNumber < 1) {
		throw badRequest(`Part number must be a whole number from 1, not ${ctx.params.partNumber}`);
	}

	const form = await parseMultipart(ctx, {
		blobs: store.blobs,
		diskParts: ['part'],
		maxFileBytes: variants.maxUploadBytes,
	});
	const blob = form.files.get('part');
	if (blob === undefined) throw badRequest('The request needs a file part named part');
	try {
		// Looked up again: the upload may have been aborted while this part streamed in.
		uploads.putPart(uploads.get(fileSet.id, ctx.params.fileId), partNumber, blob);
	} catch (error) {
		store.blobs.remove(blob.diskPath);
		throw error;
	}
	sendJson(ctx, 200, { partNumber, size: blob.size });
}

async function finalize(ctx: Ctx): Promise<void> {
	requireSplitUpload(ctx);
	const { store, uploads, variants } = ctx.env;
	const fileSet = fileSetOf(ctx);
	const upload = uploads.get(fileSet.id, ctx.params.fileId);
	const parts = uploads.orderedParts(upload);
	const total = parts.reduce((sum, stored) => sum + stored.size, 0);
	if (total > variants.maxUploadBytes) {
		uploads.discard(upload);
		throw new HttpError(413, `The upload exceeds ${variants.maxUploadBytes} bytes`);
	}
	assertWritable(ctx, fileSet, upload.path);

	const blob = await store.blobs.concat(parts.map((stored) => stored.diskPath));
	uploads.discard(upload);
	const body = {
		source: { kind: 'disk' as const, diskPath: blob.diskPath },
		size: blob.size,
		hash: blob.sha256,
		contentType: upload.contentType ?? contentTypeOf(upload.path),
	};
	const { record } = store.putFile(fileSet, upload.path, body, upload.fileId);
	sendJson(ctx, 201, fileBody(ctx, record));
}

function abort(ctx: Ctx): void {
	requireSplitUpload(ctx);
	const fileSet = fileSetOf(ctx);
	const upload = ctx.env.uploads.get(fileSet.id, ctx.params.fileId);
	ctx.env.uploads.discard(upload);
	sendJson(ctx, 200, { fileId: upload.fileId, status: 'ABORTED' });
}

export const splitRoutes: Route[] = [
	route('POST', '/filesets/:id/files/multipart', start),
	route('POST', '/filesets/:id/files/multipart/:fileId/part/:partNumber', part),
	route('POST', '/filesets/:id/files/multipart/:fileId/finalize', finalize),
	route('POST', '/filesets/:id/files/multipart/:fileId/abort', abort),
];
