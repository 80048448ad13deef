import { isObject } from '../body';
import type { Ctx } from '../context';
import { badRequest, conflict } from '../errors';
import { parseMultipart, type StoredPart } from '../multipart';
import { contentTypeOf, joinPath, normalizePath } from '../paths';
import { sendJson } from '../respond';
import { route, type Route } from '../router';
import type { FileSetRecord, Json } from '../types';
import { fileBody, fileSetOf } from './common';

function directoryOf(request: string | undefined): string {
	if (request === undefined || request.trim() === '') return '';
	let parsed: Json;
	try {
		parsed = JSON.parse(request) as Json;
	} catch {
		throw badRequest('createFileRequest must be a JSON object');
	}
	if (!isObject(parsed)) throw badRequest('createFileRequest must be a JSON object');
	const directory = parsed.directoryPath;
	if (directory === undefined || directory === null) return '';
	if (typeof directory !== 'string') throw badRequest('directoryPath must be a string');
	return normalizePath(directory);
}

/** Part content types that say nothing, so the extension decides. */
function contentTypeFor(part: StoredPart, path: string): string {
	const vague = part.mimeType === '' || part.mimeType === 'application/octet-stream';
	return vague ? contentTypeOf(path) : part.mimeType;
}

function storeFile(ctx: Ctx, fileSet: FileSetRecord, part: StoredPart, directory: string): void {
	const { store, variants } = ctx.env;
	if (part.filename === '') throw badRequest('The file part needs a filename');
	const path = joinPath(directory, part.filename);
	const existing = store.fileByPath(fileSet, path);
	if (existing !== undefined && variants.overwrite === 'conflict') {
		throw conflict(`File already exists at path ${path} and may not be overwritten`);
	}

	const { record, created } = store.putFile(fileSet, path, {
		source: { kind: 'disk', diskPath: part.diskPath },
		size: part.size,
		hash: part.sha256,
		contentType: contentTypeFor(part, path),
	});
	const body = fileBody(ctx, record);
	if (!variants.uploadReplyHash) {
		delete body.hash;
		delete body.hashAlgorithm;
	}
	sendJson(ctx, created ? 201 : 200, body);
}

// A request with only createFileRequest makes a directory, as in Domo's newer spec.
function createDirectory(ctx: Ctx, fileSet: FileSetRecord, request: string | undefined): void {
	if (request === undefined) {
		throw badRequest('The upload needs a file part, a createFileRequest part, or both');
	}
	const directory = directoryOf(request);
	if (directory === '') throw badRequest('directoryPath must not be empty');
	const { record, created } = ctx.env.store.ensureDirectory(fileSet, directory);
	sendJson(ctx, created ? 201 : 200, fileBody(ctx, record));
}

async function upload(ctx: Ctx): Promise<void> {
	const fileSet = fileSetOf(ctx);
	const { store, variants } = ctx.env;
	const form = await parseMultipart(ctx, {
		blobs: store.blobs,
		diskParts: ['file'],
		maxFileBytes: variants.maxUploadBytes,
	});

	const part = form.files.get('file');
	const request = form.fields.get('createFileRequest');
	try {
		if (part === undefined) createDirectory(ctx, fileSet, request);
		else storeFile(ctx, fileSet, part, directoryOf(request));
	} catch (error) {
		if (part !== undefined) store.blobs.remove(part.diskPath);
		throw error;
	}
}

export const uploadRoutes: Route[] = [route('POST', '/filesets/:id/files', upload)];
