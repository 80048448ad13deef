import { compareValues, compileCriteria, sortKeys } from './filters';
import type { JsonObject } from './types';

function compareField(a: JsonObject, b: JsonObject, field: string): number {
	const x = a[field];
	const y = b[field];
	const xMissing = x === null || x === undefined;
	const yMissing = y === null || y === undefined;
	if (xMissing || yMissing) return Number(xMissing) - Number(yMissing);
	return compareValues(x, y) ?? 0;
}

/**
 * Filters and sorts already-serialized items. Without fieldSort the order is by created;
 * the sort is stable, so ties keep insertion order.
 */
export function applySearch(items: JsonObject[], body: JsonObject): JsonObject[] {
	const matches = compileCriteria(body);
	const keys = [...sortKeys(body), { field: 'created', descending: false }];
	return items.filter(matches).sort((a, b) => {
		for (const { field, descending } of keys) {
			const order = compareField(a, b, field);
			if (order !== 0) return descending ? -order : order;
		}
		return 0;
	});
}

export function hasCriteria(body: JsonObject): boolean {
	const present = (key: string): boolean => {
		const value = body[key];
		return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
	};
	return present('filters') || present('dateFilters') || present('fieldSort');
}
