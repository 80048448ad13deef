import { assertUrlAllowed } from 'n8n-workflow';
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { n8nAxios } from './axios-client';
import { toAxiosConfig } from './to-axios';

const NO_BODY_METHODS = ['GET', 'HEAD', 'OPTIONS'];

function isEmptyBody(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string' || Array.isArray(value) || Buffer.isBuffer(value)) {
		return value.length === 0;
	}
	if (typeof value === 'object') return Object.keys(value).length === 0;
	return false;
}

export function removeEmptyBody(request: IHttpRequestOptions): void {
	if (NO_BODY_METHODS.includes(request.method ?? 'GET') && isEmptyBody(request.body)) {
		delete request.body;
	}
}

function targetUrl(request: IHttpRequestOptions): string {
	try {
		return request.baseURL ? new URL(request.url, request.baseURL).href : request.url;
	} catch {
		return request.url;
	}
}

/**
 * n8n's `helpers.httpRequest`. Like n8n it throws the AxiosError itself; only the
 * authenticated helper wraps failures in a NodeApiError.
 */
export async function httpRequest(request: IHttpRequestOptions): Promise<unknown> {
	removeEmptyBody(request);
	if (request.auth?.sendImmediately === false) {
		throw new Error(
			'The test harness does not implement digest authentication (auth.sendImmediately: false). ' +
				'Add it to test/harness/http/http-request.ts before a node relies on it.',
		);
	}

	const config = toAxiosConfig(request);
	if (config.data === undefined || config.method?.toUpperCase() === 'GET') delete config.data;
	assertUrlAllowed({ url: targetUrl(request), allowedDomains: request.allowedDomains });

	const response = await n8nAxios.request<unknown>(config);
	if (!request.returnFullResponse) return response.data;

	const full: IN8nHttpFullResponse = {
		body: response.data as IN8nHttpFullResponse['body'],
		headers: response.headers as IDataObject,
		statusCode: response.status,
		statusMessage: response.statusText,
	};
	return full;
}
