import { isObject, optionalString, readJsonObject } from '../body';
import type { Ctx } from '../context';
import { badRequest, conflict } from '../errors';
import { fileSetPageContext, parseCount, parseLimit } from '../paging';
import { sendJson } from '../respond';
import { route, type Route } from '../router';
import { applySearch } from '../search';
import { fileSetJson } from '../serialize';
import { now } from '../state';
import type { ConnectorContext, FileSetRecord, JsonObject } from '../types';
import { fileSetOf, sendDeleted } from './common';

function assertNameFree(ctx: Ctx, name: string, except?: FileSetRecord): void {
	for (const fileSet of ctx.env.store.fileSets.values()) {
		if (fileSet.name === name && fileSet !== except) {
			throw conflict(`A FileSet named ${name} already exists`);
		}
	}
}

function connectorContextOf(body: JsonObject): ConnectorContext | null {
	const raw = body.connectorContext;
	if (raw === undefined || raw === null) return null;
	if (!isObject(raw) || typeof raw.connector !== 'string') {
		throw badRequest('connectorContext needs a connector');
	}
	return { connector: raw.connector, relativePath: optionalString(raw, 'relativePath') ?? null };
}

function accountIdOf(body: JsonObject): number | null {
	const raw = body.accountId;
	if (raw === undefined || raw === null) return null;
	if (typeof raw !== 'number') throw badRequest('accountId must be a number');
	return raw;
}

async function create(ctx: Ctx): Promise<void> {
	const body = await readJsonObject(ctx);
	const name = optionalString(body, 'name');
	if (name === undefined || name.trim() === '') throw badRequest('Field name is required');
	assertNameFree(ctx, name);

	const connectorContext = connectorContextOf(body);
	const fileSet = ctx.env.store.createFileSet({
		name,
		description: optionalString(body, 'description') ?? '',
		accountId: accountIdOf(body),
		connectorContext,
		connector: connectorContext?.connector ?? 'DOMO',
		aiEnabled: body.aiEnabled === true,
	});
	sendJson(ctx, 200, fileSetJson(fileSet));
}

async function search(ctx: Ctx): Promise<void> {
	const body = await readJsonObject(ctx);
	const limit = parseLimit(ctx.query, 100);
	const offset = parseCount(ctx.query, 'offset', 0);
	const all = applySearch([...ctx.env.store.fileSets.values()].map(fileSetJson), body);

	const fileSets = all.slice(offset, offset + limit);
	const page = { offset, limit, total: all.length, count: fileSets.length };
	const pageContext = fileSetPageContext(ctx.env.variants.pageContextShape, page);
	sendJson(ctx, 200, { fileSets, pageContext });
}

function get(ctx: Ctx): void {
	sendJson(ctx, 200, fileSetJson(fileSetOf(ctx)));
}

async function update(ctx: Ctx): Promise<void> {
	const fileSet = fileSetOf(ctx);
	const body = await readJsonObject(ctx);
	const name = optionalString(body, 'name');
	const description = optionalString(body, 'description');
	if (name !== undefined) {
		if (name.trim() === '') throw badRequest('Field name must not be empty');
		assertNameFree(ctx, name, fileSet);
		fileSet.name = name;
	}
	if (description !== undefined) fileSet.description = description;
	fileSet.updated = now();
	sendJson(ctx, 200, fileSetJson(fileSet));
}

function remove(ctx: Ctx): void {
	ctx.env.store.deleteFileSet(fileSetOf(ctx));
	sendDeleted(ctx, 'FileSet');
}

export const fileSetRoutes: Route[] = [
	route('POST', '/filesets', create),
	route('POST', '/filesets/search', search),
	route('GET', '/filesets/:id', get),
	route('POST', '/filesets/:id', update),
	route('DELETE', '/filesets/:id', remove),
];
