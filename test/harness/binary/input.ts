import { NodeOperationError, UnexpectedError } from 'n8n-workflow';
import type { IBinaryData, INode, INodeExecutionData } from 'n8n-workflow';

import type { BinaryStore } from './store';

function isBinaryData(value: unknown): value is IBinaryData {
	return typeof value === 'object' && value !== null && 'data' in value && 'mimeType' in value;
}

/** n8n's assertBinaryData, with its error wording. */
export function assertBinaryData(
	items: INodeExecutionData[],
	node: INode,
	itemIndex: number,
	parameterData: string | IBinaryData,
): IBinaryData {
	if (isBinaryData(parameterData)) return parameterData;
	if (typeof parameterData !== 'string') {
		throw new NodeOperationError(
			node,
			'Provided parameter is not a string or binary data object.',
			{
				itemIndex,
				description:
					'Specify the property name of the binary data in input item or use an expression to access the binary data in previous nodes, e.g. "{{ $(_target_node_).item.binary[_binary_property_name_] }}"',
			},
		);
	}

	const binaries = items[itemIndex].binary;
	if (binaries === undefined) {
		throw new NodeOperationError(
			node,
			`This operation expects the node's input data to contain a binary file '${parameterData}', but none was found [item ${itemIndex}]`,
			{ itemIndex, description: 'Make sure that the previous node outputs a binary file' },
		);
	}

	const binary = binaries[parameterData];
	if (binary === undefined) {
		throw new NodeOperationError(
			node,
			`The item has no binary field '${parameterData}' [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Check that the parameter where you specified the input binary field name is correct, and that it matches a field in the binary input',
			},
		);
	}
	return binary;
}

/**
 * n8n's getBinaryDataBuffer. Like n8n it does not check that the binary exists: a node is
 * expected to call assertBinaryData first, and otherwise fails with a TypeError.
 */
export async function getBinaryDataBuffer(
	items: INodeExecutionData[],
	store: BinaryStore,
	itemIndex: number,
	parameterData: string | IBinaryData,
): Promise<Buffer> {
	if (isBinaryData(parameterData)) return await store.buffer(parameterData);
	if (typeof parameterData !== 'string') {
		throw new UnexpectedError('Provided parameter is not a string or binary data object.');
	}

	const binaries = items[itemIndex].binary as Record<string, IBinaryData>;
	return await store.buffer(binaries[parameterData]);
}
