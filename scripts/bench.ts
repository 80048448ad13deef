import { performance } from 'node:perf_hooks';

import { openBench } from './bench/bench-host';
import { downloadCase } from './bench/cases/download';
import { getCase } from './bench/cases/get';
import { idleCase } from './bench/cases/idle';
import { pagingCase } from './bench/cases/paging';
import { uploadCase } from './bench/cases/upload';
import { readConfig } from './bench/config';
import { describeEnvironment } from './bench/environment';
import { renderTable, writeReport } from './bench/report';
import { Samples } from './bench/results';
import { linkInto, ensureSourceFiles } from './bench/source-files';
import { seconds } from './bench/stats';

async function main(): Promise<void> {
	const started = performance.now();
	const config = readConfig();
	const environment = describeEnvironment();
	const sources = await ensureSourceFiles(config.sizes);
	const bench = await openBench();
	try {
		const paths = await linkInto(bench.host.filesDir, sources);
		const cases = [
			idleCase(bench),
			downloadCase(bench, config),
			uploadCase(bench, config, paths),
			pagingCase(bench, config),
			getCase(bench, config),
		];
		await bench.importWorkflows(cases.flatMap((benchCase) => Object.values(benchCase.workflows)));

		const samples = new Samples();
		for (let run = 1; run <= config.runs; run++) {
			for (const benchCase of cases) {
				const caseStarted = performance.now();
				await benchCase.runOnce(samples, run - 1);
				console.log(
					`run ${run}/${config.runs}: ${benchCase.name} (${seconds(performance.now() - caseStarted)})`,
				);
			}
		}

		const rows = cases.flatMap((benchCase) => benchCase.rows(samples));
		const totalMs = performance.now() - started;
		console.log(`\n${renderTable(rows)}\n\ntotal ${seconds(totalMs)}`);
		await writeReport({ config, environment, rows, samples, totalMs, loads: bench.loads });
	} finally {
		await bench.close();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
	process.exitCode = 1;
});
