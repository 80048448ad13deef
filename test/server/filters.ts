import { isObject } from './body';
import { badRequest } from './errors';
import type { Json, JsonObject } from './types';

export type Predicate = (item: JsonObject) => boolean;

const OPERATORS = new Set([
	'EQUALS',
	'GREATER_THAN',
	'GREATER_THAN_OR_EQUAL',
	'LESS_THAN',
	'LESS_THAN_OR_EQUAL',
	'IN',
	'IS_NULL',
	'LIKE',
]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

/** Orders a record's value against a filter value; null when they cannot be compared. */
export function compareValues(actual: Json | undefined, wanted: Json): number | null {
	if (actual === null || actual === undefined || wanted === null) return null;
	if (typeof actual === 'number') {
		const number = Number(wanted);
		return Number.isNaN(number) ? null : actual - number;
	}
	if (typeof actual === 'string' && typeof wanted === 'string' && ISO_DATE.test(actual)) {
		const a = Date.parse(actual);
		const b = Date.parse(wanted);
		if (!Number.isNaN(a) && !Number.isNaN(b)) return a - b;
	}
	const a = String(actual);
	const b = String(wanted);
	return a < b ? -1 : a > b ? 1 : 0;
}

function like(actual: Json | undefined, wanted: Json): boolean {
	if (actual === null || actual === undefined || wanted === null) return false;
	const needle = String(wanted).replace(/%/g, '').toLowerCase();
	return String(actual).toLowerCase().includes(needle);
}

function leaf(field: string, operator: string, values: Json[]): Predicate {
	const test = (check: (order: number) => boolean) => (item: JsonObject) =>
		values.some((value) => {
			const order = compareValues(item[field], value);
			return order !== null && check(order);
		});
	switch (operator) {
		case 'EQUALS':
		case 'IN':
			return test((order) => order === 0);
		case 'GREATER_THAN':
			return test((order) => order > 0);
		case 'GREATER_THAN_OR_EQUAL':
			return test((order) => order >= 0);
		case 'LESS_THAN':
			return test((order) => order < 0);
		case 'LESS_THAN_OR_EQUAL':
			return test((order) => order <= 0);
		case 'IS_NULL':
			return (item) => item[field] === null || item[field] === undefined;
		default:
			return (item) => values.some((value) => like(item[field], value));
	}
}

function compileFilter(raw: Json): Predicate {
	if (!isObject(raw)) throw badRequest('Each filter must be an object');
	const { operator, not, field, value } = raw;
	const invert = not === true;

	if ((operator === 'AND' || operator === 'OR') && Array.isArray(raw.filters)) {
		const children = raw.filters.map(compileFilter);
		const combined: Predicate =
			operator === 'AND'
				? (item) => children.every((child) => child(item))
				: (item) => children.some((child) => child(item));
		return invert ? (item) => !combined(item) : combined;
	}

	if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
		throw badRequest(`Unknown filter operator ${JSON.stringify(operator ?? null)}`);
	}
	if (typeof field !== 'string' || field === '') throw badRequest('A filter needs a field');
	const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
	const predicate = leaf(field, operator, values);
	return invert ? (item) => !predicate(item) : predicate;
}

function parseDate(value: Json | undefined, name: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(time)) throw badRequest(`Date filter ${name} must be an ISO date-time`);
	return time;
}

function compileDateFilter(raw: Json): Predicate {
	if (!isObject(raw)) throw badRequest('Each date filter must be an object');
	if (typeof raw.field !== 'string') throw badRequest('A date filter needs a field');
	const field = raw.field;
	const start = parseDate(raw.start, 'start');
	const end = parseDate(raw.end, 'end');
	if (start === undefined && end === undefined) {
		throw badRequest('A date filter needs a start, an end or both');
	}

	const inRange: Predicate = (item) => {
		const value = item[field];
		const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
		if (Number.isNaN(time)) return false;
		return (start === undefined || time >= start) && (end === undefined || time <= end);
	};
	return raw.not === true ? (item) => !inRange(item) : inRange;
}

function list(body: JsonObject, key: string): Json[] {
	const value = body[key];
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw badRequest(`${key} must be an array`);
	return value;
}

/** All filters and date filters of a search body, joined with AND. */
export function compileCriteria(body: JsonObject): Predicate {
	const predicates = [
		...list(body, 'filters').map(compileFilter),
		...list(body, 'dateFilters').map(compileDateFilter),
	];
	return (item) => predicates.every((predicate) => predicate(item));
}

export function sortKeys(body: JsonObject): Array<{ field: string; descending: boolean }> {
	return list(body, 'fieldSort').map((raw) => {
		if (!isObject(raw) || typeof raw.field !== 'string') {
			throw badRequest('Each fieldSort entry needs a field');
		}
		const order = raw.order === undefined || raw.order === null ? 'ASC' : raw.order;
		if (typeof order !== 'string' || !['ASC', 'DESC'].includes(order.toUpperCase())) {
			throw badRequest(`Sort order must be ASC or DESC, not ${JSON.stringify(order)}`);
		}
		return { field: raw.field, descending: order.toUpperCase() === 'DESC' };
	});
}
