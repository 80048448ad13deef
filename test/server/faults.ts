import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Ctx } from './context';
import { domoErrorBody, isGone, sendBuffer } from './respond';
import type { FaultRule, ListenerName } from './types';

interface RuleState {
	rule: FaultRule;
	seen: number;
	fired: number;
}

function matches(rule: FaultRule, listener: ListenerName, method: string, path: string): boolean {
	if (rule.listener !== undefined && rule.listener !== listener) return false;
	if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
	if (rule.path === undefined) return true;
	if (typeof rule.path === 'string') return path.includes(rule.path);
	rule.path.lastIndex = 0;
	return rule.path.test(path);
}

export class FaultBook {
	private rules: RuleState[] = [];
	fired = 0;

	add(rule: FaultRule): void {
		this.rules.push({ rule, seen: 0, fired: 0 });
	}

	clear(): void {
		this.rules = [];
	}

	/** Every matching rule counts the request; the first one due to fire wins. */
	take(listener: ListenerName, method: string, path: string): FaultRule | null {
		let chosen: FaultRule | null = null;
		for (const state of this.rules) {
			if (!matches(state.rule, listener, method, path)) continue;
			state.seen += 1;
			if (chosen === null && this.due(state)) {
				state.fired += 1;
				this.fired += 1;
				chosen = state.rule;
			}
		}
		return chosen;
	}

	private due(state: RuleState): boolean {
		const { skip = 0, every = 1, times = Infinity } = state.rule;
		const position = state.seen - skip;
		if (position < 1 || state.fired >= times) return false;
		return (position - 1) % Math.max(1, every) === 0;
	}
}

function guessContentType(body: string): string {
	const start = body.trimStart();
	if (start.startsWith('{') || start.startsWith('[')) return 'application/json';
	if (start.startsWith('<')) return 'text/html';
	return 'text/plain';
}

function sendStatusFault(ctx: Ctx, rule: FaultRule): void {
	const status = rule.status ?? 500;
	const body =
		rule.body ?? JSON.stringify(domoErrorBody(status, ctx.path, `Injected ${status} fault`));
	const headers: OutgoingHttpHeaders = {
		'content-type': rule.contentType ?? guessContentType(body),
		...rule.headers,
	};
	sendBuffer(ctx, status, headers, Buffer.from(body));
}

// Wakes early when the client or stop() closes the socket, so no timer outlives the server.
async function delay(ctx: Ctx, ms: number): Promise<boolean> {
	const controller = new AbortController();
	const abort = (): void => controller.abort();
	ctx.req.socket.once('close', abort);
	try {
		await sleep(ms, undefined, { signal: controller.signal });
	} catch {
		return true;
	} finally {
		ctx.req.socket.off('close', abort);
	}
	return isGone(ctx.res);
}

// The request is carried out, then its answer is lost on the way: the client sees the
// connection drop and cannot know that the change was made.
function loseAnswer(ctx: Ctx): void {
	const drop = (): ServerResponse => {
		ctx.req.socket.destroy();
		return ctx.res;
	};
	ctx.res.writeHead = drop as ServerResponse['writeHead'];
}

/** Returns true when the fault answered the request and normal handling must not run. */
export async function applyFault(ctx: Ctx): Promise<boolean> {
	const rule = ctx.fault;
	if (rule === null) return false;
	switch (rule.kind) {
		case 'status':
			sendStatusFault(ctx, rule);
			return true;
		case 'drop':
			ctx.req.socket.destroy();
			return true;
		case 'delay':
			return delay(ctx, rule.delayMs ?? 1000);
		case 'loseAnswer':
			loseAnswer(ctx);
			return false;
		default:
			return false;
	}
}
