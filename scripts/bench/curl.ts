import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';

const CURL_TIMEOUT_MS = 600_000;

async function runCurl(args: string[]): Promise<number> {
	const child = spawn('curl', ['-sS', '--fail', '-w', '\n%{time_total}', ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const timer = setTimeout(() => child.kill('SIGKILL'), CURL_TIMEOUT_MS);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	clearTimeout(timer);

	const seconds = Number(stdout.trim().split('\n').pop());
	if (code !== 0 || !Number.isFinite(seconds)) {
		throw new Error(`curl exited with ${String(code)}: ${stderr.trim() || stdout.trim()}`);
	}
	return seconds * 1000;
}

/** `curl -o file`: curl's own total time, without its process start. */
export async function curlDownload(url: string, token: string, outFile: string): Promise<number> {
	try {
		return await runCurl(['-H', `X-DOMO-Developer-Token: ${token}`, '-o', outFile, url]);
	} finally {
		await rm(outFile, { force: true });
	}
}

/** `curl -F`: the same multipart form the node and the HTTP Request node send. */
export async function curlUpload(url: string, token: string, path: string): Promise<number> {
	return await runCurl([
		'-H',
		`X-DOMO-Developer-Token: ${token}`,
		// Without this curl waits for "100 Continue" before a large body.
		'-H',
		'Expect:',
		'-o',
		'/dev/null',
		'-F',
		`file=@${path};filename=${basename(path)}`,
		'-F',
		'createFileRequest={"directoryPath":""}',
		url,
	]);
}
