import { MIB } from './config';
import type { Samples } from './results';

export function median(values: number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function seconds(ms: number): string {
	if (!Number.isFinite(ms)) return 'n/a';
	return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function mib(bytes: number): string {
	return Number.isFinite(bytes) ? `${Math.round(bytes / MIB)} MiB` : 'n/a';
}

export function ratio(value: number): string {
	return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function megabytesPerSecond(bytes: number, ms: number): string {
	return `${Math.round(bytes / MIB / (ms / 1000))} MiB/s`;
}

/** "name 440 → 546 MiB (+106 MiB); while the node ran: peak 440 → 530 MiB, rise 12 → 40 MiB" */
export function rssFigure(samples: Samples, name: string, small: string, large: string): string {
	const pair = (figure: 'peakRss' | 'nodePeakRss' | 'nodeRssRise'): string => {
		const low = samples.median(small, figure);
		const high = samples.median(large, figure);
		return `${mib(low).replace(' MiB', '')} → ${mib(high)}`;
	};
	const growth = samples.peakRss(large) - samples.peakRss(small);
	return (
		`${name} ${pair('peakRss')} (+${mib(growth)}); while it ran: peak ${pair('nodePeakRss')}, ` +
		`rise ${pair('nodeRssRise')}`
	);
}
