import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

const MAX_DETAIL = 400;

export interface FailureContext {
	/** What the request was about, such as `FileSet "abc"` or `the file at "a/b.txt"`. */
	subject?: string;
	/** What a 404 means when it differs from the subject: an upload's FileSet, not its file. */
	missing?: string;
	/** What a 409 means, where the request creates something at a path that may be taken. */
	conflict?: string;
	attempts?: number;
	/** Set when Domo asked for a longer wait than the retry options allow. */
	retryAfterMs?: number;
	maxWaitMs?: number;
	/** Removed from Domo's message, in case a proxy echoes the request headers back. */
	secret?: string;
}

function redact(text: string | undefined, secret: string | undefined): string | undefined {
	if (!text || !secret || secret.length < 4) return text;
	return text.split(secret).join('[redacted]');
}

/** Domo's own message from a JSON, plain-text or HTML error body. */
export function domoMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const data = body as Record<string, unknown>;
		for (const key of ['message', 'statusReason', 'error', 'title']) {
			const value = data[key];
			if (typeof value === 'string' && value.trim() !== '') return clip(value);
		}
		return undefined;
	}
	if (typeof body !== 'string' || body.trim() === '') return undefined;

	const text = body.trim();
	if (text.startsWith('{')) {
		try {
			return domoMessage(JSON.parse(text));
		} catch {
			return clip(text);
		}
	}
	if (/^<(!doctype|html|\?xml|head|body)/i.test(text)) return htmlText(text);
	return clip(text);
}

function htmlText(html: string): string | undefined {
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
	const source = title ?? html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ');
	const text = source
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text === '' ? undefined : `The server answered with an HTML page: ${clip(text)}`;
}

function clip(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL)}…` : flat;
}

function summary(status: number, context: FailureContext): string {
	if (context.retryAfterMs !== undefined) {
		const asked = Math.ceil(context.retryAfterMs / 1000);
		const allowed = Math.round((context.maxWaitMs ?? 0) / 1000);
		return (
			`Domo asked to wait ${asked} s before retrying (${status}), longer than the ${allowed} s ` +
			'that the Max Retry Wait option allows. Raise it, or run the workflow later'
		);
	}
	const subject = context.subject ?? 'the requested item';
	switch (status) {
		case 400:
			return 'Domo rejected the request as invalid (400)';
		case 401:
			return 'Domo rejected the developer token (401). Check the Domo API credential: the token may be wrong or expired';
		case 403:
			return `The token's user may not access ${subject} (403). Ask a Domo admin for access`;
		case 404:
			return `Domo could not find ${context.missing ?? subject} (404). Check the id or path`;
		case 409:
			return context.conflict
				? `Domo refused because ${context.conflict} (409)`
				: `Domo refused the request because it conflicts with the state of ${subject} (409)`;
		case 413:
			return 'Domo refused the upload as too large (413)';
		case 429: {
			const tries = context.attempts ? ` after ${context.attempts} attempts` : '';
			return `Domo kept rate-limiting the request (429)${tries}. Run fewer items at a time or raise the retry options`;
		}
		default:
			if (status >= 500) {
				const tries = context.attempts ? ` after ${context.attempts} attempts` : '';
				return `Domo had a server error (${status})${tries}. Try again later`;
			}
			return `Domo answered with HTTP ${status}`;
	}
}

/** The one error type for a failed Domo response; it never carries request headers. */
export function apiError(
	node: INode,
	status: number,
	body: unknown,
	context: FailureContext = {},
): NodeApiError {
	const detail = redact(domoMessage(body), context.secret);
	const response: JsonObject = { httpCode: String(status) };
	if (detail) response.message = detail;

	return new NodeApiError(node, response, {
		httpCode: String(status),
		message: summary(status, context),
		description: detail ?? `Domo sent no further detail (HTTP ${status}).`,
	});
}

/** A request that got no HTTP answer at all: refused, dropped or timed out. */
export function connectionError(
	node: INode,
	host: string,
	code: string | undefined,
	attempts: number,
): NodeApiError {
	const reason =
		code === 'ECONNABORTED' || code === 'ETIMEDOUT'
			? 'the request timed out'
			: code === 'ECONNREFUSED'
				? 'the connection was refused'
				: code === 'ENOTFOUND'
					? 'the host name could not be resolved'
					: `the connection failed (${code ?? 'no error code'})`;
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';

	return new NodeApiError(
		node,
		{ connection: code ?? 'UNKNOWN' },
		{
			message: `Could not reach Domo at ${host}: ${reason}${tries}`,
			description:
				'Check the instance in the Domo API credential and the network between n8n and Domo. ' +
				'For slow answers, raise the Timeout option.',
		},
	);
}

/** The error code of a failure with no HTTP answer, wherever the HTTP stack put it. */
export function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const { code, httpCode } = current as { code?: unknown; httpCode?: unknown };
		if (typeof httpCode === 'string' && /^E[A-Z_]+$/.test(httpCode)) return httpCode;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code) && code !== 'ERR_BAD_REQUEST') {
			return code;
		}
		current = (current as { cause?: unknown }).cause;
	}

	const message = error instanceof Error ? error.message : '';
	if (/timeout|timed out/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up|aborted|ECONNRESET/i.test(message)) return 'ECONNRESET';
	return undefined;
}

/**
 * The error as one of n8n's node errors. Errors this node raised pass through; anything else
 * is rebuilt from its message alone, so that no request object or header travels with it.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}
