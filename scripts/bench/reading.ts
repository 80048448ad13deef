import { downloadKeys as D } from './cases/download';
import { getKeys as G } from './cases/get';
import { IDLE } from './cases/idle';
import { pagingKeys as P } from './cases/paging';
import { uploadKeys as U } from './cases/upload';
import type { BenchConfig, Size } from './config';
import { MIB } from './config';
import type { Row, Samples } from './results';
import { mib, ratio, seconds } from './stats';

interface Context {
	samples: Samples;
	small: Size;
	large: Size;
	sizes: Size[];
}

/** a over b in each run, where both ran side by side. */
function perRunRatios(samples: Samples, a: string, b: string): number[] {
	const second = samples.list(b);
	return samples
		.list(a)
		.slice(0, second.length)
		.map((sample, index) => sample.ms / second[index].ms);
}

/** "1.05×, 0.94×, 0.90×: level within the noise" */
function perRun(samples: Samples, a: string, b: string): string {
	const ratios = perRunRatios(samples, a, b);
	const listed = ratios.map(ratio).join(', ');
	if (ratios.every((value) => value >= 0.85 && value <= 1.15)) {
		return `${listed}: level within the noise`;
	}
	if (ratios.every((value) => value > 1)) return `${listed}: slower in every run`;
	if (ratios.every((value) => value < 1)) return `${listed}: faster in every run`;
	return `${listed}: faster in some runs, slower in others`;
}

// The per-request costs quoted below come from CPU profiles (`node --cpu-prof`) of n8n 2.41.1
// taken while this benchmark was written; they are not measured again on each run.
function whatIsMeasured({ samples }: Context): string {
	return [
		'### What the figures include',
		'',
		`\`n8n execute\` starts a whole n8n: it peaks at ${mib(samples.peakRss(IDLE))} running a ` +
			'No Op workflow, and every peak above includes that. "While the node ran" is the highest ' +
			"RSS sampled every 20 ms between the node's start and end in n8n's run data, which " +
			'separates the node from Read/Write Files before it in the upload workflows. Times are ' +
			"the node's own `executionTime` from the run data, so n8n's start-up is not in them.",
		'',
		'This machine is shared, and other work ran during the runs (see the load average ' +
			'above); the first run of each case is often slower. "Every run" below shows the ' +
			'spread: a ratio within about 15 % of 1.0 is not a difference this bench can show.',
	].join('\n');
}

function curlGap({ samples, large }: Context): string {
	const httpDown = samples.ms(D.key(large, D.HTTP)) / samples.ms(D.key(large, D.CURL));
	const nodeDown = samples.ms(D.key(large, D.NODE)) / samples.ms(D.key(large, D.CURL));
	const httpUp = samples.ms(U.key(large, U.HTTP)) / samples.ms(U.key(large, U.CURL));
	return [
		'### The gap to curl',
		'',
		`At ${large.label} the HTTP Request node takes ${ratio(httpDown)} curl's time to download ` +
			`and the node ${ratio(nodeDown)}; uploads take ${ratio(httpUp)}. ` +
			'curl copies between the socket and a file in C. In n8n the body becomes a binary item: ' +
			"`prepareBinaryData` hands the stream to n8n's filesystem binary store, which writes it " +
			'with `fs.writeFile` one awaited chunk at a time into a temporary file, renames it and ' +
			"writes a metadata file, on the main thread of a process with n8n's whole heap; in a " +
			'profile of a 256 MiB download about a third of that thread was garbage collection. ' +
			'An upload first has Read/Write Files copy the file into the same store, then reads it ' +
			'back out and builds the multipart body in JavaScript. The HTTP Request node pays all of ' +
			"this too: it is n8n's cost, not the node's.",
	].join('\n');
}

function downloadGap({ samples, sizes, large }: Context): string {
	const hash = samples.ms(D.key(large, D.NODE_HASH)) - samples.ms(D.key(large, D.NODE));
	const runs = sizes
		.map((size) => `${size.label} ${perRun(samples, D.key(size, D.NODE), D.key(size, D.HTTP))}`)
		.join('; ');
	return (
		`- **Download time** (node/HTTP run by run: ${runs}). Both stream the body into n8n's ` +
		"store through the same kind of helper; the node adds one request for the file's " +
		'metadata first (`fetchFile`, for the name, type and size it checks), a few ' +
		'milliseconds on loopback, and checks the stored size. A throwaway node streaming 256 MiB ' +
		'through n8n\'s `httpRequest` helper (`encoding: "stream"`, no redirects) stored it in ' +
		'2.5 s against 2.8 s through the legacy `request` helper that the HTTP Request node ' +
		'uses, so the helper is not slower. Verify Hash, off by default, reads the stored file ' +
		`back and hashes it: ${seconds(hash)} more at ${large.label}.`
	);
}

function singleUploadGap({ samples, sizes }: Context): string {
	const runs = sizes
		.map((size) => `${size.label} ${perRun(samples, U.key(size, U.SINGLE), U.key(size, U.HTTP))}`)
		.join('; ');
	return (
		`- **Upload time, single request (what Auto sends)** (node/HTTP run by run: ${runs}). ` +
		'The node hashes every chunk with SHA-256 as it sends it, to compare with what Domo ' +
		'stored, and passes each 1 MiB chunk through two async generators (`chunksOf` in ' +
		"`helpers/binary.ts`, the file part's `stream()` in `transport/upload.ts`) into axios' " +
		"form encoder; the HTTP Request node pipes n8n's read stream into `form-data` and pays " +
		'with memory instead (below).'
	);
}

function splitUploadGap({ samples, large }: Context): string {
	const split = samples.ms(U.key(large, U.SPLIT));
	const finalize = samples.median(U.key(large, U.SPLIT), 'finalizeMs');
	const requests = samples.requests(U.key(large, U.SPLIT));
	return (
		`- **Upload time, Split** (chosen by hand, or by Auto after a 413). At ${large.label}: ` +
		`${requests} requests, ${seconds(split)}, of which the stand-in's finalize took ` +
		`${seconds(finalize)}: it joins the parts on disk and hashes them before it answers, ` +
		'work a real Domo does on its own servers, done here by a Node process on this machine. ' +
		'The rest is per part and sequential: each part is copied into the part buffer ' +
		'(`inParts`), hashed and sent as a request of its own, and the next part starts only ' +
		'once the stand-in has stored the previous one, so every part pays a round trip and a ' +
		'new connection (see Get Many). The single request took ' +
		`${seconds(samples.ms(U.key(large, U.SINGLE)))}. Split buys a retry of one part instead ` +
		'of the whole file; if Domo accepts parts in any order, sending two or three at a time ' +
		'would hide most of the round trips.'
	);
}

// The node's own rise in RSS per size, how much it grew from the smallest to the largest
// size, and whether it still grew between the two largest.
function describeRise(samples: Samples, sizes: Size[], mode: string): string {
	const rises = sizes.map((size) => samples.median(U.key(size, mode), 'nodeRssRise'));
	const growth = rises[rises.length - 1] - rises[0];
	const within = growth <= 64 * MIB ? 'within' : 'over';
	const text = `${rises.map((rise) => mib(rise)).join(' → ')}, +${mib(growth)} (${within} 64 MiB)`;
	if (rises.length < 3) return text;
	const [middle, last] = rises.slice(-2);
	return `${text}, ${last - middle <= 32 * MIB ? 'level' : 'still rising'} past ${sizes[1].label}`;
}

function uploadRssGap({ samples, small, large, sizes }: Context): string {
	const readGrowth = samples.peakRss(U.key(large, U.READ)) - samples.peakRss(U.key(small, U.READ));
	const httpGrowth = samples.peakRss(U.key(large, U.HTTP)) - samples.peakRss(U.key(small, U.HTTP));
	return (
		`- **Upload peak RSS.** Read/Write Files alone raises n8n's peak by ${mib(readGrowth)} ` +
		`from ${small.label} to ${large.label}, and n8n keeps that memory when the next node ` +
		'starts, so a workflow that reads the file with it cannot meet this target whatever the ' +
		'upload node does. What the node itself adds, as its rise above the RSS it started ' +
		`with, for ${sizes.map((size) => size.label).join(', ')}: single ` +
		`${describeRise(samples, sizes, U.SINGLE)}; split ${describeRise(samples, sizes, U.SPLIT)}. ` +
		'Single holds one 1 MiB chunk at a time and split one 8 MiB part buffer; where the rise ' +
		'is level from one size to the next, the rest is memory V8 has not yet collected, not ' +
		`data the node keeps. The HTTP Request node's peak grows by ${mib(httpGrowth)}: it ` +
		'holds the whole body.'
	);
}

function downloadRssGap({ samples, small, large }: Context): string {
	const peaks = (variant: string): string =>
		samples
			.list(D.key(large, variant))
			.map((sample) => mib(sample.peakRss ?? Number.NaN))
			.join(', ');
	const growth = (variant: string): number =>
		samples.peakRss(D.key(large, variant)) - samples.peakRss(D.key(small, variant));
	return (
		`- **Download peak RSS** (node +${mib(growth(D.NODE))}, HTTP Request ` +
		`+${mib(growth(D.HTTP))} from ${small.label} to ${large.label}; peaks at ${large.label} ` +
		`run by run: node ${peaks(D.NODE)}, HTTP Request ${peaks(D.HTTP)}). Both stream the ` +
		"body into n8n's binary store and hold no more of it than the stream's buffer, so " +
		'neither grows with the file past the first few hundred MiB. What rises is memory n8n ' +
		'and V8 have not yet collected while the store writes one chunk at a time (see the gap ' +
		'to curl); from run to run it spreads by tens of MiB, as much as the margin to the ' +
		'target, and the two nodes land in the same range.'
	);
}

function pagingGap({ samples }: Context): string {
	const requests = samples.requests(P.ALL);
	const extra = (samples.ms(P.ALL) - samples.ms(P.LOOP)) / requests;
	return (
		`- **Get Many, Return All, time** (run by run ` +
		`${perRunRatios(samples, P.ALL, P.LOOP).map(ratio).join(', ')}). The node needs about ` +
		`${extra.toFixed(1)} ms more per page than a bare fetch. In a CPU profile of this case ` +
		"almost all of that is in n8n's request helper, around the node's code: about 2.5 ms " +
		'per request in axios and its configuration, and about 1 ms opening a new TCP ' +
		'connection, because n8n builds a new `http.Agent` for every request ' +
		'(`setAxiosAgents` → `buildNodeAgents` in `@n8n/backend-network`) and so never reuses ' +
		'one, where fetch keeps its connection alive. Against a real Domo over HTTPS that is a ' +
		'TLS handshake per page, which no node using the helper can avoid. On loopback the ' +
		'stand-in answers a page in about 2 ms, so this overhead dominates; against an ' +
		'instance that answers in tens or hundreds of milliseconds it would matter far less.'
	);
}

function concurrencyGap({ samples }: Context): string {
	const serial = samples.ms(G.SERIAL);
	const parallel = samples.ms(G.PARALLEL);
	const server = samples.median(G.SERIAL, 'serverMs');
	return (
		`- **get with Concurrency 8** (${ratio(serial / parallel)} faster; run by run ` +
		`${perRunRatios(samples, G.SERIAL, G.PARALLEL).map(ratio).join(', ')}). The work per ` +
		"item is CPU on n8n's one main thread; in a CPU profile of this case, per item: about " +
		"1.9 ms evaluating the item's `={{ $json.id }}` File expression in n8n's isolated-vm " +
		'expression sandbox, about 1 ms in axios and 0.7 ms opening a new connection (see Get ' +
		"Many); the node's own code took about 0.2 ms. The stand-in was busy only " +
		`${seconds(server)} of the node's ${seconds(serial)}, and concurrency can overlap only ` +
		'that waiting: while each item costs n8n this much CPU, 3× is out of reach on this ' +
		'2-core machine, where the stand-in has the other core. The HTTP Request node, which ' +
		'sends all 1,000 requests at once, evaluates the same kind of expression per item and ' +
		'is no faster.'
	);
}

function serialGetGap({ samples }: Context): string {
	return (
		`- **get for 1,000 items, Concurrency 1, against HTTP Request** (run by run ` +
		`${perRun(samples, G.SERIAL, G.HTTP)}). Both do the same per-item work in n8n (below); ` +
		'at Concurrency 1 the node also waits for each answer before the next item, where the ' +
		'HTTP Request node sends all requests at once and overlaps those waits.'
	);
}

const EXPLANATIONS: Array<[RegExp, (context: Context) => string]> = [
	[/^download \d/, downloadGap],
	[/^upload \d[^,]*, single/, singleUploadGap],
	[/^upload \d[^,]*, split$/, splitUploadGap],
	[/^download peak RSS/, downloadRssGap],
	[/^upload peak RSS/, uploadRssGap],
	[/^Get Many, Return All .*: time$/, pagingGap],
	[/^get for [\d,]+ input items$/, serialGetGap],
	[/Concurrency 8$/, concurrencyGap],
];

function gaps(rows: Row[], context: Context): string {
	const missed = rows.filter((row) => row.verdict === 'GAP');
	const explained = EXPLANATIONS.filter(([pattern]) =>
		missed.some((row) => pattern.test(row.case)),
	);
	const unexplained = missed.filter(
		(row) => !EXPLANATIONS.some(([pattern]) => pattern.test(row.case)),
	);
	const lines = explained.map(([, explain]) => explain(context));
	for (const row of unexplained) lines.push(`- **${row.case}**: no analysis was written for this.`);
	const intro =
		missed.length === 0
			? 'Every target was met in this run.'
			: 'Where a target was missed, and where the time or memory goes.';
	return ['### Targets missed', '', intro, '', ...lines].join('\n');
}

export function readingTheFigures(rows: Row[], samples: Samples, config: BenchConfig): string {
	const sizes = config.sizes;
	const context: Context = { samples, sizes, small: sizes[0], large: sizes[sizes.length - 1] };
	return [
		'## Reading the figures',
		'',
		whatIsMeasured(context),
		'',
		curlGap(context),
		'',
		gaps(rows, context),
	].join('\n');
}
