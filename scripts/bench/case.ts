import type { Bench } from './bench-host';
import { type MeasuredRun, nodeTime } from './n8n-run';
import type { Row, Sample, Samples } from './results';
import type { BenchWorkflow } from './workflows';

/** One row group of the table: its workflows, one side-by-side round, and its rows. */
export interface BenchCase {
	name: string;
	workflows: Record<string, BenchWorkflow>;
	/** Runs every variant once, starting at another variant in each run. */
	runOnce(samples: Samples, run: number): Promise<void>;
	rows(samples: Samples): Row[];
}

export interface Measured {
	sample: Sample;
	run: MeasuredRun;
}

/** Runs a workflow and keeps the named node's time, n8n's peak RSS and the request count. */
export async function measureNode(
	bench: Bench,
	workflowId: string,
	nodeName: string,
): Promise<Measured> {
	bench.standIn.resetRequests();
	bench.clock.reset();
	const run = await bench.run(workflowId);
	const sample: Sample = {
		ms: nodeTime(run.data, nodeName),
		peakRss: run.peakRss,
		nodePeakRss: run.peakRssDuring(nodeName),
		nodeRssRise: run.rssRiseDuring(nodeName),
		requests: bench.standIn.requests.length,
		serverMs: bench.clock.busyMs(),
	};
	return { sample, run };
}
