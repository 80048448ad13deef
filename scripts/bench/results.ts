import { median } from './stats';

export interface Sample {
	/** The node's own execution time, or the tool's own transfer time. */
	ms: number;
	/** Peak RSS of the n8n process during the run, in bytes. */
	peakRss?: number;
	/** Highest RSS sampled (every 20 ms) while the measured node itself ran. */
	nodePeakRss?: number;
	/** How far RSS rose above where it was when the measured node started. */
	nodeRssRise?: number;
	/** Requests the stand-in received during the run. */
	requests?: number;
	/** Time during which the stand-in was answering at least one request. */
	serverMs?: number;
	/** Time the stand-in took to answer the finalize call of a split upload. */
	finalizeMs?: number;
}

export type Verdict = 'PASS' | 'GAP' | '—';

export interface Row {
	case: string;
	figures: string;
	target: string;
	verdict: Verdict;
}

export function verdict(met: boolean): Verdict {
	return met ? 'PASS' : 'GAP';
}

/** Every sample of a run, by a key such as "download 1 GiB: HTTP Request". */
export class Samples {
	private readonly byKey = new Map<string, Sample[]>();

	add(key: string, sample: Sample): void {
		const list = this.byKey.get(key) ?? [];
		list.push(sample);
		this.byKey.set(key, list);
	}

	all(): Array<[string, Sample[]]> {
		return [...this.byKey.entries()];
	}

	/** The median of one figure over the runs; NaN where a run lacks it. */
	median(key: string, figure: keyof Sample = 'ms'): number {
		return median(this.list(key).map((sample) => sample[figure] ?? Number.NaN));
	}

	ms(key: string): number {
		return this.median(key, 'ms');
	}

	peakRss(key: string): number {
		return this.median(key, 'peakRss');
	}

	requests(key: string): number {
		return this.median(key, 'requests');
	}

	/** The samples of one key in run order. */
	list(key: string): Sample[] {
		return this.byKey.get(key) ?? [];
	}
}

/** The same list started at another place, so that no variant always runs first. */
export function rotate<T>(list: T[], by: number): T[] {
	const start = by % list.length;
	return [...list.slice(start), ...list.slice(0, start)];
}
