import { assertUrlAllowed } from 'n8n-workflow';
import type { AxiosRequestConfig } from 'axios';
import type { AgentOptions } from 'node:https';

import { createAgents, serverNameFor } from './agents';

interface RedirectPolicy {
	agentOptions: AgentOptions;
	sendCredentialsOnCrossOriginRedirect: boolean;
	allowedDomains?: string;
}

function originOf(config: AxiosRequestConfig): string {
	const url = config.baseURL
		? new URL(config.url ?? '', config.baseURL)
		: new URL(config.url ?? '');
	return url.origin;
}

/**
 * n8n's `beforeRedirect`: fresh agents for the next hop, and the Authorization header and basic
 * auth put back on it. follow-redirects itself keeps every other header, so custom token
 * headers reach the next host whatever the policy says.
 */
export function beforeRedirectFor(config: AxiosRequestConfig, policy: RedirectPolicy) {
	return (redirect: Record<string, unknown>): void => {
		const href = String(redirect.href);
		assertUrlAllowed({ url: href, allowedDomains: policy.allowedDomains });

		const hostname = typeof redirect.hostname === 'string' ? redirect.hostname : undefined;
		const agents = createAgents({ ...policy.agentOptions, servername: serverNameFor(hostname) });
		redirect.agent = href.startsWith('https://') ? agents.httpsAgent : agents.httpAgent;
		redirect.agents = { http: agents.httpAgent, https: agents.httpsAgent };

		const sameOrigin = originOf(config) === new URL(href).origin;
		if (!sameOrigin && !policy.sendCredentialsOnCrossOriginRedirect) return;

		const authorization = (config.headers as Record<string, unknown> | undefined)?.Authorization;
		if (authorization) (redirect.headers as Record<string, unknown>).Authorization = authorization;
		if (config.auth) redirect.auth = `${config.auth.username}:${config.auth.password}`;
	};
}
