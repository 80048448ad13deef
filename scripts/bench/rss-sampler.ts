import { readFile } from 'node:fs/promises';

const POLL_MS = 20;

interface Reading {
	at: number;
	rss: number;
	highWaterMark: number;
}

async function readStatus(pid: number): Promise<Reading | undefined> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
	const rss = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
	const hwm = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
	if (rss === null || hwm === null) return undefined;
	return { at: Date.now(), rss: Number(rss[1]) * 1024, highWaterMark: Number(hwm[1]) * 1024 };
}

async function firstChild(pid: number): Promise<number | undefined> {
	const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
	const child = Number(text.trim().split(/\s+/)[0]);
	return Number.isInteger(child) && child > 0 ? child : undefined;
}

/**
 * Reads the n8n process's resident set every 20 ms with a wall-clock time, so that the peak
 * while one node ran can be told apart from the peak of the whole execution. Where n8n runs
 * under GNU time, the process to read is time's child.
 */
export class RssSampler {
	private readonly readings: Reading[] = [];
	private readonly timer: NodeJS.Timeout;
	private target: number | undefined;

	constructor(pid: number, wrapped: boolean) {
		if (!wrapped) this.target = pid;
		this.timer = setInterval(() => void this.sample(pid, wrapped), POLL_MS);
	}

	stop(): void {
		clearInterval(this.timer);
	}

	/** The kernel's own high-water mark as last read: misses at most the final 20 ms. */
	highWaterMark(): number {
		return Math.max(0, ...this.readings.map((reading) => reading.highWaterMark));
	}

	/** The highest resident set read between two wall-clock times (epoch milliseconds). */
	peakBetween(from: number, to: number): number {
		const inside = this.readings.filter((reading) => reading.at >= from && reading.at <= to);
		return inside.length === 0 ? Number.NaN : Math.max(...inside.map((reading) => reading.rss));
	}

	/** How far the resident set rose above its last reading before `from`, up to `to`. */
	riseBetween(from: number, to: number): number {
		const before = this.readings.filter((reading) => reading.at <= from).pop();
		const start = before ?? this.readings.find((reading) => reading.at >= from);
		return start === undefined ? Number.NaN : this.peakBetween(from, to) - start.rss;
	}

	private async sample(pid: number, wrapped: boolean): Promise<void> {
		if (this.target === undefined && wrapped) this.target = await firstChild(pid);
		if (this.target === undefined) return;
		const reading = await readStatus(this.target);
		if (reading !== undefined) this.readings.push(reading);
	}
}
