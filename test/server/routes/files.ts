import { optionalString, readJsonObject } from '../body';
import type { Ctx } from '../context';
import { badRequest } from '../errors';
import { decodeCursor, filePageContext, parseLimit } from '../paging';
import { isInside, normalizePath, parentOf } from '../paths';
import { sendJson } from '../respond';
import { route, type Route } from '../router';
import { applySearch, hasCriteria } from '../search';
import type { FileRecord, FileSetRecord, JsonObject } from '../types';
import { fileAtPath, fileBody, fileOf, fileSetOf, sendDeleted } from './common';

function inScope(ctx: Ctx, fileSet: FileSetRecord): FileRecord[] {
	const directory = normalizePath(ctx.query.get('directoryPath') ?? '');
	const immediate = (ctx.query.get('immediateChildren') ?? '').toLowerCase() === 'true';
	return [...fileSet.files.values()].filter(
		(file) => isInside(file.path, directory) && (!immediate || parentOf(file.path) === directory),
	);
}

async function search(ctx: Ctx): Promise<void> {
	const fileSet = fileSetOf(ctx);
	const body = await readJsonObject(ctx);
	const limit = parseLimit(ctx.query, 1000);
	const cursor = ctx.query.get('next');
	const offset = cursor === null || cursor === '' ? 0 : decodeCursor(cursor);
	const records = inScope(ctx, fileSet);

	// Files are kept in creation order, so without criteria only the page is serialized:
	// that keeps paging through 100,000 files cheap for benchmarks.
	let files: JsonObject[];
	let total: number;
	if (hasCriteria(body)) {
		const all = applySearch(
			records.map((file) => fileBody(ctx, file)),
			body,
		);
		files = all.slice(offset, offset + limit);
		total = all.length;
	} else {
		files = records.slice(offset, offset + limit).map((file) => fileBody(ctx, file));
		total = records.length;
	}

	const page = { offset, count: files.length, total, cursor };
	sendJson(ctx, 200, { files, pageContext: filePageContext(ctx.env.variants.fileCursorEnd, page) });
}

function getById(ctx: Ctx): void {
	sendJson(ctx, 200, fileBody(ctx, fileOf(ctx, fileSetOf(ctx))));
}

function getByPath(ctx: Ctx): void {
	sendJson(ctx, 200, fileBody(ctx, fileAtPath(ctx, fileSetOf(ctx))));
}

function removeById(ctx: Ctx): void {
	const fileSet = fileSetOf(ctx);
	ctx.env.store.remove(fileSet, fileOf(ctx, fileSet));
	sendDeleted(ctx, 'File');
}

function removeByPath(ctx: Ctx): void {
	const fileSet = fileSetOf(ctx);
	ctx.env.store.remove(fileSet, fileAtPath(ctx, fileSet));
	sendDeleted(ctx, 'File');
}

async function move(ctx: Ctx, fileSet: FileSetRecord, file: FileRecord): Promise<void> {
	const body = await readJsonObject(ctx);
	const target = normalizePath(optionalString(body, 'path') ?? '');
	if (target === '') throw badRequest('Field path is required');
	ctx.env.store.move(fileSet, file, target);
	sendJson(ctx, 200, fileBody(ctx, file));
}

async function moveById(ctx: Ctx): Promise<void> {
	const fileSet = fileSetOf(ctx);
	await move(ctx, fileSet, fileOf(ctx, fileSet));
}

async function moveByPath(ctx: Ctx): Promise<void> {
	const fileSet = fileSetOf(ctx);
	await move(ctx, fileSet, fileAtPath(ctx, fileSet));
}

function stats(ctx: Ctx): void {
	const byFileType: Record<string, number> = {};
	const byIndexStatus: Record<string, number> = {};
	let totalSize = 0;
	for (const file of fileSetOf(ctx).files.values()) {
		byFileType[file.fileType] = (byFileType[file.fileType] ?? 0) + 1;
		byIndexStatus[file.indexStatus] = (byIndexStatus[file.indexStatus] ?? 0) + 1;
		totalSize += file.size ?? 0;
	}
	sendJson(ctx, 200, { byFileType, byIndexStatus, totalSize });
}

/** files/search must precede files/:fileId, which would otherwise take "search" as an id. */
export const fileRoutes: Route[] = [
	route('POST', '/filesets/:id/files/search', search),
	route('GET', '/filesets/:id/files/:fileId', getById),
	route('DELETE', '/filesets/:id/files/:fileId', removeById),
	route('POST', '/filesets/:id/files/:fileId', moveById),
	route('GET', '/filesets/:id/path', getByPath),
	route('DELETE', '/filesets/:id/path', removeByPath),
	route('POST', '/filesets/:id/path', moveByPath),
	route('GET', '/filesets/:id/stats', stats),
];
