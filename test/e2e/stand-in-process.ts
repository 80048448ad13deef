import { type ChildProcess, spawn } from 'node:child_process';

import { repoRoot, standInCli, tsxCli } from './paths';

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export type StandInSeed = Record<string, { id: string; files: Record<string, string> }>;

export interface StandIn {
	url: string;
	token: string;
	seed: StandInSeed;
	output(): string;
	stop(): Promise<void>;
}

function isSeed(value: unknown): value is StandInSeed {
	if (typeof value !== 'object' || value === null) return false;
	return Object.values(value).every((entry: unknown) => {
		if (typeof entry !== 'object' || entry === null) return false;
		const { id, files } = entry as Record<string, unknown>;
		return typeof id === 'string' && typeof files === 'object' && files !== null;
	});
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	signalGroup(child, 'SIGTERM');
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
	await exited;
	clearTimeout(timer);
}

type Announcement = Omit<StandIn, 'output' | 'stop'>;

function readAnnouncement(text: string): Announcement | undefined {
	const values = new Map<string, string>();
	for (const line of text.split('\n')) {
		const match = /^DOMO_STAND_IN_(URL|TOKEN|SEED)=(.*)$/.exec(line.trim());
		if (match !== null) values.set(match[1], match[2]);
	}
	const url = values.get('URL');
	const token = values.get('TOKEN');
	const seedText = values.get('SEED');
	if (url === undefined || token === undefined || seedText === undefined) return undefined;

	const seed: unknown = JSON.parse(seedText);
	if (!isSeed(seed)) {
		throw new Error(`The stand-in printed a seed of an unknown shape: ${seedText}`);
	}
	return { url, token, seed };
}

async function waitForAnnouncement(
	child: ChildProcess,
	stdout: () => string,
): Promise<Announcement> {
	return await new Promise<Announcement>((resolve, reject) => {
		const finish = (error: Error | undefined, values?: Announcement): void => {
			clearTimeout(timer);
			child.stdout?.off('data', onData);
			child.off('exit', onExit);
			if (values !== undefined) resolve(values);
			else reject(error);
		};
		const onData = (): void => {
			try {
				const values = readAnnouncement(stdout());
				if (values !== undefined) finish(undefined, values);
			} catch (error) {
				finish(error as Error);
			}
		};
		const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
			const reason = signal ?? `code ${String(code)}`;
			finish(new Error(`The stand-in exited (${reason}) before it printed its URL.`));
		};
		const timer = setTimeout(
			() => finish(new Error(`The stand-in did not start within ${START_TIMEOUT_MS} ms.`)),
			START_TIMEOUT_MS,
		);
		child.stdout?.on('data', onData);
		child.once('exit', onExit);
		child.once('error', (error) => finish(error));
	});
}

// Runs `tsx test/server/cli.ts --port 0 ...args` and resolves once it has printed its URL,
// token and seed. Arguments given here come last, so they win over the default port.
export async function startStandIn(args: string[] = []): Promise<StandIn> {
	const child = spawn(process.execPath, [tsxCli, standInCli, '--port', '0', ...args], {
		cwd: repoRoot,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const output = (): string => stdout + stderr;

	try {
		const announced = await waitForAnnouncement(child, () => stdout);
		return { ...announced, output, stop: async () => await stopChild(child) };
	} catch (error) {
		await stopChild(child);
		const printed = stderr.trim();
		throw new Error(`${(error as Error).message}${printed ? ` ${printed}` : ''}`);
	}
}
