import { badRequest, HttpError } from './errors';
import type { Ctx } from './context';
import type { Json, JsonObject } from './types';

const MAX_JSON_BYTES = 10 * 1024 * 1024;

export async function readBody(ctx: Ctx, maxBytes = MAX_JSON_BYTES): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of ctx.body) {
		size += (chunk as Buffer).length;
		if (size > maxBytes) throw new HttpError(413, `Request body exceeds ${maxBytes} bytes`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

export function isObject(value: Json | undefined): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An empty body reads as {}, like Domo, which treats it as "no criteria". */
export async function readJsonObject(ctx: Ctx): Promise<JsonObject> {
	const text = (await readBody(ctx)).toString('utf8').trim();
	if (text === '') return {};

	let parsed: Json;
	try {
		parsed = JSON.parse(text) as Json;
	} catch {
		throw badRequest('Malformed JSON request body');
	}
	if (!isObject(parsed)) throw badRequest('The request body must be a JSON object');
	return parsed;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest(`Field ${key} must be a string`);
	return value;
}
