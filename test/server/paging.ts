import { isObject } from './body';
import { badRequest } from './errors';
import type { Json, JsonObject, Variants } from './types';

// The key ends in '~~~???' placed on a 3-byte boundary, which base64 encodes as 'fn5+Pz8/':
// every cursor carries '+', '/' and '=', so a client that forgets to URL-encode it breaks.
const CURSOR_KEY_TAIL = '~~~???';

export function encodeCursor(offset: number): string {
	const prefix = `{"o":${offset},"k":"`;
	const pad = 'x'.repeat((3 - (prefix.length % 3)) % 3);
	return Buffer.from(`${prefix}${pad}${CURSOR_KEY_TAIL}"}`).toString('base64');
}

export function decodeCursor(cursor: string): number {
	const invalid = badRequest(`Invalid pagination token ${cursor}`);
	const bytes = Buffer.from(cursor, 'base64');
	if (bytes.toString('base64') !== cursor) throw invalid;

	let parsed: Json;
	try {
		parsed = JSON.parse(bytes.toString('utf8')) as Json;
	} catch {
		throw invalid;
	}
	if (!isObject(parsed) || typeof parsed.k !== 'string' || !parsed.k.endsWith(CURSOR_KEY_TAIL)) {
		throw invalid;
	}
	const offset = parsed.o;
	if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw invalid;
	return offset;
}

export function parseCount(query: URLSearchParams, name: string, fallback: number): number {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw badRequest(`Query parameter ${name} must be a whole number, not ${raw}`);
	}
	return value;
}

export function parseLimit(query: URLSearchParams, max: number): number {
	const limit = parseCount(query, 'limit', 100);
	if (limit < 1) throw badRequest('Query parameter limit must be at least 1');
	return Math.min(limit, max);
}

export function fileSetPageContext(
	shape: Variants['pageContextShape'],
	page: { offset: number; limit: number; total: number; count: number },
): JsonObject {
	const { offset, limit, total, count } = page;
	if (shape === 'countTotalCount') return { count, totalCount: total, offset };
	if (shape === 'offsetLimitTotal') return { offset, limit, total };
	const next = offset + count < total ? offset + count : null;
	return { next, offset, limit, total };
}

export function filePageContext(
	end: Variants['fileCursorEnd'],
	page: { offset: number; count: number; total: number; cursor: string | null },
): JsonObject {
	const following = page.offset + page.count;
	if (following < page.total) return { next: encodeCursor(following) };
	if (end === 'absent') return {};
	// With 'repeatOnLast' the last page, items and all, sends back the cursor it was asked
	// with. A first page that holds everything was asked with none, so it has none to repeat.
	if (end === 'repeatOnLast') return { next: page.cursor || null };
	// With 'repeat' the cursor only ever points past the last item, so once the end is
	// reached the same value comes back again; with no results at all it is null.
	if (end === 'repeat' && page.total > 0) return { next: encodeCursor(page.total) };
	return { next: null };
}
