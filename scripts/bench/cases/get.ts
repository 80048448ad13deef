import type { Bench } from '../bench-host';
import { credentials } from '../bench-host';
import type { BenchCase } from '../case';
import { measureNode } from '../case';
import type { BenchConfig } from '../config';
import { outputCount } from '../n8n-run';
import type { Row, Samples } from '../results';
import { rotate, verdict } from '../results';
import { ratio, seconds } from '../stats';
import type { BenchWorkflow, Target } from '../workflows';
import { DOMO_NODE, domoGet, HTTP_NODE, httpGet } from '../workflows';

const SERIAL = 'get: node, Concurrency 1';
const PARALLEL = 'get: node, Concurrency 8';
const HTTP = 'get: HTTP Request';

export const getKeys = { SERIAL, PARALLEL, HTTP };

function rows(samples: Samples, items: number): Row[] {
	const serial = samples.ms(SERIAL);
	const parallel = samples.ms(PARALLEL);
	const http = samples.ms(HTTP);
	const label = `get for ${items.toLocaleString('en-US')} input items`;
	return [
		{
			case: label,
			figures:
				`node ${seconds(serial)} · HTTP Request ${seconds(http)} · ` +
				`node/HTTP ${ratio(serial / http)} · stand-in busy ` +
				`${seconds(samples.median(SERIAL, 'serverMs'))} vs ${seconds(samples.median(HTTP, 'serverMs'))}`,
			target: '≤ 1.0 × HTTP Request',
			verdict: verdict(serial <= http),
		},
		{
			case: `${label}, Concurrency 8`,
			figures:
				`node ${seconds(parallel)} · ${ratio(serial / parallel)} faster than Concurrency 1 · ` +
				`node/HTTP ${ratio(parallel / http)}`,
			target: '≥ 3 × faster than Concurrency 1',
			verdict: verdict(serial >= 3 * parallel),
		},
	];
}

/** `get` once per input item, against the HTTP Request node making the same GETs. */
export function getCase(bench: Bench, config: BenchConfig): BenchCase {
	const fileSet = bench.standIn.addFileSet({ name: 'Bench get' });
	const fileIds = bench.standIn.addFiles(fileSet.id, config.getItems).map((file) => file.id);
	const target: Target = { baseUrl: bench.standIn.baseUrl, fileSetId: fileSet.id };

	const workflows: Record<string, BenchWorkflow> = {
		[SERIAL]: domoGet(credentials, target, fileIds, 1),
		[PARALLEL]: domoGet(credentials, target, fileIds, 8),
		[HTTP]: httpGet(credentials, target, fileIds),
	};

	return {
		name: 'get',
		workflows,
		async runOnce(samples, run) {
			for (const variant of rotate([SERIAL, PARALLEL, HTTP], run)) {
				const node = variant === HTTP ? HTTP_NODE : DOMO_NODE;
				const { sample, run: result } = await measureNode(bench, workflows[variant].id, node);
				const items = outputCount(result.data, node);
				if (items !== fileIds.length || sample.requests !== fileIds.length) {
					throw new Error(`${variant}: ${items} items from ${sample.requests} requests.`);
				}
				samples.add(variant, sample);
			}
		},
		rows: (samples) => rows(samples, config.getItems),
	};
}
