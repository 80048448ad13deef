// Run as its own process by bare-loop.ts, on the Node that runs n8n. Pages a FileSet's file
// search by cursor with plain fetch, as Get Many does, and prints the time and page count.
import { performance } from 'node:perf_hooks';

interface Page {
	files?: unknown[];
	pageContext?: { next?: string | null };
}

async function listAll(url: string, token: string): Promise<{ requests: number; files: number }> {
	let requests = 0;
	let files = 0;
	let cursor: string | undefined;
	do {
		const query = `limit=100${cursor === undefined ? '' : `&next=${encodeURIComponent(cursor)}`}`;
		const response = await fetch(`${url}?${query}`, {
			method: 'POST',
			headers: { 'X-DOMO-Developer-Token': token, 'content-type': 'application/json' },
			body: '{}',
		});
		if (!response.ok) throw new Error(`The search answered ${response.status}`);
		const page = (await response.json()) as Page;
		requests++;
		files += page.files?.length ?? 0;
		cursor = page.pageContext?.next ?? undefined;
	} while (cursor !== undefined);
	return { requests, files };
}

async function main(): Promise<void> {
	const [url, token] = process.argv.slice(2);
	const started = performance.now();
	const counted = await listAll(url, token);
	const ms = performance.now() - started;
	process.stdout.write(`${JSON.stringify({ ms, ...counted })}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exit(1);
});
