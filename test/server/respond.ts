import { randomBytes } from 'node:crypto';
import { STATUS_CODES, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

import type { Ctx } from './context';
import type { Json, JsonObject } from './types';

// Domo tags every error with a "toe" trace id; clients show it, so make it look real.
function toe(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	const chars = [...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('');
	return `${chars.slice(0, 10)}-${chars.slice(10, 15)}-${chars.slice(15)}`;
}

export function domoErrorBody(status: number, path: string, message: string): JsonObject {
	return { status, statusReason: STATUS_CODES[status] ?? 'Error', path, message, toe: toe() };
}

export function sendError(ctx: Ctx, status: number, message: string): void {
	sendJson(ctx, status, domoErrorBody(status, ctx.path, message));
}

export function sendJson(ctx: Ctx, status: number, body: Json): void {
	const content = Buffer.from(JSON.stringify(body));
	sendBuffer(ctx, status, { 'content-type': 'application/json;charset=UTF-8' }, content);
}

export function sendEmpty(ctx: Ctx, status: number, headers: OutgoingHttpHeaders = {}): void {
	ctx.res.writeHead(status, { ...headers, 'content-length': 0 });
	ctx.res.end();
}

const CUTTING_FAULTS = new Set(['truncate', 'dropMidBody', 'shortChunked']);

/** Bytes to send before a fault cuts the body short. */
function cutoff(ctx: Ctx, length: number): number {
	return CUTTING_FAULTS.has(ctx.fault?.kind ?? '') ? Math.floor(length / 2) : length;
}

function writeHead(ctx: Ctx, status: number, headers: OutgoingHttpHeaders, length: number): void {
	const kind = ctx.fault?.kind;
	if (kind === 'shortChunked') {
		ctx.res.writeHead(status, headers);
		return;
	}
	const closing = kind === 'truncate' ? { connection: 'close' } : {};
	ctx.res.writeHead(status, { ...headers, ...closing, 'content-length': length });
}

// Truncate ends cleanly (Connection: close makes the client see a short body); shortChunked
// ends a chunked body cleanly, so only the file's size can tell; dropMidBody tears the socket
// down once the partial body has left.
function finishCut(ctx: Ctx): void {
	if (ctx.fault?.kind === 'dropMidBody') ctx.res.socket?.destroy();
	else ctx.res.end();
}

export function sendBuffer(
	ctx: Ctx,
	status: number,
	headers: OutgoingHttpHeaders,
	content: Buffer,
): void {
	const limit = cutoff(ctx, content.length);
	writeHead(ctx, status, headers, content.length);
	if (limit === content.length) {
		ctx.res.end(content);
		return;
	}
	ctx.res.write(content.subarray(0, limit), () => finishCut(ctx));
}

export function isGone(res: ServerResponse): boolean {
	return res.destroyed || (res.socket?.destroyed ?? false);
}

function drained(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = (): void => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

export async function sendStream(
	ctx: Ctx,
	status: number,
	headers: OutgoingHttpHeaders,
	source: Readable,
	length: number,
): Promise<void> {
	const { res } = ctx;
	const limit = cutoff(ctx, length);
	writeHead(ctx, status, headers, length);

	let sent = 0;
	let cut = false;
	for await (const chunk of source) {
		const piece = (chunk as Buffer).subarray(0, limit - sent);
		sent += piece.length;
		const last = sent >= limit;
		if (last && limit < length) {
			res.write(piece, () => finishCut(ctx));
			cut = true;
		} else if (piece.length > 0 && !res.write(piece)) {
			await drained(res);
		}
		if (isGone(res) || last) break;
	}
	source.destroy();

	if (cut || isGone(res)) return;
	// A source shorter than the announced length must not leave the client waiting.
	if (sent === length) res.end();
	else res.socket?.destroy();
}
