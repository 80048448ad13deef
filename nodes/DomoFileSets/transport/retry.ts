import { sleep } from 'n8n-workflow';

export interface RetryPolicy {
	maxRetries: number;
	maxWaitMs: number;
	timeoutMs: number;
}

export const DEFAULT_POLICY: RetryPolicy = {
	maxRetries: 5,
	maxWaitMs: 120_000,
	timeoutMs: 300_000,
};

/**
 * `safe`: the call can be repeated without changing the outcome (reads, updates, uploads to a
 * path, parts of a split upload), so 429, 5xx and dropped connections are retried.
 * `refused`: the call creates something, so it is retried only where Domo cannot have acted
 * on it: 429, 503 and a connection that was never made.
 */
export type RetryMode = 'safe' | 'refused';

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;

export function shouldRetryStatus(status: number, mode: RetryMode): boolean {
	if (status === 429 || status === 503) return true;
	return mode === 'safe' && status >= 500 && status !== 501;
}

const DROPPED = [
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'ERR_STREAM_PREMATURE_CLOSE',
];

export function shouldRetryNetwork(code: string | undefined, mode: RetryMode): boolean {
	if (code === 'ECONNREFUSED') return true;
	return mode === 'safe' && code !== undefined && DROPPED.includes(code);
}

/** Reads `Retry-After` as seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' || text.trim() === '') return undefined;

	if (/^\d+(\.\d+)?$/.test(text.trim())) return Math.round(parseFloat(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with jitter: half the step is fixed, half is random. */
export function backoffMs(attempt: number): number {
	const step = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(step / 2 + (Math.random() * step) / 2);
}

/**
 * Shared by every request of one node run, so that a 429 seen by one worker slows every
 * worker down instead of letting the others keep hitting the limit.
 */
export class Throttle {
	private until = 0;

	pauseFor(ms: number): void {
		this.until = Math.max(this.until, Date.now() + ms);
	}

	async wait(): Promise<void> {
		for (let left = this.until - Date.now(); left > 0; left = this.until - Date.now()) {
			await sleep(left);
		}
	}
}
