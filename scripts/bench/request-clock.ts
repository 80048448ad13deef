import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface TimedRequest {
	method: string;
	path: string;
	start: number;
	end: number;
}

/**
 * Times every request the in-process stand-in answers, from its arrival to the end of the
 * answer, through Node's own HTTP diagnostics channels: this shows how much of a node's
 * time the server took, without touching the stand-in.
 */
export class RequestClock {
	private readonly open = new Map<IncomingMessage, TimedRequest>();
	private finished: TimedRequest[] = [];

	constructor() {
		subscribe('http.server.request.start', (message) => {
			const { request } = message as { request: IncomingMessage };
			const path = (request.url ?? '').split('?')[0];
			this.open.set(request, {
				method: request.method ?? '',
				path,
				start: performance.now(),
				end: 0,
			});
		});
		subscribe('http.server.response.finish', (message) => {
			const { request } = message as { request: IncomingMessage };
			const timed = this.open.get(request);
			if (timed === undefined) return;
			this.open.delete(request);
			this.finished.push({ ...timed, end: performance.now() });
		});
	}

	reset(): void {
		this.open.clear();
		this.finished = [];
	}

	requests(): TimedRequest[] {
		return [...this.finished];
	}

	/** Time during which at least one request was being answered. */
	busyMs(): number {
		const sorted = [...this.finished].sort((a, b) => a.start - b.start);
		let busy = 0;
		let until = Number.NEGATIVE_INFINITY;
		for (const { start, end } of sorted) {
			if (end <= until) continue;
			busy += end - Math.max(start, until);
			until = end;
		}
		return busy;
	}
}
