import { createHash, randomBytes } from 'node:crypto';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as harnessLogger from '../harness/logger';
import type { LogEntry } from '../harness';
import type { RecordedRequest } from '../server';

export const MIB = 1024 * 1024;

export function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes that no accident (a zero fill, a repeated block) could reproduce. */
export function randomFile(size: number): Buffer {
	return randomBytes(size);
}

/** The error a run rejected with; a run that succeeded fails the test. */
export async function failureOf(running: Promise<unknown>): Promise<Error> {
	try {
		await running;
	} catch (error) {
		if (error instanceof Error) return error;
		throw new Error(`The run rejected with a non-Error value: ${String(error)}`);
	}
	throw new Error('The run succeeded where it was expected to fail');
}

export function isNodeError(error: unknown): error is NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError;
}

/** What a user reads about an error in n8n: the message and the description under it. */
export function userText(error: Error): string {
	const description = isNodeError(error) ? (error.description ?? '') : '';
	return `${error.message}\n${description}`;
}

/** JSON.stringify that survives cycles, Buffers, functions and non-enumerable error fields. */
export function safeStringify(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, function (_key, current: unknown) {
			if (typeof current === 'function') return `[function ${current.name}]`;
			if (typeof current === 'bigint') return String(current);
			if (current === null || typeof current !== 'object') return current;
			if (seen.has(current)) return '[cycle]';
			seen.add(current);
			if (current instanceof Error) {
				const own: Record<string, unknown> = {};
				for (const name of Object.getOwnPropertyNames(current)) {
					own[name] = (current as unknown as Record<string, unknown>)[name];
				}
				return own;
			}
			return current;
		}) ?? ''
	);
}

/**
 * Every string reachable from `root` through own properties, enumerable or not, including
 * Buffers read as text and the keys and values of Maps. A token anywhere in an error object can
 * reach a log, the UI or an error workflow, so the whole graph is searched.
 */
export function reachableStrings(root: unknown, limit = 200_000): string[] {
	const found: string[] = [];
	const seen = new WeakSet<object>();
	const queue: unknown[] = [root];
	while (queue.length > 0 && found.length < limit) {
		const value = queue.shift();
		if (typeof value === 'string') {
			found.push(value);
			continue;
		}
		if (value === null || typeof value !== 'object') continue;
		if (seen.has(value)) continue;
		seen.add(value);
		if (Buffer.isBuffer(value)) {
			if (value.length <= MIB) found.push(value.toString('latin1'));
			continue;
		}
		if (value instanceof Map) {
			for (const [key, entry] of value) queue.push(key, entry);
			continue;
		}
		if (value instanceof Set) {
			for (const entry of value) queue.push(entry);
			continue;
		}
		for (const name of Object.getOwnPropertyNames(value)) {
			const descriptor = Object.getOwnPropertyDescriptor(value, name);
			if (descriptor && 'value' in descriptor) queue.push(name, descriptor.value);
		}
	}
	return found;
}

export function mentions(value: unknown, secret: string): boolean {
	if (safeStringify(value).includes(secret)) return true;
	return reachableStrings(value).some((text) => text.includes(secret));
}

const HTTP_INTERNALS = ['request', 'config', 'response', 'headers', 'options', 'agent', 'socket'];

/** Own enumerable keys of an error that hold an HTTP client's request, config or response. */
export function httpInternalKeys(error: object): string[] {
	return Object.keys(error).filter((key) => {
		const value = (error as Record<string, unknown>)[key];
		return HTTP_INTERNALS.includes(key) && value !== null && typeof value === 'object';
	});
}

/** A stack trace in a message reads as "at fn (file:line)" lines. */
export function hasStackTrace(text: string): boolean {
	return /\n\s*at\s+\S+/.test(text) || /\(\/[^)]+:\d+:\d+\)/.test(text);
}

/** Requests that can change data: deletes, and posts other than searches and queries. */
export function dataChanging(requests: RecordedRequest[]): RecordedRequest[] {
	return requests.filter(
		(request) =>
			request.method === 'DELETE' ||
			(request.method === 'POST' && !/\/(search|query)$/.test(request.path)),
	);
}

/**
 * Collects every log the harness captures. The harness logger is wrapped, not replaced: each
 * run still logs exactly as it would, and the arrays it fills are kept here, so logs of runs
 * that threw can be searched too.
 */
export function captureHarnessLogs(): () => LogEntry[] {
	const captured: LogEntry[][] = [];
	const original = harnessLogger.createCapturingLogger;
	const spy = jest.spyOn(harnessLogger, 'createCapturingLogger').mockImplementation((logs) => {
		captured.push(logs);
		return original(logs);
	});
	afterAll(() => spy.mockRestore());
	return () => captured.flat();
}
