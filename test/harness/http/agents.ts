import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AgentOptions } from 'node:https';
import type { IHttpRequestOptions } from 'n8n-workflow';

export interface Agents {
	httpAgent: http.Agent;
	httpsAgent: https.Agent;
}

/** The TLS server name n8n sends: the host name, never an IP literal. */
export function serverNameFor(host: string | undefined): string | undefined {
	if (!host) return undefined;
	const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
	return net.isIP(bare) ? undefined : host;
}

function hostOf(request: IHttpRequestOptions): string | undefined {
	try {
		return new URL(request.url, request.baseURL).hostname;
	} catch {
		return undefined;
	}
}

export function agentOptionsFor(request: IHttpRequestOptions): AgentOptions {
	const options: AgentOptions = { ...request.agentOptions };
	const servername = serverNameFor(hostOf(request));
	if (servername) options.servername = servername;
	if (request.skipSslCertificateValidation === true) options.rejectUnauthorized = false;
	return options;
}

// Note: n8n builds agents that honour HTTP(S)_PROXY and the request's `proxy`; the harness
// connects directly, because its tests only talk to local servers.
export function createAgents(options: AgentOptions): Agents {
	return { httpAgent: new http.Agent(options), httpsAgent: new https.Agent(options) };
}
