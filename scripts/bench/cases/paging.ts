import type { Bench } from '../bench-host';
import { credentials } from '../bench-host';
import { bareListLoop } from '../bare-loop';
import type { BenchCase } from '../case';
import { measureNode } from '../case';
import type { BenchConfig } from '../config';
import { outputCount } from '../n8n-run';
import type { Row, Sample, Samples } from '../results';
import { rotate, verdict } from '../results';
import { ratio, seconds } from '../stats';
import type { BenchWorkflow, Target } from '../workflows';
import { apiUrl, DOMO_NODE, domoList } from '../workflows';

const ALL = 'Get Many, Return All';
const LIMIT = 'Get Many, Limit 50';
const LOOP = 'Get Many: bare fetch loop';

export const pagingKeys = { ALL, LIMIT, LOOP };

function rows(samples: Samples, listed: number): Row[] {
	const node = samples.ms(ALL);
	const loop = samples.ms(LOOP);
	const pages = Math.ceil(listed / 100);
	const count = `${listed.toLocaleString('en-US')} files`;
	return [
		{
			case: `${ALL} over ${count}: requests`,
			figures: `${samples.requests(ALL)} requests (bare loop ${samples.requests(LOOP)})`,
			target: `exactly ${pages} requests`,
			verdict: verdict(samples.requests(ALL) === pages),
		},
		{
			case: `${ALL} over ${count}: time`,
			figures:
				`node ${seconds(node)} · bare loop ${seconds(loop)} · node/loop ${ratio(node / loop)} · ` +
				`stand-in busy ${seconds(samples.median(ALL, 'serverMs'))} vs ` +
				`${seconds(samples.median(LOOP, 'serverMs'))}`,
			target: '≤ 1.25 × bare loop',
			verdict: verdict(node <= 1.25 * loop),
		},
		{
			case: `${LIMIT} over ${count}`,
			figures: `${samples.requests(LIMIT)} request(s) · node ${seconds(samples.ms(LIMIT))}`,
			target: '1 request',
			verdict: verdict(samples.requests(LIMIT) === 1),
		},
	];
}

/** Get Many over a large FileSet, against a plain fetch loop making the same requests. */
export function pagingCase(bench: Bench, config: BenchConfig): BenchCase {
	const fileSet = bench.standIn.addFileSet({ name: 'Bench listing' });
	bench.standIn.addFiles(fileSet.id, config.listedFiles);
	const target: Target = { baseUrl: bench.standIn.baseUrl, fileSetId: fileSet.id };

	const workflows: Record<string, BenchWorkflow> = {
		[ALL]: domoList(credentials, target, undefined),
		[LIMIT]: domoList(credentials, target, 50),
	};
	const wanted: Record<string, number> = { [ALL]: config.listedFiles, [LIMIT]: 50 };

	const measure = async (variant: string): Promise<Sample> => {
		if (variant === LOOP) {
			bench.clock.reset();
			const loop = await bareListLoop(apiUrl(target, 'files', 'search'), bench.token);
			if (loop.files !== config.listedFiles)
				throw new Error(`The bare loop listed ${loop.files} files.`);
			return { ms: loop.ms, requests: loop.requests, serverMs: bench.clock.busyMs() };
		}
		const { sample, run } = await measureNode(bench, workflows[variant].id, DOMO_NODE);
		const items = outputCount(run.data, DOMO_NODE);
		if (items !== wanted[variant])
			throw new Error(`${variant} output ${items} items, not ${wanted[variant]}.`);
		return sample;
	};

	return {
		name: 'paging',
		workflows,
		async runOnce(samples, run) {
			for (const variant of rotate([ALL, LIMIT, LOOP], run)) {
				samples.add(variant, await measure(variant));
			}
		},
		rows: (samples) => rows(samples, config.listedFiles),
	};
}
