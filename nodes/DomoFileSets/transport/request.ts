import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { discard, readErrorText } from './body';
import { apiError, connectionError, networkCode } from './errors';
import type { RetryMode, RetryPolicy } from './retry';
import {
	backoffMs,
	DEFAULT_POLICY,
	parseRetryAfter,
	shouldRetryNetwork,
	shouldRetryStatus,
} from './retry';
import type { DomoContext, QueryValue, Session } from './session';
import { CREDENTIAL_TYPE, getSession, queryString } from './session';

export interface DomoRequest {
	method: IHttpRequestMethods;
	/** Path under `/api/files/v1`, built with `apiPath`. Ignored when `url` is set. */
	path?: string;
	url?: string;
	query?: Record<string, QueryValue>;
	/** A JSON body, or a factory for a body that can be sent only once (a stream). */
	body?: IDataObject | (() => Promise<object>);
	/** Return the body as a stream instead of parsing it. */
	stream?: boolean;
	mode?: RetryMode;
	policy?: RetryPolicy;
	/** What the request is about, for error messages: `FileSet "abc"`. */
	subject?: string;
	/** What a 404 means, where that differs from the subject. */
	missing?: string;
	/** What a 409 means, where the request may find its target taken. */
	conflict?: string;
}

export interface DomoResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

const MAX_REDIRECTS = 5;

/** Answers that mean Domo did not act on the request. */
const NOT_ACTED = [429, 503];

/** Sends one Domo API call with retries and returns the parsed body. */
export async function domoRequest(this: DomoContext, request: DomoRequest): Promise<unknown> {
	return (await domoRequestFull.call(this, request)).body;
}

/**
 * The one way this node talks to Domo: one attempt after another until Domo answers with
 * success, the answer cannot improve by asking again, or the retries run out.
 */
export async function domoRequestFull(
	this: DomoContext,
	request: DomoRequest,
): Promise<DomoResponse> {
	const session = await getSession.call(this);
	const policy = request.policy ?? DEFAULT_POLICY;
	const mode = request.mode ?? 'safe';
	const url = request.url ?? session.apiBase + (request.path ?? '') + queryString(request.query);

	let mayHaveActed = false;
	for (let attempt = 0; ; attempt++) {
		await session.throttle.wait();
		let response: DomoResponse;
		try {
			response = await sendFollowing.call(this, session, url, request, policy);
		} catch (error) {
			const code = networkCode(error);
			const retry = statusOf(error) === undefined && attempt < policy.maxRetries;
			if (retry && shouldRetryNetwork(code, mode)) {
				mayHaveActed ||= code !== 'ECONNREFUSED';
				await sleep(backoffMs(attempt));
				continue;
			}
			throw failureOf(this, session, request, error, url, attempt + 1);
		}

		if (response.statusCode < 300) return response;
		if (response.statusCode === 404 && request.method === 'DELETE' && mayHaveActed) {
			// An earlier attempt went through and only its answer was lost: the item is gone.
			discard(response.body);
			return { statusCode: 204, headers: {}, body: undefined };
		}
		if (attempt < policy.maxRetries && shouldRetryStatus(response.statusCode, mode)) {
			mayHaveActed ||= !NOT_ACTED.includes(response.statusCode);
			await waitBeforeRetry.call(this, session, response, attempt, policy);
			continue;
		}
		const body = await readErrorText(response.body);
		throw apiError(this.getNode(), response.statusCode, body, {
			subject: request.subject,
			missing: request.missing,
			conflict: request.conflict,
			attempts: attempt + 1,
			secret: session.secret,
		});
	}
}

/**
 * n8n reports a failure with no answer as a NodeApiError whose httpCode is the error code
 * (ECONNREFUSED), so only a three-digit code is an HTTP status.
 */
function statusOf(error: unknown): number | undefined {
	const code = error instanceof NodeApiError ? (error.httpCode ?? '') : '';
	return /^\d{3}$/.test(code) ? Number(code) : undefined;
}

/** Rebuilt rather than rethrown: the helper's own error carries the request headers. */
function failureOf(
	ctx: DomoContext,
	session: Session,
	request: DomoRequest,
	error: unknown,
	url: string,
	attempts: number,
): NodeApiError {
	const status = statusOf(error);
	if (status === undefined) {
		return connectionError(ctx.getNode(), new URL(url).host, networkCode(error), attempts);
	}
	const description = error instanceof NodeApiError ? error.description : undefined;
	return apiError(ctx.getNode(), status, description, {
		subject: request.subject,
		missing: request.missing,
		conflict: request.conflict,
		secret: session.secret,
	});
}

function isRedirect(status: number): boolean {
	return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * Sends the request and follows GET redirects here rather than in the HTTP helper, because
 * the helper forwards the developer token to whatever host a redirect names. Every attempt
 * starts again from Domo's URL, since a redirect target carries a short-lived signature.
 */
async function sendFollowing(
	this: DomoContext,
	session: Session,
	start: string,
	request: DomoRequest,
	policy: RetryPolicy,
): Promise<DomoResponse> {
	let url = start;
	for (let hops = 0; ; hops++) {
		const response = await sendOnce.call(this, session, url, request, policy);
		const location = response.headers.location;
		const follow = isRedirect(response.statusCode) && typeof location === 'string';
		if (!follow || request.method !== 'GET' || hops === MAX_REDIRECTS) return response;

		discard(response.body);
		url = new URL(location, url).toString();
	}
}

async function waitBeforeRetry(
	this: DomoContext,
	session: Session,
	response: DomoResponse,
	attempt: number,
	policy: RetryPolicy,
): Promise<void> {
	discard(response.body);
	const asked = parseRetryAfter(response.headers['retry-after']);
	if (asked !== undefined && asked > policy.maxWaitMs) {
		throw apiError(this.getNode(), response.statusCode, undefined, {
			retryAfterMs: asked,
			maxWaitMs: policy.maxWaitMs,
		});
	}
	const wait = asked ?? Math.min(backoffMs(attempt), policy.maxWaitMs);

	this.logger.debug(`Domo answered ${response.statusCode}; retrying in ${wait} ms`);
	if (response.statusCode === 429) {
		session.throttle.pauseFor(wait);
		await session.throttle.wait();
	} else {
		await sleep(wait);
	}
}

async function sendOnce(
	this: DomoContext,
	session: Session,
	url: string,
	request: DomoRequest,
	policy: RetryPolicy,
): Promise<DomoResponse> {
	const body = typeof request.body === 'function' ? await request.body() : request.body;
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		// axios would unzip a compressed body, and the bytes stored would no longer be the
		// file's bytes nor match its Content-Length; a file is asked for as it is.
		headers: request.stream ? { 'accept-encoding': 'identity' } : undefined,
		body,
		json: !request.stream && typeof request.body !== 'function',
		encoding: request.stream ? 'stream' : undefined,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: policy.timeoutMs,
	};

	// The token goes only to the instance itself, never to a host a redirect points at.
	const raw: unknown =
		new URL(url).origin === session.origin
			? await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options, {
					credentialsDecrypted: session.credential,
				})
			: await this.helpers.httpRequest(options);
	return asResponse(raw);
}

function asResponse(raw: unknown): DomoResponse {
	const full = (raw ?? {}) as Partial<DomoResponse>;
	return {
		statusCode: typeof full.statusCode === 'number' ? full.statusCode : 200,
		headers: full.headers && typeof full.headers === 'object' ? full.headers : {},
		body: full.body,
	};
}
