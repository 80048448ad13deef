import { NodeHelpers, NodeOperationError } from 'n8n-workflow';
import type { INode, INodeType } from 'n8n-workflow';

/** The checks n8n-core makes before a node may read a credential, with n8n's wording. */
export function assertNodeMayUseCredential(node: INode, nodeType: INodeType, type: string): void {
	const { description } = nodeType;
	if (description.credentials === undefined) {
		throw new NodeOperationError(
			node,
			`Node type "${node.type}" does not have any credentials defined`,
			{ level: 'warning' },
		);
	}

	const declared = description.credentials.find((entry) => entry.name === type);
	if (declared === undefined) {
		throw new NodeOperationError(
			node,
			`Node type "${node.type}" does not have any credentials of type "${type}" defined`,
			{ level: 'warning' },
		);
	}
	if (
		!NodeHelpers.displayParameter(node.parameters, declared, node, description, node.parameters)
	) {
		throw new NodeOperationError(node, 'Credentials not found');
	}
	if (node.credentials?.[type]) return;

	if (declared.required !== true) {
		throw new NodeOperationError(node, 'Node does not require credentials');
	}
	const message = node.credentials
		? `Node does not have any credentials set for "${type}"`
		: 'Node does not have any credentials set';
	throw new NodeOperationError(node, message, { level: 'warning' });
}
