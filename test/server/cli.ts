import { parseArgs } from 'node:util';

import { DomoStandIn } from './index';
import { seedSample } from './sample';
import type { FileSetRecord } from './types';

type SeedReport = Record<string, { id: string; files: Record<string, string> }>;

const USAGE = `Usage: tsx test/server/cli.ts [--port N] [--host H] [--token T]
  [--seed sample|none] [--storage DIR]
  [--virtual-file FILESETNAME:PATH:SIZE]...  (SIZE in bytes, or with K, M or G: 1G)
  [--files FILESETNAME:COUNT]...`;

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

function parseSize(text: string): number {
	const match = /^(\d+)([KMG]?)(?:i?B)?$/i.exec(text.trim());
	if (match === null) throw new Error(`Invalid size ${text}. ${USAGE}`);
	return Number(match[1]) * UNITS[match[2].toUpperCase()];
}

function parseCount(text: string): number {
	if (!/^\d+$/.test(text)) throw new Error(`Invalid count ${text}. ${USAGE}`);
	return Number(text);
}

// NAME:COUNT splits at the last colon, NAME:PATH:SIZE at the first and the last,
// so a path may hold colons.
function splitSpec(spec: string, parts: 2 | 3): string[] {
	const first = spec.indexOf(':');
	const last = spec.lastIndexOf(':');
	if (first <= 0 || (parts === 3 && last === first)) {
		throw new Error(`Invalid spec ${spec}. ${USAGE}`);
	}
	return parts === 2
		? [spec.slice(0, last), spec.slice(last + 1)]
		: [spec.slice(0, first), spec.slice(first + 1, last), spec.slice(last + 1)];
}

function fileSetNamed(standIn: DomoStandIn, report: SeedReport, name: string): FileSetRecord {
	const existing = [...standIn.fileSets.values()].find((fileSet) => fileSet.name === name);
	const fileSet = existing ?? standIn.addFileSet({ name });
	report[name] ??= { id: fileSet.id, files: {} };
	return fileSet;
}

function seed(standIn: DomoStandIn, values: ReturnType<typeof readArgs>): SeedReport {
	const report: SeedReport = {};
	if (values.seed === 'sample') {
		for (const { fileSet, files } of seedSample(standIn)) {
			report[fileSet.name] = {
				id: fileSet.id,
				files: Object.fromEntries(files.map((file) => [file.path, file.id])),
			};
		}
	}
	for (const spec of values['virtual-file'] ?? []) {
		const [name, path, size] = splitSpec(spec, 3);
		const file = standIn.addVirtualFile(
			fileSetNamed(standIn, report, name).id,
			path,
			parseSize(size),
		);
		report[name].files[file.path] = file.id;
	}
	for (const spec of values.files ?? []) {
		const [name, count] = splitSpec(spec, 2);
		// Per-file ids are left out: COUNT is meant for paging benchmarks with many files.
		standIn.addFiles(fileSetNamed(standIn, report, name).id, parseCount(count));
	}
	return report;
}

function readArgs() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '0' },
			host: { type: 'string', default: '127.0.0.1' },
			token: { type: 'string', default: 'test-token' },
			seed: { type: 'string', default: 'sample' },
			storage: { type: 'string' },
			'virtual-file': { type: 'string', multiple: true },
			files: { type: 'string', multiple: true },
		},
	});
	if (values.seed !== 'sample' && values.seed !== 'none') {
		throw new Error(`--seed must be sample or none. ${USAGE}`);
	}
	return values;
}

async function main(): Promise<void> {
	const values = readArgs();
	const standIn = new DomoStandIn({
		port: parseCount(values.port),
		host: values.host,
		token: values.token,
		storageDir: values.storage,
	});
	let report: SeedReport;
	try {
		report = seed(standIn, values);
	} catch (error) {
		await standIn.stop();
		throw error;
	}
	const baseUrl = await standIn.start();

	// One write, so a reader that waits for the first line also has the others.
	process.stdout.write(
		`DOMO_STAND_IN_URL=${baseUrl}\nDOMO_STAND_IN_TOKEN=${values.token}\n` +
			`DOMO_STAND_IN_SEED=${JSON.stringify(report)}\n`,
	);

	const shutdown = (): void => {
		void standIn.stop().then(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exit(1);
});
