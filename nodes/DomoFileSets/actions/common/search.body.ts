import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const OPERATORS = [
	'EQUALS',
	'GREATER_THAN',
	'GREATER_THAN_OR_EQUAL',
	'LESS_THAN',
	'LESS_THAN_OR_EQUAL',
	'IN',
	'IS_NULL',
	'LIKE',
];
const COMPARISONS = OPERATORS.filter((operator) => /THAN/.test(operator));

type Scalar = string | number | boolean;

function entries(
	ctx: IExecuteFunctions,
	name: string,
	key: string,
	itemIndex: number,
): IDataObject[] {
	const collection = ctx.getNodeParameter(name, itemIndex, {}) as IDataObject;
	const values = collection?.[key];
	return Array.isArray(values) ? (values as IDataObject[]) : [];
}

function scalar(value: unknown): Scalar | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'boolean') return value;
	return undefined;
}

// Fields that hold numbers. Elsewhere a value stays text, so that a name such as "007" is not
// sent as the number 7.
const NUMERIC_FIELDS = ['size', 'fileCount', 'createdBy', 'updatedBy', 'accountId'];

/** Numbers typed as text are sent as numbers, so that size > 1000 compares numerically. */
function typed(value: Scalar): Scalar {
	return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

function filterValues(
	entry: IDataObject,
	field: string,
	label: string,
	fail: (m: string) => never,
): Scalar[] {
	const operator = String(entry.operator);
	if (operator === 'IS_NULL') return [];

	const raw = Array.isArray(entry.value) ? entry.value : [entry.value];
	const values = raw.map(scalar);
	if (values.some((value) => value === undefined)) {
		fail(
			`${label}: the value must be text, a number or true/false, not ${JSON.stringify(entry.value)}.`,
		);
	}
	const list = (values as Scalar[])
		.flatMap((value) =>
			operator === 'IN' && typeof value === 'string' ? value.split(',') : [value],
		)
		.map((value) => (typeof value === 'string' ? value.trim() : value))
		.filter((value) => value !== '');
	if (list.length === 0) fail(`${label}: enter a value, or use the "Is Null" operator.`);

	if (COMPARISONS.includes(operator)) {
		const value = typed(list[0]);
		const isDate = typeof value === 'string' && !Number.isNaN(Date.parse(value));
		if (typeof value !== 'number' && !isDate) {
			fail(
				`${label}: "${String(list[0])}" is neither a number nor a date, so it cannot be compared.`,
			);
		}
		return [value];
	}
	return NUMERIC_FIELDS.includes(field) ? list.map(typed) : list;
}

function isoDate(value: unknown, label: string, fail: (m: string) => never): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const date = new Date(String(value));
	if (Number.isNaN(date.getTime())) fail(`${label}: "${String(value)}" is not a date.`);
	return date.toISOString();
}

/** The search body (filters, fieldSort, dateFilters) from the node's collections. */
export function buildSearchBody(
	this: IExecuteFunctions,
	itemIndex: number,
	match: unknown,
): IDataObject {
	const fail = (message: string): never => {
		throw new NodeOperationError(this.getNode(), message, { itemIndex });
	};

	const filters = entries(this, 'filters', 'filter', itemIndex).map((entry, index) => {
		const label = `Filter ${index + 1}`;
		const field = scalar(entry.field);
		if (typeof field !== 'string' || field === '') fail(`${label}: enter the field to filter on.`);
		if (!OPERATORS.includes(String(entry.operator)))
			fail(`${label}: unknown operator "${String(entry.operator)}".`);
		return {
			field,
			operator: entry.operator,
			value: filterValues(entry, String(field), label, fail),
			not: entry.not === true,
		};
	});

	const fieldSort = entries(this, 'sort', 'field', itemIndex).map((entry, index) => {
		const field = scalar(entry.field);
		if (typeof field !== 'string' || field === '')
			fail(`Sort ${index + 1}: enter the field to sort by.`);
		return { field, order: entry.order === 'DESC' ? 'DESC' : 'ASC' };
	});

	const dateFilters = entries(this, 'dateFilters', 'dateFilter', itemIndex).map((entry, index) => {
		const label = `Date Filter ${index + 1}`;
		const start = isoDate(entry.start, label, fail);
		const end = isoDate(entry.end, label, fail);
		if (!start && !end) fail(`${label}: set a start, an end or both.`);
		if (start && end && start > end) fail(`${label}: the start is after the end.`);
		return { field: scalar(entry.field) || 'created', start, end, not: entry.not === true };
	});

	const body: IDataObject = {};
	if (filters.length) body.filters = match === 'any' ? [{ operator: 'OR', filters }] : filters;
	if (fieldSort.length) body.fieldSort = fieldSort;
	if (dateFilters.length) body.dateFilters = dateFilters;
	return body;
}
