import { randomUUID } from 'node:crypto';
import type {
	INode,
	INodeExecutionData,
	INodeParameters,
	IWorkflowDataProxyAdditionalKeys,
	NodeOutput,
} from 'n8n-workflow';

import { prepareBinaryData } from './binary/prepare';
import { createBinaryStore } from './binary/store';
import type { BinaryStore } from './binary/store';
import { credentialSlot } from './credentials/read';
import { createExecuteContext } from './execute-context';
import { createCapturingLogger } from './logger';
import { createScope, describeNodeType, WORKFLOW_ID } from './node-setup';
import type { NodeSetup } from './node-setup';
import type { EvaluationScope } from './parameters/read';
import type { HarnessItem, LogEntry, RunOptions, RunResult } from './types';

async function toInputItem(item: HarnessItem, store: BinaryStore): Promise<INodeExecutionData> {
	if (!item.binary) return { json: structuredClone(item.json) };

	const binary: NonNullable<INodeExecutionData['binary']> = {};
	for (const [property, file] of Object.entries(item.binary)) {
		const content = Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data, 'utf-8');
		binary[property] = await prepareBinaryData(store, content, file.fileName, file.mimeType);
	}
	return { json: structuredClone(item.json), binary };
}

function parameterSets(options: RunOptions, itemCount: number): INodeParameters[] {
	if (!Array.isArray(options.parameters)) return [options.parameters];
	if (options.parameters.length !== itemCount) {
		throw new Error(
			`runNode got ${options.parameters.length} parameter sets for ${itemCount} items; ` +
				'give one set for all items or exactly one per item.',
		);
	}
	return options.parameters;
}

// What n8n's getAdditionalKeys offers expressions in a manual run on a default local instance.
function additionalKeys(executionId: string): IWorkflowDataProxyAdditionalKeys {
	const resumeUrl = `http://localhost:5678/webhook-waiting/${executionId}`;
	return {
		$execution: {
			id: executionId,
			mode: 'test',
			resumeUrl,
			resumeFormUrl: `http://localhost:5678/form-waiting/${executionId}`,
		},
		$executionId: executionId,
		$resumeWebhookUrl: resumeUrl,
	};
}

function createScopeLookup(
	setup: NodeSetup,
	options: RunOptions,
	items: INodeExecutionData[],
	itemCount: number,
	executionId: string,
) {
	const extra: Partial<INode> = {
		credentials: credentialSlot(setup.nodeType, {
			type: options.credentialType,
			data: options.credentials,
		}),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const scopes: EvaluationScope[] = parameterSets(options, itemCount).map((parameters) => ({
		...createScope(setup, parameters, extra),
		items,
		mode: 'manual',
		additionalKeys: additionalKeys(executionId),
	}));

	return (itemIndex: number) => {
		const scope = scopes.length === 1 ? scopes[0] : scopes[itemIndex];
		if (!scope) throw new Error(`runNode has no parameters for item ${itemIndex}.`);
		return scope;
	};
}

function outputItems(output: NodeOutput): INodeExecutionData[][] {
	if (output === null) return [];
	if (!Array.isArray(output)) {
		throw new Error('The test harness does not implement engine requests (sub-node calls).');
	}
	return output;
}

/** Runs the node's real `execute` in an n8n-like host and returns what it produced. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const setup = describeNodeType(options.node, options.nodeTypeVersion);
	const { execute } = setup.nodeType;
	if (!execute) {
		throw new Error(`${setup.typeName} has no execute method; runNode runs programmatic nodes.`);
	}

	const executionId = randomUUID();
	const binaries = createBinaryStore(options.binaryMode ?? 'filesystem', WORKFLOW_ID, executionId);
	const given = options.items ?? [{ json: {} }];
	const items: INodeExecutionData[] = [];
	for (const item of given) items.push(await toInputItem(item, binaries));
	const scopeFor = createScopeLookup(setup, options, items, given.length, executionId);

	const logs: LogEntry[] = [];
	const context = createExecuteContext({
		scopeFor,
		items,
		executionId,
		logger: createCapturingLogger(logs),
		binaries,
		credentials: { type: options.credentialType, data: options.credentials },
		cancel: new AbortController(),
	});
	const output = await execute.call(context);

	return {
		items: outputItems(output),
		logs,
		binaryBytes: async (item, property = 'data') => {
			const binary = item.binary?.[property];
			if (!binary) throw new Error(`The item has no binary property "${property}".`);
			return await binaries.buffer(binary);
		},
	};
}
