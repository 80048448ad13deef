import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isAsyncIterable, toBuffer } from '../transport/body';

export interface UploadSource {
	fileName: string;
	mimeType: string;
	size: number;
	/** A fresh stream of the bytes; a stream can be read once, so every attempt opens one. */
	open(): Promise<AsyncIterable<Buffer>>;
}

export const STREAM_CHUNK = 1024 * 1024;

/** The item's binary property, or an error that names it and lists what the item has. */
export function inputBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: string,
): IBinaryData {
	const name = property.trim();
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	const found = binary[name];
	if (found) return found;

	const present = Object.keys(binary);
	const message =
		present.length === 0
			? `Input item ${itemIndex} has no binary data, so there is no "${name}" field to upload.`
			: `Input item ${itemIndex} has no binary field "${name}". Its binary fields are: ` +
				`${present.map((key) => `"${key}"`).join(', ')}.`;
	throw new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		description:
			'Set "Input Binary Field" to the field that holds the file, or add a node before this one ' +
			'that outputs a file, such as Read/Write Files from Disk or HTTP Request.',
	});
}

async function* chunksOf(stream: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
	for await (const chunk of stream) yield toBuffer(chunk);
}

/** Where the binary has an id it is streamed from n8n's store; otherwise it is in memory. */
export async function uploadSource(
	this: IExecuteFunctions,
	itemIndex: number,
	property: string,
	fileName: string,
): Promise<UploadSource> {
	const binary = inputBinary(this, itemIndex, property);
	const mimeType = binary.mimeType || 'application/octet-stream';

	if (binary.id) {
		const id = binary.id;
		const metadata = await this.helpers.getBinaryMetadata(id);
		return {
			fileName,
			mimeType,
			size: metadata.fileSize,
			open: async () => {
				const stream: unknown = await this.helpers.getBinaryStream(id, STREAM_CHUNK);
				if (!isAsyncIterable(stream))
					throw new Error('n8n returned a binary stream that cannot be read');
				return chunksOf(stream);
			},
		};
	}

	const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property.trim());
	return {
		fileName,
		mimeType,
		size: bytes.length,
		open: async () =>
			(async function* () {
				yield bytes;
			})(),
	};
}
