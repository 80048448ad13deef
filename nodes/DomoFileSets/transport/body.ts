const MAX_ERROR_BODY = 64 * 1024;

export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
	);
}

function toBuffer(chunk: unknown): Buffer {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
	return Buffer.from(String(chunk));
}

/**
 * Reads at most 64 KiB of an error body sent as a stream, then lets the rest go, so that a
 * large or endless error page can neither fill memory nor hang the node.
 */
export async function readErrorText(body: unknown): Promise<unknown> {
	if (!isAsyncIterable(body)) return body;

	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const buffer = toBuffer(chunk);
			chunks.push(buffer);
			size += buffer.length;
			if (size >= MAX_ERROR_BODY) break;
		}
	} catch (error) {
		if (chunks.length === 0) return `(the error body could not be read: ${String(error)})`;
	}
	return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY).toString('utf8');
}

/** Lets go of a response stream that will not be read, so its socket is freed. */
export function discard(body: unknown): void {
	const destroy = (body as { destroy?: unknown } | null)?.destroy;
	if (typeof destroy === 'function') destroy.call(body);
}

export { toBuffer };
