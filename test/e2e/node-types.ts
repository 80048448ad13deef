import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { ImportTarget } from './imports';
import { describeFailure, type LogLine, parseLogLines } from './logs';
import { runN8n } from './n8n-cli';

export interface NodeTypeSummary {
	name: string;
	displayName: string;
	version: number | number[];
	credentials?: Array<{ name: string }>;
}

export interface NodeTypeListing {
	types: NodeTypeSummary[];
	logs: LogLine[];
}

// `n8n export:nodes` writes the description of every node type n8n loaded, community
// packages included, which makes it the one command that shows what n8n saw.
export async function listNodeTypes(host: ImportTarget): Promise<NodeTypeListing> {
	const file = join(host.root, `node-types-${randomUUID()}.json`);
	const result = await runN8n(host, ['export:nodes', `--output=${file}`], host.commandTimeoutMs);
	if (result.exitCode !== 0) throw new Error(describeFailure(result));

	const text = await readFile(file, 'utf8');
	let types: NodeTypeSummary[];
	try {
		types = JSON.parse(text) as NodeTypeSummary[];
	} catch {
		throw new Error(`n8n export:nodes wrote ${text.length} characters that are not JSON.`);
	}
	return { types, logs: parseLogLines(result.stdout) };
}
