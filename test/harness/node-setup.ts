import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

const PACKAGE_NAME = 'n8n-nodes-domo-filesets';

export const WORKFLOW_ID = 'harness-workflow';

export interface NodeSetup {
	nodeType: INodeType;
	nodeTypes: INodeTypes;
	typeName: string;
	typeVersion: number;
	nodeName: string;
}

export interface NodeScope {
	node: INode;
	workflow: Workflow;
	nodeType: INodeType;
}

function latestVersion(node: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in node) return node.currentVersion;

	const { version } = node.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

export function describeNodeType(
	node: INodeType | IVersionedNodeType,
	version?: number,
): NodeSetup {
	const typeVersion = version ?? latestVersion(node);
	const nodeType = NodeHelpers.getVersionedNodeType(node, typeVersion);
	const { description } = nodeType;

	return {
		nodeType,
		typeVersion,
		typeName: `${PACKAGE_NAME}.${description.name}`,
		nodeName: description.defaults.name ?? description.displayName,
		nodeTypes: {
			getByName: () => node,
			getByNameAndVersion: (_name, wanted) =>
				NodeHelpers.getVersionedNodeType(node, wanted ?? typeVersion),
			getKnownTypes: () => ({}),
		},
	};
}

/**
 * Places the node in a one-node workflow. n8n's `Workflow` constructor is what fills in the
 * description's defaults for absent parameters (honouring displayOptions), so the node sees
 * the same parameters it would see when n8n runs a saved workflow.
 */
export function createScope(
	setup: NodeSetup,
	parameters: INodeParameters,
	extra: Partial<INode> = {},
): NodeScope {
	const node: INode = {
		id: 'harness-node',
		name: setup.nodeName,
		type: setup.typeName,
		typeVersion: setup.typeVersion,
		position: [0, 0],
		parameters: structuredClone(parameters),
		...extra,
	};
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Harness workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: setup.nodeTypes,
	});

	return { node: workflow.nodes[node.name], workflow, nodeType: setup.nodeType };
}
