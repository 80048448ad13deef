import { ApplicationError, createEmptyRunExecutionData } from 'n8n-workflow';
import type {
	IExecuteData,
	IGetNodeParameterOptions,
	INodeExecutionData,
	IWorkflowDataProxyAdditionalKeys,
	NodeParameterValueType,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { NodeScope } from '../node-setup';
import { ensureType } from './ensure-type';
import { extractValue } from './extract-value';
import { getByPath } from './path';
import { validateAgainstSchema } from './validate';

export interface EvaluationScope extends NodeScope {
	items: INodeExecutionData[];
	mode: WorkflowExecuteMode;
	additionalKeys: IWorkflowDataProxyAdditionalKeys;
}

/** Resolves `=`-expressions with n8n's own expression engine, per item like n8n does. */
export function evaluateParameter(
	scope: EvaluationScope,
	value: NodeParameterValueType,
	itemIndex: number,
	contextNodeName?: string,
): NodeParameterValueType {
	const { workflow, node, items, mode, additionalKeys } = scope;
	const executeData: IExecuteData = { node, data: { main: [items] }, source: null };

	return workflow.expression.getParameterValue(
		value,
		createEmptyRunExecutionData(),
		0,
		itemIndex,
		node.name,
		items,
		mode,
		additionalKeys,
		executeData,
		false,
		{},
		contextNodeName,
	);
}

/** What `this.evaluateExpression` gives a node: one expression resolved for one item. */
export function evaluateExpression(scope: EvaluationScope, expression: string, itemIndex: number) {
	const { workflow, node, items, mode, additionalKeys } = scope;
	return workflow.expression.resolveSimpleParameterValue(
		`=${expression}`,
		{},
		createEmptyRunExecutionData(),
		0,
		itemIndex,
		node.name,
		items,
		mode,
		additionalKeys,
		{ node, data: { main: [items] }, source: null },
	);
}

function isLuxonDateTime(value: unknown): value is { toString(): string } {
	return typeof value === 'object' && value !== null && 'isLuxonDateTime' in value;
}

/** Like n8n, turns Luxon dates nested in an object parameter into ISO strings. */
function stringifyNestedDates(value: unknown): void {
	if (typeof value !== 'object' || value === null) return;
	if (Array.isArray(value)) {
		value.forEach(stringifyNestedDates);
		return;
	}

	const entries = value as Record<string, unknown>;
	for (const key of Object.keys(entries)) {
		if (isLuxonDateTime(entries[key])) entries[key] = String(entries[key]);
		else stringifyNestedDates(entries[key]);
	}
}

/** n8n-core's `_getNodeParameter`: read, resolve, extract, coerce, validate. */
export function readNodeParameter(
	scope: EvaluationScope,
	parameterName: string,
	itemIndex: number,
	fallbackValue?: unknown,
	options?: IGetNodeParameterOptions,
): NodeParameterValueType | object {
	const { node, nodeType } = scope;
	const value = getByPath(node.parameters, parameterName, fallbackValue);
	if (value === undefined) {
		throw new ApplicationError('Could not get parameter', { extra: { parameterName } });
	}
	if (options?.rawExpressions) return value as NodeParameterValueType;

	let result: NodeParameterValueType | object;
	try {
		const raw = value as NodeParameterValueType;
		result = evaluateParameter(scope, raw, itemIndex, options?.contextNode?.name);
		stringifyNestedDates(result);
	} catch (error) {
		const failure = error as { context?: Record<string, unknown>; cause?: unknown };
		if (failure.context) failure.context.parameter = parameterName;
		failure.cause = value;
		throw error;
	}

	if (options?.extractValue) {
		result = extractValue(result, parameterName, node, nodeType, itemIndex);
	}
	if (options?.ensureType) {
		result = ensureType(options.ensureType, result, parameterName, {
			itemIndex,
			runIndex: 0,
			nodeCause: node.name,
		});
	}
	if (options?.skipValidation) return result;

	return validateAgainstSchema(node, nodeType, result, parameterName, itemIndex) as
		| NodeParameterValueType
		| object;
}
