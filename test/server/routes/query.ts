import { readFile } from 'node:fs/promises';

import { optionalString, readJsonObject } from '../body';
import type { Ctx } from '../context';
import { badRequest } from '../errors';
import { isInside, normalizePath } from '../paths';
import { sendJson } from '../respond';
import { route, type Route } from '../router';
import { downloadUrl } from '../serialize';
import type { FileRecord, JsonObject } from '../types';
import { fileSetOf } from './common';

const MAX_TEXT_BYTES = 1024 * 1024;
const SNIPPET_CHARS = 1000;

interface Match {
	file: FileRecord;
	text: string | null;
	score: number;
}

function words(text: string): Set<string> {
	return new Set(
		text
			.toLowerCase()
			.split(/[^\p{L}\p{N}]+/u)
			.filter((word) => word !== ''),
	);
}

async function textOf(file: FileRecord): Promise<string | null> {
	const readable = file.fileType === 'TEXT' && (file.size ?? 0) <= MAX_TEXT_BYTES;
	if (file.source.kind !== 'disk' || !readable) return null;
	return readFile(file.source.diskPath, 'utf8');
}

function topKOf(body: JsonObject, fallback: number): number {
	const raw = body.topK;
	if (raw === undefined || raw === null) return fallback;
	if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
		throw badRequest('topK must be a whole number of at least 1');
	}
	return raw;
}

// A crude stand-in for semantic search: the share of query words found in path or text.
async function score(candidates: FileRecord[], query: Set<string>): Promise<Match[]> {
	const matches: Match[] = [];
	for (const file of candidates) {
		const text = await textOf(file);
		const document = words(`${file.path} ${text ?? ''}`);
		const overlap = [...query].filter((word) => document.has(word)).length;
		if (overlap > 0)
			matches.push({ file, text, score: Math.round((overlap / query.size) * 1e4) / 1e4 });
	}
	return matches.sort((a, b) => b.score - a.score || a.file.path.localeCompare(b.file.path));
}

function referenceMatch({ file, score: value }: Match): JsonObject {
	const node = {
		id: file.id,
		path: file.path,
		name: file.name,
		fileType: file.fileType,
		contentType: file.contentType,
		size: file.size,
		created: Date.parse(file.created),
		type: file.fileType === 'IMAGE' ? 'IMAGE' : 'TEXT',
	};
	return { id: file.id, node, score: value };
}

function newerMatch(ctx: Ctx, { file, text, score: value }: Match): JsonObject {
	const content: JsonObject =
		file.fileType === 'IMAGE'
			? { type: 'IMAGE', uri: downloadUrl(ctx.env.baseUrl, file) }
			: { type: 'TEXT', text: (text ?? file.path).slice(0, SNIPPET_CHARS) };
	return { content, metadata: { fileId: file.id, path: file.path }, score: value };
}

async function query(ctx: Ctx): Promise<void> {
	const fileSet = fileSetOf(ctx);
	const body = await readJsonObject(ctx);
	const text = optionalString(body, 'query') ?? '';
	if (words(text).size === 0) throw badRequest('Field query is required');
	const newer = ctx.env.variants.queryShape === 'newer';
	const topK = topKOf(body, newer ? 1 : 10);
	// Each API version knows only its own name for the filter, and ignores the other one.
	const directory = newer ? '' : normalizePath(optionalString(body, 'directoryPath') ?? '');
	const prefix = newer ? (optionalString(body, 'pathPrefixFilter') ?? '') : '';

	const candidates = [...fileSet.files.values()].filter(
		(file) =>
			file.source.kind !== 'directory' &&
			isInside(file.path, directory) &&
			file.path.startsWith(prefix),
	);
	const matches = (await score(candidates, words(text))).slice(0, topK);
	const shaped = matches.map((match) => (newer ? newerMatch(ctx, match) : referenceMatch(match)));
	sendJson(ctx, 200, { matches: shaped });
}

export const queryRoutes: Route[] = [route('POST', '/filesets/:id/query', query)];
