import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline, Transform } from 'node:stream';

import type { Ctx, Env } from './context';
import { HttpError } from './errors';
import { applyFault, type FaultBook } from './faults';
import { isGone, sendError } from './respond';
import { API_PREFIX, findHandler, type Handler } from './router';
import { apiRoutes, contentRoutes } from './routes';
import type { ListenerName, RecordedRequest } from './types';

export interface Dispatcher {
	env: Env;
	faults: FaultBook;
	token: string;
	requests: RecordedRequest[];
}

const UNAUTHORIZED = 'Full authentication is required to access this resource';

function countingBody(req: IncomingMessage, record: RecordedRequest): Transform {
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			record.bodyBytes += chunk.length;
			done(null, chunk);
		},
	});
	// Errors surface to whoever reads the body; an unread body has nobody to tell.
	pipeline(req, counter, () => undefined);
	return counter;
}

function handlerFor(dispatcher: Dispatcher, ctx: Ctx): Handler {
	const method = ctx.req.method ?? 'GET';
	if (ctx.listener === 'content' || ctx.path.startsWith('/content/')) {
		return findHandler(contentRoutes, method, ctx.path, ctx);
	}
	if (ctx.path !== API_PREFIX && !ctx.path.startsWith(`${API_PREFIX}/`)) {
		throw new HttpError(404, `No endpoint at ${method} ${ctx.path}`);
	}
	if (ctx.req.headers['x-domo-developer-token'] !== dispatcher.token) {
		throw new HttpError(401, UNAUTHORIZED);
	}
	return findHandler(apiRoutes, method, ctx.path.slice(API_PREFIX.length), ctx);
}

function answerFailure(ctx: Ctx, error: unknown): void {
	if (isGone(ctx.res)) return;
	if (ctx.res.headersSent) {
		ctx.res.socket?.destroy();
		return;
	}
	if (error instanceof HttpError) sendError(ctx, error.status, error.message);
	else sendError(ctx, 500, `The stand-in failed: ${(error as Error).message}`);
}

// Like a proxy with a body-size limit: the body is read to its end, then refused, so the
// client sees the 413 rather than a connection closed under it.
async function refusedAsTooLarge(ctx: Ctx): Promise<boolean> {
	const length = Number(ctx.req.headers['content-length'] ?? 0);
	if (!(length > ctx.env.variants.maxRequestBytes)) return false;
	for await (const chunk of ctx.body) void chunk;
	ctx.res.writeHead(413, { 'content-type': 'text/html' });
	ctx.res.end('<html><head><title>413 Request Entity Too Large</title></head></html>');
	return true;
}

async function run(dispatcher: Dispatcher, ctx: Ctx): Promise<void> {
	try {
		if (await applyFault(ctx)) return;
		if (await refusedAsTooLarge(ctx)) return;
		await handlerFor(dispatcher, ctx)(ctx);
	} catch (error) {
		answerFailure(ctx, error);
	}
}

export function dispatch(
	dispatcher: Dispatcher,
	listener: ListenerName,
	req: IncomingMessage,
	res: ServerResponse,
): void {
	const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
	const method = req.method ?? 'GET';
	const record: RecordedRequest = {
		listener,
		method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: req.headers,
		bodyBytes: 0,
		at: Date.now(),
	};
	dispatcher.requests.push(record);

	const body = countingBody(req, record);
	// Whatever the handler left unread is drained, so a keep-alive socket stays usable.
	res.on('finish', () => body.resume());
	const ctx: Ctx = {
		env: dispatcher.env,
		req,
		res,
		body,
		listener,
		path: url.pathname,
		query: url.searchParams,
		record,
		fault: dispatcher.faults.take(listener, method, url.pathname),
		params: {},
	};
	void run(dispatcher, ctx);
}
