import { type ChildProcess, spawn } from 'node:child_process';

import type { Host } from '../../test/e2e/host';
import { n8nBin, node24Bin } from '../../test/e2e/paths';

const START_TIMEOUT_MS = 180_000;

export interface N8nServer {
	url: string;
	stop(): Promise<void>;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

async function waitUntilHealthy(url: string, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not answer at ${url} within ${START_TIMEOUT_MS / 1000} s`);
}

/** Starts `n8n start` for the host, with its log on this terminal, and waits until it serves. */
export async function startN8n(host: Host, port: number): Promise<N8nServer> {
	const url = `http://localhost:${port}`;
	const child = spawn(node24Bin, [n8nBin, 'start'], {
		cwd: host.root,
		env: { ...host.env, N8N_PORT: String(port), N8N_LOG_FORMAT: 'text', N8N_HOST: 'localhost' },
		detached: true,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	await waitUntilHealthy(url, child);
	return {
		url,
		stop: async () => {
			signalGroup(child, 'SIGTERM');
			const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/**
 * Creates the owner account through n8n's setup API, so the editor opens on a login page
 * rather than a form. The REST API may come up a moment after /healthz, so it is retried.
 */
export async function setUpOwner(url: string, email: string, password: string): Promise<boolean> {
	for (let attempt = 0; attempt < 30; attempt++) {
		const response = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password, firstName: 'Domo', lastName: 'Developer' }),
		}).catch(() => undefined);
		if (response?.ok) return true;
		if (response?.status === 400) return false;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	return false;
}
