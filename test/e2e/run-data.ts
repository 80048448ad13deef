import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { parseLogLines } from './logs';

// Errors arrive as the JSON of n8n's error classes, so only their data fields are present.
export interface SerializedError {
	message: string;
	name?: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
	node?: { name: string; type: string };
}

export interface OutputItem {
	json: IDataObject;
	binary?: Record<string, IBinaryData>;
	error?: SerializedError;
	pairedItem?: unknown;
}

export interface NodeRun {
	executionStatus?: string;
	data?: { main?: Array<OutputItem[] | null> };
	error?: SerializedError;
}

export interface RunData {
	status: string;
	finished?: boolean;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: SerializedError;
			lastNodeExecuted?: string;
		};
	};
}

function isRunData(value: unknown): value is RunData {
	if (typeof value !== 'object' || value === null) return false;
	const { data, status } = value as Record<string, unknown>;
	if (typeof status !== 'string' || typeof data !== 'object' || data === null) return false;
	const { resultData } = data as Record<string, unknown>;
	if (typeof resultData !== 'object' || resultData === null) return false;
	const { runData } = resultData as Record<string, unknown>;
	return typeof runData === 'object' && runData !== null;
}

// `n8n execute` logs the run data as one message, after "Execution was NOT successful"
// lines when the workflow failed. The last message that parses as run data is the result.
export function findRunData(stdout: string): RunData | undefined {
	let found: RunData | undefined;
	for (const { message } of parseLogLines(stdout)) {
		if (!message.startsWith('{')) continue;
		try {
			const parsed: unknown = JSON.parse(message);
			if (isRunData(parsed)) found = parsed;
		} catch {
			continue;
		}
	}
	return found;
}

export interface HasRunData {
	data?: RunData;
}

export function nodeRuns(result: HasRunData, nodeName: string): NodeRun[] {
	if (result.data === undefined) throw new Error('The execution printed no run data.');
	const runs = result.data.data.resultData.runData[nodeName];
	if (runs === undefined) {
		const ran = Object.keys(result.data.data.resultData.runData).join(', ');
		throw new Error(`Node "${nodeName}" did not run. Nodes that ran: ${ran || 'none'}.`);
	}
	return runs;
}

export function nodeOutput(
	result: HasRunData,
	nodeName: string,
	{ run = 0, output = 0 }: { run?: number; output?: number } = {},
): OutputItem[] {
	const task = nodeRuns(result, nodeName)[run];
	if (task === undefined) throw new Error(`Node "${nodeName}" has no run ${run}.`);
	if (task.error !== undefined) {
		throw new Error(`Node "${nodeName}" failed: ${task.error.message}`);
	}
	return task.data?.main?.[output] ?? [];
}

export function nodeError(
	result: HasRunData,
	nodeName: string,
	run = 0,
): SerializedError | undefined {
	return nodeRuns(result, nodeName)[run]?.error;
}
