import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { WorkflowJson } from './imports';
import { workflowsDir } from './paths';

function isWorkflowJson(value: unknown): value is WorkflowJson {
	if (typeof value !== 'object' || value === null) return false;
	const { name, nodes, connections } = value as Record<string, unknown>;
	return (
		typeof name === 'string' &&
		Array.isArray(nodes) &&
		typeof connections === 'object' &&
		connections !== null
	);
}

function substitute(value: unknown, substitutions: Record<string, string>): unknown {
	if (typeof value === 'string') {
		return value.replace(/%%([A-Z0-9_]+)%%/g, (token, key: string) => {
			const replacement = substitutions[key];
			if (replacement === undefined) throw new Error(`No value was given for ${token}.`);
			return replacement;
		});
	}
	if (Array.isArray(value)) return value.map((entry) => substitute(entry, substitutions));
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, substitute(entry, substitutions)]),
		);
	}
	return value;
}

// Workflows cannot read the environment ($env is blocked), so values only known at run
// time, such as a host's files folder, are written in the JSON as %%NAME%% tokens.
export function loadWorkflow(
	fileName: string,
	substitutions: Record<string, string> = {},
): WorkflowJson {
	const path = join(workflowsDir, fileName);
	const parsed = substitute(JSON.parse(readFileSync(path, 'utf8')), substitutions);
	if (!isWorkflowJson(parsed)) {
		throw new Error(`${path} is not a workflow: it needs name, nodes and connections.`);
	}
	return parsed;
}
