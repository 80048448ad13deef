import { ExpressionError } from 'n8n-workflow';
import type { EnsureTypeOptions } from 'n8n-workflow';

interface ErrorOptions {
	itemIndex?: number;
	runIndex?: number;
	nodeCause?: string;
}

function parseJson(value: unknown, name: string, toType: EnsureTypeOptions, options: ErrorOptions) {
	if (typeof value === 'object') {
		if (toType === 'json') {
			try {
				JSON.stringify(value);
			} catch (error) {
				throw new ExpressionError(`Parameter '${name}' is not valid JSON`, {
					...options,
					description: (error as Error).message,
				});
			}
		}
		return value;
	}
	if (typeof value !== 'string' || value.length === 0) {
		throw new ExpressionError(
			`Parameter '${name}' must be an ${toType}, but we got '${String(value)}'`,
			options,
		);
	}
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		throw new ExpressionError(`Parameter '${name}' could not be parsed`, {
			...options,
			description: (error as Error).message,
		});
	}
}

/** n8n-core's ensureType, which getNodeParameter applies for `{ ensureType }`. */
export function ensureType(
	toType: EnsureTypeOptions,
	value: unknown,
	name: string,
	options: ErrorOptions,
): string | number | boolean | object {
	if (value === null) {
		throw new ExpressionError(`Parameter '${name}' must not be null`, options);
	}
	if (value === undefined) {
		throw new ExpressionError(`Parameter '${name}' could not be 'undefined'`, options);
	}

	let result: unknown = value;
	if (toType === 'object' || toType === 'array' || toType === 'json') {
		result = parseJson(value, name, toType, options);
		if (toType === 'array' && !Array.isArray(result)) {
			throw new ExpressionError(`Parameter '${name}' must be an array, but we got object`, options);
		}
	}

	if (toType === 'string') {
		result = typeof result === 'object' ? JSON.stringify(result) : String(result);
	}
	if (toType === 'number') {
		result = Number(result);
		if (Number.isNaN(result)) {
			throw new ExpressionError(
				`Parameter '${name}' must be a number, but we got '${String(value)}'`,
				options,
			);
		}
	}
	if (toType === 'boolean') result = Boolean(result);

	return result as string | number | boolean | object;
}
