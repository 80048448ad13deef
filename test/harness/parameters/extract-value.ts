import {
	ApplicationError,
	LoggerProxy,
	NodeHelpers,
	NodeOperationError,
	WorkflowOperationError,
	executeFilter,
	isFilterValue,
} from 'n8n-workflow';
import type {
	INode,
	INodeProperties,
	INodePropertyCollection,
	INodeType,
	NodeParameterValueType,
} from 'n8n-workflow';

type Value = NodeParameterValueType | object;

function typeNameOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'undefined';
	return (value as object).constructor?.name ?? typeof value;
}

function applyRegex(
	value: string,
	source: string | RegExp,
	parameterName: string,
	displayName: string,
) {
	const regex = new RegExp(source);
	const match = regex.exec(value);
	if (!match) {
		throw new WorkflowOperationError(
			`ERROR: ${displayName} parameter's value is invalid. This is likely because the URL entered is incorrect`,
		);
	}
	if (match.length !== 2) {
		throw new WorkflowOperationError(
			`Property "${parameterName}" has an invalid extractValue regex "${regex.source}". extractValue expects exactly one group to be returned.`,
		);
	}
	return match[1];
}

function fromResourceLocator(value: Value, property: INodeProperties, parameterName: string) {
	if (typeof value !== 'object' || !value || !('mode' in value) || !('value' in value)) {
		return value;
	}
	const mode = (property.modes ?? []).find((entry) => entry.name === value.mode);
	if (!mode?.extractValue) return value.value as Value;

	if (typeof value.value !== 'string') {
		LoggerProxy.error(
			`Only strings can be passed to extractValue. Parameter "${parameterName}" passed "${typeNameOf(value.value)}"`,
		);
		throw new ApplicationError(
			"ERROR: This parameter's value is invalid. Please enter a valid mode.",
			{ extra: { parameter: property.displayName, modeProp: mode.displayName } },
		);
	}
	if (mode.extractValue.type !== 'regex') {
		throw new ApplicationError('Property with unknown `extractValue`', {
			extra: { parameter: parameterName, extractValueType: mode.extractValue.type },
		});
	}

	return applyRegex(value.value, mode.extractValue.regex, parameterName, property.displayName);
}

function fromOther(
	value: Value,
	property: INodeProperties | INodePropertyCollection,
	name: string,
) {
	if (!('extractValue' in property) || !property.extractValue) return value;

	if (typeof value !== 'string') {
		LoggerProxy.error(
			`Only strings can be passed to extractValue. Parameter "${name}" passed "${typeNameOf(value)}"`,
		);
		throw new ApplicationError("This parameter's value is invalid", {
			extra: { parameter: property.displayName },
		});
	}
	if (property.extractValue.type !== 'regex') {
		throw new ApplicationError('Property with unknown `extractValue`', {
			extra: { parameter: name, extractValueType: property.extractValue.type },
		});
	}

	return applyRegex(value, property.extractValue.regex, name, property.displayName);
}

/** n8n-core's extractValue: a resource locator's mode regex, a filter, or a property regex. */
export function extractValue(
	value: Value,
	parameterName: string,
	node: INode,
	nodeType: INodeType,
	itemIndex = 0,
): Value {
	try {
		const property = NodeHelpers.findDisplayedProperty(
			parameterName,
			nodeType.description.properties,
			node.parameters,
			node,
			nodeType.description,
		);
		if (!property) {
			throw new ApplicationError('Could not find property', { extra: { parameterName } });
		}
		if (!('type' in property)) return value;

		if (property.type === 'resourceLocator') {
			return fromResourceLocator(value, property, parameterName);
		}
		if (property.type === 'filter') {
			if (!isFilterValue(value)) return value;
			if (property.extractValue?.type) {
				throw new ApplicationError(
					`Property "${parameterName}" has an invalid extractValue type. Filter parameters only support extractValue: true`,
					{ extra: { parameter: parameterName } },
				);
			}
			return executeFilter(value, { itemIndex });
		}
		return fromOther(value, property, parameterName);
	} catch (error) {
		const description = (error as { description?: string }).description;
		throw new NodeOperationError(node, error as Error, { description });
	}
}
