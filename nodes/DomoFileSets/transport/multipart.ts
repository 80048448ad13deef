/** A part whose bytes are produced on demand, read by axios through `stream()`. */
export interface StreamPart {
	name?: string;
	type: string;
	size: number;
	stream(): AsyncIterable<Uint8Array>;
}

/**
 * A multipart body that axios recognises as a spec FormData and streams part by part, with
 * an exact Content-Length taken from each part's `size`. Node's own FormData would first
 * copy the file into a Blob, and the `form-data` package is a runtime dependency.
 */
export class StreamingForm {
	readonly [Symbol.toStringTag] = 'FormData';

	private readonly parts: Array<[string, StreamPart]> = [];

	append(field: string, part: StreamPart): void {
		this.parts.push([field, part]);
	}

	entries(): IterableIterator<[string, StreamPart]> {
		return this.parts[Symbol.iterator]();
	}

	[Symbol.iterator](): IterableIterator<[string, StreamPart]> {
		return this.entries();
	}
}

export function bufferPart(bytes: Buffer, type: string, name?: string): StreamPart {
	return {
		name,
		type,
		size: bytes.length,
		async *stream() {
			yield bytes;
		},
	};
}

export function jsonPart(value: object): StreamPart {
	return bufferPart(Buffer.from(JSON.stringify(value)), 'application/json');
}

/** Regroups a byte stream into parts of exactly `size` bytes (the last may be shorter). */
export async function* inParts(
	source: AsyncIterable<Buffer>,
	size: number,
): AsyncGenerator<Buffer> {
	let pending: Buffer[] = [];
	let pendingBytes = 0;

	for await (const chunk of source) {
		pending.push(chunk);
		pendingBytes += chunk.length;
		while (pendingBytes >= size) {
			const joined = Buffer.concat(pending, pendingBytes);
			yield joined.subarray(0, size);
			pending = [joined.subarray(size)];
			pendingBytes -= size;
		}
	}
	if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}
