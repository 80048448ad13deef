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

/**
 * Regroups a byte stream into parts of exactly `size` bytes (the last may be shorter). One
 * buffer is filled again for every part, so a part must be sent before the next is asked
 * for; that keeps a split upload at one part of memory, with no garbage per part.
 */
export async function* inParts(
	source: AsyncIterable<Buffer>,
	size: number,
): AsyncGenerator<Buffer> {
	const part = Buffer.allocUnsafe(size);
	let filled = 0;

	for await (const chunk of source) {
		for (let offset = 0; offset < chunk.length; ) {
			const copied = chunk.copy(part, filled, offset, offset + size - filled);
			filled += copied;
			offset += copied;
			if (filled === size) {
				yield part;
				filled = 0;
			}
		}
	}
	if (filled > 0) yield part.subarray(0, filled);
}
