import type { Bench } from '../bench-host';
import type { BenchCase } from '../case';
import { measureNode } from '../case';
import { mib } from '../stats';
import { idleWorkflow } from '../workflows';

export const IDLE = 'n8n idle';

/** A workflow that does nothing: the peak RSS every other figure starts from. */
export function idleCase(bench: Bench): BenchCase {
	const workflows = { [IDLE]: idleWorkflow() };
	return {
		name: 'idle',
		workflows,
		async runOnce(samples) {
			samples.add(IDLE, (await measureNode(bench, workflows[IDLE].id, 'Nothing')).sample);
		},
		rows: (samples) => [
			{
				case: 'n8n running a No Op workflow',
				figures: `peak RSS ${mib(samples.peakRss(IDLE))}`,
				target: 'context for the RSS figures',
				verdict: '—',
			},
		],
	};
}
