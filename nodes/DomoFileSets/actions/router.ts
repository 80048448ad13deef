import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { fileOperations } from './file';
import { fileSetOperations } from './fileSet';
import { asNodeError } from '../transport/errors';
import { runPool } from './pool';
import type { Operation } from './types';

const resources: Record<string, Record<string, Operation>> = {
	fileSet: fileSetOperations,
	file: fileOperations,
};

function findOperation(ctx: IExecuteFunctions): Operation {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const found = resources[resource]?.[operation];
	if (!found) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${operation}" is not supported for "${resource}"`,
		);
	}
	return found;
}

function concurrencyOf(ctx: IExecuteFunctions, operation: Operation): number {
	if (!operation.concurrent) return 1;
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const value = Number(options.concurrency ?? 1);
	return Number.isInteger(value) && value > 1 ? Math.min(value, 16) : 1;
}

/** An error item for Continue On Fail: the message and Domo's detail, never the request. */
function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error instanceof Error ? error.message : String(error) };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
	}
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

async function runItem(
	ctx: IExecuteFunctions,
	operation: Operation,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	try {
		const output = await operation.execute.call(ctx, itemIndex);
		return output.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
	} catch (error) {
		if (ctx.continueOnFail()) return [errorItem(error, itemIndex)];
		throw asNodeError(ctx.getNode(), error, itemIndex);
	}
}

/**
 * Runs the operation once per item, up to Concurrency items at a time, and returns the
 * results in input order, each paired with its input item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = findOperation(this);
	const count = this.getInputData().length;
	const results: INodeExecutionData[][] = new Array(count);

	await runPool(count, concurrencyOf(this, operation), async (itemIndex) => {
		results[itemIndex] = await runItem(this, operation, itemIndex);
	});
	return [results.flat()];
}
