import { isObjectEmpty } from 'n8n-workflow';
import type { AxiosRequestConfig, RawAxiosRequestHeaders } from 'axios';
import type { IHttpRequestOptions, IgnoreStatusErrorConfig } from 'n8n-workflow';

import { agentOptionsFor, createAgents } from './agents';
import { stringifyQuery } from './query-string';
import { beforeRedirectFor } from './redirect';

type Headers = RawAxiosRequestHeaders;

interface FormDataPackageLike {
	getHeaders(): Headers;
	append(...args: unknown[]): void;
}

export function findHeader(headers: object | undefined, name: string): string | undefined {
	if (headers === undefined) return undefined;
	return Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
}

// The `form-data` package (not the built-in FormData) brings its own boundary header.
function isFormDataPackage(body: unknown): body is FormDataPackageLike {
	if (typeof body !== 'object' || body === null) return false;
	const candidate = body as Partial<FormDataPackageLike>;
	return typeof candidate.getHeaders === 'function' && typeof candidate.append === 'function';
}

function isIgnoreConfig(value: unknown): value is IgnoreStatusErrorConfig {
	return typeof value === 'object' && value !== null && 'ignore' in value && value.ignore === true;
}

function applyBody(config: AxiosRequestConfig, request: IHttpRequestOptions): void {
	const { body } = request;
	if (!body) return;

	const contentTypeKey = findHeader(config.headers, 'content-type');
	const headers = (config.headers ?? {}) as Headers;
	if (contentTypeKey === undefined) {
		if (isFormDataPackage(body)) config.headers = { ...headers, ...body.getHeaders() };
		else if (body instanceof URLSearchParams) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
		}
	} else if (headers[contentTypeKey] === 'application/x-www-form-urlencoded') {
		config.data = new URLSearchParams(body as Record<string, string>);
	}

	// An empty object is not sent: some services reject a GET with an empty JSON body.
	if (typeof body === 'string' || (typeof body === 'object' && !isObjectEmpty(body))) {
		config.data = body;
	}
}

function applyStatusPolicy(config: AxiosRequestConfig, request: IHttpRequestOptions): void {
	const ignore = request.ignoreHttpStatusErrors;
	if (!ignore) return;
	config.validateStatus = isIgnoreConfig(ignore)
		? (status) => !ignore.except.includes(status)
		: () => true;
}

/** n8n's convertN8nRequestToAxios, for the request helpers nodes call. */
export function toAxiosConfig(request: IHttpRequestOptions): AxiosRequestConfig {
	const { headers, method, timeout, auth, url, baseURL } = request;
	const config: AxiosRequestConfig = {
		headers: (headers ?? {}) as Headers,
		method,
		timeout,
		auth,
		url,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		params: request.qs,
	};
	if (request.abortSignal) config.signal = request.abortSignal;
	if (baseURL !== undefined) config.baseURL = baseURL;
	if (request.disableFollowRedirect === true) config.maxRedirects = 0;
	else if (request.maxRedirects !== undefined) config.maxRedirects = request.maxRedirects;
	if (request.encoding !== undefined) config.responseType = request.encoding;

	const agentOptions = agentOptionsFor(request);
	Object.assign(config, createAgents(agentOptions));
	config.beforeRedirect = beforeRedirectFor(config, {
		agentOptions,
		sendCredentialsOnCrossOriginRedirect: request.sendCredentialsOnCrossOriginRedirect ?? true,
		allowedDomains: request.allowedDomains,
	});

	const { arrayFormat } = request;
	if (arrayFormat !== undefined) {
		config.paramsSerializer = (params) => stringifyQuery(params, arrayFormat);
	}

	applyBody(config, request);
	if (request.json && !findHeader(config.headers, 'accept')) {
		config.headers = { ...(config.headers as Headers), Accept: 'application/json' };
	}
	if (!findHeader(config.headers, 'user-agent')) {
		config.headers = { ...(config.headers as Headers), 'User-Agent': 'n8n' };
	}
	applyStatusPolicy(config, request);
	return config;
}
