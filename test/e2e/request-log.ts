import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';

export interface LoggedRequest {
	method: string;
	path: string;
	status: number;
}

export interface RequestLog {
	url: string;
	requests: LoggedRequest[];
	clear(): void;
	stop(): Promise<void>;
}

function forward(
	target: URL,
	log: LoggedRequest[],
	req: IncomingMessage,
	res: ServerResponse,
): void {
	const url = new URL(req.url ?? '/', target);
	const entry: LoggedRequest = { method: req.method ?? 'GET', path: url.pathname, status: 0 };
	log.push(entry);

	const headers = { ...req.headers, host: target.host };
	const upstream = request(url, { method: entry.method, headers }, (answer) => {
		entry.status = answer.statusCode ?? 0;
		res.writeHead(entry.status, answer.headers);
		pipeline(answer, res, () => undefined);
	});
	pipeline(req, upstream, (error) => {
		if (error) res.destroy();
	});
}

// The stand-in runs in a process of its own, so its record of requests is out of a case's
// reach. This pass-through proxy in front of it keeps one the case can read.
export async function startRequestLog(target: string): Promise<RequestLog> {
	const requests: LoggedRequest[] = [];
	const origin = new URL(target);
	const server = createServer((req, res) => forward(origin, requests, req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address() as AddressInfo;

	const stop = async (): Promise<void> => {
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		await closed;
	};
	const clear = (): void => {
		requests.length = 0;
	};
	return { url: `http://127.0.0.1:${port}`, requests, clear, stop };
}
