import { ExpressionError, NodeHelpers, validateFieldType } from 'n8n-workflow';
import type {
	FieldType,
	IDataObject,
	INode,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

type Value = unknown;

function childDescriptions(property: INodeProperties, path: string[]) {
	if (property.type === 'fixedCollection') {
		const options = property.options as INodePropertyCollection[];
		return options.find((entry) => entry.name === path[1])?.values;
	}
	if (property.type === 'collection') return property.options as INodeProperties[];
	return undefined;
}

function validateChildren(
	node: INode,
	itemIndex: number,
	property: INodeProperties,
	path: string[],
	value: Value,
) {
	const children = (childDescriptions(property, path) ?? []).filter(
		(child) => child.validateType && !child.ignoreValidationDuringExecution,
	);
	if (children.length === 0) return value;

	const entries = (Array.isArray(value) ? value : [value]) as IDataObject[];
	for (const entry of entries) {
		for (const child of children) {
			if (!(child.name in entry)) continue;
			const type = child.validateType as FieldType;
			const valueOptions =
				type === 'options' ? (child.options as INodePropertyOptions[]) : undefined;
			const result = validateFieldType(child.name, entry[child.name], type, { valueOptions });
			if (!result.valid) {
				throw new ExpressionError(
					`Invalid input for field '${child.displayName}' inside '${property.displayName}' in [item ${itemIndex}]`,
					{ description: result.errorMessage, runIndex: 0, itemIndex, nodeCause: node.name },
				);
			}
			entry[child.name] = result.newValue as IDataObject[string];
		}
	}
	return value;
}

/** n8n-core's validateValueAgainstSchema for `validateType` on parameters and collections. */
export function validateAgainstSchema(
	node: INode,
	nodeType: INodeType,
	value: Value,
	parameterName: string,
	itemIndex: number,
): Value {
	const path = parameterName.split('.');
	const property = nodeType.description.properties.find(
		(entry) =>
			entry.name === path[0] &&
			NodeHelpers.displayParameter(node.parameters, entry, node, nodeType.description),
	);
	if (!property) return value;

	if (property.type === 'resourceMapper' && path[1] === 'value') {
		throw new Error(
			'The test harness does not implement resource mapper validation. ' +
				'Add it to test/harness/parameters/validate.ts before a node relies on it.',
		);
	}
	if (path.length === 1 && property.validateType && !property.ignoreValidationDuringExecution) {
		const result = validateFieldType(parameterName, value, property.validateType);
		if (!result.valid) {
			throw new ExpressionError(`Invalid input for '${property.displayName}' [item ${itemIndex}]`, {
				description: result.errorMessage,
				runIndex: 0,
				itemIndex,
				nodeCause: node.name,
			});
		}
		return result.newValue;
	}
	if (property.type === 'fixedCollection' || property.type === 'collection') {
		return validateChildren(node, itemIndex, property, path, value);
	}
	return value;
}
