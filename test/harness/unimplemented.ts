// Keys that promise checks, jest's matchers and its printer probe on any object; answering them
// with a throwing function would break `await` and test output rather than reveal a gap.
const INTROSPECTION_KEYS = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType']);

function missing(name: string): Error {
	return new Error(
		`The test harness does not implement ${name}. ` +
			'Add it to test/harness, mirroring n8n-core, before a node relies on it.',
	);
}

// Calling the gap, or reaching into it (`this.nodeHelpers.copyBinaryFile`, `.call`), throws.
function gap(name: string): () => never {
	const fail = (): never => {
		throw missing(name);
	};
	return new Proxy(fail, {
		get(target, key) {
			if (typeof key === 'symbol' || INTROSPECTION_KEYS.has(key)) {
				return Reflect.get(target, key) as unknown;
			}
			throw missing(name);
		},
	});
}

/**
 * Wraps the part of n8n's host API the harness implements, so that a node reaching for
 * anything else fails with an error naming it instead of receiving `undefined`.
 */
export function withGapsVisible<T extends object>(target: T, label: string): T {
	return new Proxy(target, {
		get(object, key, receiver) {
			if (typeof key === 'symbol' || key in object || INTROSPECTION_KEYS.has(key)) {
				return Reflect.get(object, key, receiver) as unknown;
			}
			return gap(`${label}.${key}()`);
		},
	});
}
