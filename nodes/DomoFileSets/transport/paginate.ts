import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DomoRequest } from './request';
import { domoRequest } from './request';
import type { DomoContext } from './session';

export const PAGE_SIZE = 100;

/** `undefined` means Return All. */
export type Wanted = number | undefined;

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** A page must be a JSON object: a login page or proxy error served with 200 is not "no results". */
function asPage(ctx: DomoContext, value: unknown): IDataObject {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	const kind = typeof value === 'string' ? `text ("${value.slice(0, 80)}")` : typeof value;
	throw new NodeOperationError(
		ctx.getNode(),
		`Domo answered a search with ${kind}, where JSON was expected`,
		{
			description:
				'A proxy or a login page may be in the way. Check the instance in the credential.',
		},
	);
}

function asItems(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter((item) => item && typeof item === 'object') : [];
}

function numberOf(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

async function fetchPage(
	this: DomoContext,
	request: DomoRequest,
	itemsKey: string,
	position: { offset?: number; next?: string },
): Promise<{ page: IDataObject; items: IDataObject[] }> {
	const query = { ...request.query, limit: PAGE_SIZE, ...position };
	const page = asPage(this, await domoRequest.call(this, { ...request, query }));
	return { page, items: asItems(page[itemsKey]) };
}

/**
 * Pages FileSet search by offset. Domo answers with one of three `pageContext` shapes
 * (`{offset, limit, total}`, `{count, totalCount, offset}`, `{next, offset, limit, total}`),
 * so paging stops on whichever signal arrives first: an empty or short page, or the total.
 */
export async function collectByOffset(
	this: DomoContext,
	request: DomoRequest,
	itemsKey: string,
	wanted: Wanted,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];

	for (let offset = 0; wanted === undefined || results.length < wanted; ) {
		const { page, items } = await fetchPage.call(this, request, itemsKey, { offset });
		results.push(...items);

		const context = asObject(page.pageContext);
		const total = numberOf(context.total) ?? numberOf(context.totalCount);
		const pageSize = Math.min(PAGE_SIZE, numberOf(context.limit) ?? PAGE_SIZE);
		offset += items.length;
		if (items.length === 0 || items.length < pageSize) break;
		if (total !== undefined && offset >= total) break;
	}
	return wanted === undefined ? results : results.slice(0, wanted);
}

/**
 * Pages file search by the `next` cursor. Domo ends a listing with a null or absent cursor,
 * or by sending the previous cursor again, so all three stop it, as does an empty page.
 * Ids already seen are skipped, in case the last page is served twice.
 */
export async function collectByCursor(
	this: DomoContext,
	request: DomoRequest,
	itemsKey: string,
	wanted: Wanted,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const seenIds = new Set<unknown>();
	const seenCursors = new Set<string>();
	let cursor: string | undefined;

	while (wanted === undefined || results.length < wanted) {
		const { page, items } = await fetchPage.call(this, request, itemsKey, { next: cursor });
		for (const item of items) {
			if (item.id !== undefined && seenIds.has(item.id)) continue;
			seenIds.add(item.id);
			results.push(item);
		}

		const next = asObject(page.pageContext).next ?? page.next;
		if (items.length === 0 || typeof next !== 'string' || next === '') break;
		if (next === cursor || seenCursors.has(next)) break;
		seenCursors.add(next);
		cursor = next;
	}
	return wanted === undefined ? results : results.slice(0, wanted);
}
