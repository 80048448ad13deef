import type { Bench } from '../bench-host';
import { credentials } from '../bench-host';
import type { BenchCase } from '../case';
import { measureNode } from '../case';
import type { BenchConfig, Size } from '../config';
import { MIB } from '../config';
import { curlUpload } from '../curl';
import type { Row, Sample, Samples } from '../results';
import { rotate, verdict } from '../results';
import { ratio, rssFigure, seconds } from '../stats';
import type { Target } from '../workflows';
import {
	apiUrl,
	DOMO_NODE,
	domoUpload,
	HTTP_NODE,
	httpUpload,
	READ_NODE,
	readOnly,
} from '../workflows';

const READ = 'Read/Write Files alone';
const SINGLE = 'node, Upload Mode single';
const SPLIT = 'node, Upload Mode split';
const HTTP = 'HTTP Request';
const CURL = 'curl -F';
const VARIANTS = [READ, SINGLE, SPLIT, HTTP, CURL];
const RSS_ALLOWANCE = 64 * MIB;

const key = (size: Size, variant: string): string => `upload ${size.label}: ${variant}`;

export const uploadKeys = { READ, SINGLE, SPLIT, HTTP, CURL, key };
const modeName = (mode: string): string => (mode === SINGLE ? 'single (= auto)' : 'split');

function sizeRow(samples: Samples, size: Size, mode: string): Row {
	const node = samples.ms(key(size, mode));
	const http = samples.ms(key(size, HTTP));
	const curl = samples.ms(key(size, CURL));
	const finalize = samples.median(key(size, mode), 'finalizeMs');
	const figures = [
		`node ${seconds(node)}${mode === SPLIT ? ` (stand-in's finalize ${seconds(finalize)})` : ''}`,
		`HTTP Request ${seconds(http)}`,
		`curl ${seconds(curl)}`,
		`node/HTTP ${ratio(node / http)}`,
		`node/curl ${ratio(node / curl)}`,
		`HTTP/curl ${ratio(http / curl)}`,
		`requests ${samples.requests(key(size, mode))} vs ${samples.requests(key(size, HTTP))}`,
	];
	return {
		case: `upload ${size.label}, ${modeName(mode)}`,
		figures: figures.join(' · '),
		target: 'node time ≤ 1.0 × HTTP Request',
		verdict: verdict(node <= http),
	};
}

function rssRow(samples: Samples, sizes: Size[], mode: string): Row {
	const small = sizes[0];
	const large = sizes[sizes.length - 1];
	const figures = [mode, HTTP, READ].map((variant) => {
		return rssFigure(samples, variant, key(small, variant), key(large, variant));
	});
	const growth = samples.peakRss(key(large, mode)) - samples.peakRss(key(small, mode));
	return {
		case: `upload peak RSS, ${modeName(mode)}, ${small.label} → ${large.label}`,
		figures: figures.join(' · '),
		target: `node: peak at ${large.label} ≤ peak at ${small.label} + 64 MiB`,
		verdict: verdict(growth <= RSS_ALLOWANCE),
	};
}

function nodeOf(variant: string): string {
	if (variant === READ) return READ_NODE;
	return variant === HTTP ? HTTP_NODE : DOMO_NODE;
}

/** Upload of a file read by Read/Write Files: the node, the HTTP Request node and curl -F. */
export function uploadCase(bench: Bench, config: BenchConfig, paths: Map<Size, string>): BenchCase {
	const fileSet = bench.standIn.addFileSet({ name: 'Bench uploads' });
	const target: Target = { baseUrl: bench.standIn.baseUrl, fileSetId: fileSet.id };
	const workflows: BenchCase['workflows'] = {};
	for (const [size, path] of paths) {
		workflows[key(size, READ)] = readOnly(path);
		workflows[key(size, SINGLE)] = domoUpload(credentials, target, path, 'single');
		workflows[key(size, SPLIT)] = domoUpload(credentials, target, path, 'split');
		workflows[key(size, HTTP)] = httpUpload(credentials, target, path);
	}

	const measure = async (variant: string, size: Size, path: string): Promise<Sample> => {
		if (variant === CURL)
			return { ms: await curlUpload(apiUrl(target, 'files'), bench.token, path) };
		const { sample } = await measureNode(bench, workflows[key(size, variant)].id, nodeOf(variant));
		const received = bench.standIn.requests.reduce((sum, request) => sum + request.bodyBytes, 0);
		if (variant !== READ && received < size.bytes) {
			throw new Error(`${key(size, variant)}: the stand-in received only ${received} bytes.`);
		}
		const finalize = bench.clock.requests().filter((request) => request.path.endsWith('/finalize'));
		if (finalize.length > 0) sample.finalizeMs = finalize[0].end - finalize[0].start;
		return sample;
	};

	return {
		name: 'upload',
		workflows,
		async runOnce(samples, run) {
			for (const [size, path] of paths) {
				for (const variant of rotate(VARIANTS, run)) {
					samples.add(key(size, variant), await measure(variant, size, path));
				}
			}
		},
		rows: (samples) => [
			...config.sizes.flatMap((size) =>
				[SINGLE, SPLIT].map((mode) => sizeRow(samples, size, mode)),
			),
			rssRow(samples, config.sizes, SINGLE),
			rssRow(samples, config.sizes, SPLIT),
		],
	};
}
