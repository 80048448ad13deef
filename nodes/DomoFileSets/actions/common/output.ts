import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export function asObject(value: unknown): IDataObject | undefined {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/** Domo's answer as one JSON item; a body that is not a JSON object is an error, not an item. */
export function jsonItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: unknown,
): INodeExecutionData[] {
	const json = asObject(body);
	if (!json) {
		const kind = typeof body === 'string' ? `text: "${body.slice(0, 120)}"` : typeof body;
		throw new NodeOperationError(
			ctx.getNode(),
			`Domo answered with ${kind}, where JSON was expected.`,
			{
				itemIndex,
				description:
					'A proxy or a login page may be in the way. Check the instance in the credential.',
			},
		);
	}
	return [{ json }];
}

export function jsonItems(list: IDataObject[]): INodeExecutionData[] {
	return list.map((json) => ({ json }));
}

/** Deletes answer 200 with a status message or 204 with no body; both mean success. */
export function deletedItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	response: unknown,
	what: IDataObject,
): INodeExecutionData[] {
	const empty = response === undefined || response === null || response === '';
	const message = empty ? undefined : jsonItem(ctx, itemIndex, response)[0].json.message;
	return [
		{ json: { ...what, deleted: true, ...(typeof message === 'string' ? { message } : {}) } },
	];
}
