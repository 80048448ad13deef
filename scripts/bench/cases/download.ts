import { join } from 'node:path';

import type { Bench } from '../bench-host';
import { credentials } from '../bench-host';
import type { BenchCase } from '../case';
import { measureNode } from '../case';
import type { BenchConfig, Size } from '../config';
import { MIB } from '../config';
import { curlDownload } from '../curl';
import type { Row, Sample, Samples } from '../results';
import { rotate, verdict } from '../results';
import { ratio, rssFigure, seconds } from '../stats';
import type { Target } from '../workflows';
import { apiUrl, DOMO_NODE, domoDownload, HTTP_NODE, httpDownload } from '../workflows';

const NODE = 'node';
const NODE_HASH = 'node, Verify Hash on';
const HTTP = 'HTTP Request';
const CURL = 'curl -o file';
const RSS_ALLOWANCE = 64 * MIB;

const key = (size: Size, variant: string): string => `download ${size.label}: ${variant}`;

export const downloadKeys = { NODE, NODE_HASH, HTTP, CURL, key };

function sizeRow(samples: Samples, size: Size): Row {
	const node = samples.ms(key(size, NODE));
	const http = samples.ms(key(size, HTTP));
	const curl = samples.ms(key(size, CURL));
	const figures = [
		`node ${seconds(node)} (Verify Hash on ${seconds(samples.ms(key(size, NODE_HASH)))})`,
		`HTTP Request ${seconds(http)}`,
		`curl ${seconds(curl)}`,
		`node/HTTP ${ratio(node / http)}`,
		`node/curl ${ratio(node / curl)}`,
		`HTTP/curl ${ratio(http / curl)}`,
		`requests ${samples.requests(key(size, NODE))} vs ${samples.requests(key(size, HTTP))}`,
	];
	return {
		case: `download ${size.label}`,
		figures: figures.join(' · '),
		target: 'node time ≤ 1.0 × HTTP Request',
		verdict: verdict(node <= http),
	};
}

function rssRow(samples: Samples, sizes: Size[]): Row {
	const small = sizes[0];
	const large = sizes[sizes.length - 1];
	const figures = [NODE, NODE_HASH, HTTP].map((variant) => {
		return rssFigure(samples, variant, key(small, variant), key(large, variant));
	});
	const growth = samples.peakRss(key(large, NODE)) - samples.peakRss(key(small, NODE));
	return {
		case: `download peak RSS, ${small.label} → ${large.label}`,
		figures: figures.join(' · '),
		target: `node: peak at ${large.label} ≤ peak at ${small.label} + 64 MiB`,
		verdict: verdict(growth <= RSS_ALLOWANCE),
	};
}

/** Download: the node, against the HTTP Request node and curl fetching the same URL. */
export function downloadCase(bench: Bench, config: BenchConfig): BenchCase {
	const fileSet = bench.standIn.addFileSet({ name: 'Bench downloads' });
	const target: Target = { baseUrl: bench.standIn.baseUrl, fileSetId: fileSet.id };
	const files = new Map(
		config.sizes.map((size) => {
			const name = `download-${size.bytes / MIB}MiB.bin`;
			return [size, bench.standIn.addVirtualFile(fileSet.id, name, size.bytes).id];
		}),
	);

	const workflows: BenchCase['workflows'] = {};
	for (const [size, fileId] of files) {
		workflows[key(size, NODE)] = domoDownload(credentials, target, fileId);
		workflows[key(size, NODE_HASH)] = domoDownload(credentials, target, fileId, true);
		workflows[key(size, HTTP)] = httpDownload(credentials, target, fileId);
	}

	const measure = async (variant: string, size: Size, fileId: string): Promise<Sample> => {
		if (variant === CURL) {
			const url = apiUrl(target, 'files', fileId, 'download');
			const out = join(bench.host.root, 'curl-download.bin');
			return { ms: await curlDownload(url, bench.token, out) };
		}
		const node = variant === HTTP ? HTTP_NODE : DOMO_NODE;
		return (await measureNode(bench, workflows[key(size, variant)].id, node)).sample;
	};

	return {
		name: 'download',
		workflows,
		async runOnce(samples, run) {
			for (const [size, fileId] of files) {
				for (const variant of rotate([NODE, NODE_HASH, HTTP, CURL], run)) {
					samples.add(key(size, variant), await measure(variant, size, fileId));
				}
			}
		},
		rows: (samples) => [
			...config.sizes.map((size) => sizeRow(samples, size)),
			rssRow(samples, config.sizes),
		],
	};
}
