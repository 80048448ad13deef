import type { Ctx } from './context';
import { HttpError } from './errors';

export type Handler = (ctx: Ctx) => Promise<void> | void;

export interface Route {
	method: string;
	pattern: RegExp;
	handler: Handler;
}

export const API_PREFIX = '/api/files/v1';

/** '/filesets/:id' becomes a pattern with a named group per parameter. */
export function route(method: string, template: string, handler: Handler): Route {
	const source = template.replace(/:(\w+)/g, '(?<$1>[^/]+)');
	return { method, pattern: new RegExp(`^${source}$`), handler };
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw new HttpError(400, `Malformed path segment ${segment}`);
	}
}

export function findHandler(routes: Route[], method: string, path: string, ctx: Ctx): Handler {
	let pathKnown = false;
	for (const candidate of routes) {
		const match = candidate.pattern.exec(path);
		if (match === null) continue;
		pathKnown = true;
		if (candidate.method !== method) continue;

		const params: Record<string, string> = {};
		for (const [key, value] of Object.entries(match.groups ?? {})) {
			params[key] = decodeSegment(value);
		}
		ctx.params = params;
		return candidate.handler;
	}
	if (pathKnown) throw new HttpError(405, `Request method ${method} is not supported`);
	throw new HttpError(404, `No endpoint at ${method} ${ctx.path}`);
}
