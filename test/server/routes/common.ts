import type { Ctx } from '../context';
import { badRequest, notFound } from '../errors';
import { normalizePath } from '../paths';
import { sendEmpty, sendJson } from '../respond';
import { requireFileSet } from '../seed';
import { fileJson } from '../serialize';
import type { FileRecord, FileSetRecord, JsonObject } from '../types';

export function fileSetOf(ctx: Ctx): FileSetRecord {
	return requireFileSet(ctx.env.store, ctx.params.id);
}

export function fileOf(ctx: Ctx, fileSet: FileSetRecord): FileRecord {
	const file = fileSet.files.get(ctx.params.fileId);
	if (file === undefined) throw notFound(`File ${ctx.params.fileId} not found`);
	return file;
}

export function pathParam(ctx: Ctx): string {
	const path = normalizePath(ctx.query.get('path') ?? '');
	if (path === '') throw badRequest('Query parameter path is required');
	return path;
}

export function fileAtPath(ctx: Ctx, fileSet: FileSetRecord): FileRecord {
	const path = pathParam(ctx);
	const file = ctx.env.store.fileByPath(fileSet, path);
	if (file === undefined) throw notFound(`No file at path ${path}`);
	return file;
}

export function fileBody(ctx: Ctx, file: FileRecord): JsonObject {
	const wrongHash = ctx.env.variants.corruptHash || ctx.fault?.kind === 'wrongHash';
	return fileJson(file, { baseUrl: ctx.env.baseUrl, wrongHash });
}

export function sendDeleted(ctx: Ctx, what: 'FileSet' | 'File'): void {
	if (ctx.env.variants.deleteStyle === '204') {
		sendEmpty(ctx, 204);
		return;
	}
	sendJson(ctx, 200, { status: 'success', message: `${what} deleted successfully.` });
}
