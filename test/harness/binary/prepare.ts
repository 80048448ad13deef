import { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { extension, lookup } from 'mime-types';
import { fileTypeFromMimeType } from 'n8n-workflow';
import type { IBinaryData } from 'n8n-workflow';

import { sniffFileType } from './sniff';
import type { BinaryStore } from './store';

// Fields n8n's request layer adds to a response stream it has parsed.
type ParsedMessage = IncomingMessage & {
	contentDisposition?: { filename?: string };
	contentType?: string;
	responseUrl?: string;
};

function fromMessage(message: ParsedMessage, filePath?: string, mimeType?: string) {
	let name = filePath;
	if (!name) {
		try {
			const { responseUrl } = message;
			const urlPath = responseUrl ? new URL(responseUrl).pathname : undefined;
			name = (message.contentDisposition?.filename ?? urlPath ?? message.req?.path)?.slice(1);
		} catch {
			name = undefined;
		}
	}
	return { name, type: mimeType ?? message.contentType };
}

/** n8n's prepareBinaryData: work out name, type and extension, then store the content. */
export async function prepareBinaryData(
	store: BinaryStore,
	content: Buffer | Readable,
	filePath?: string,
	mimeType?: string,
): Promise<IBinaryData> {
	if (content instanceof IncomingMessage) {
		({ name: filePath, type: mimeType } = fromMessage(content, filePath, mimeType));
	}

	let fileExtension: string | undefined;
	if (!mimeType && filePath) mimeType = lookup(filePath) || undefined;
	if (!mimeType && Buffer.isBuffer(content)) {
		const sniffed = sniffFileType(content);
		mimeType = sniffed?.mime;
		fileExtension = sniffed?.ext;
	} else if (!mimeType && content instanceof IncomingMessage) {
		mimeType = content.headers['content-type'];
	}
	if (!fileExtension && mimeType) fileExtension = extension(mimeType) || undefined;
	mimeType ||= 'text/plain';

	const binary: IBinaryData = {
		mimeType,
		fileType: fileTypeFromMimeType(mimeType),
		fileExtension,
		data: '',
	};
	if (filePath) {
		const parts = path.parse(filePath);
		if (parts.dir !== '') binary.directory = parts.dir;
		binary.fileName = parts.base;
		const fromName = parts.ext.slice(1);
		if (fromName) binary.fileExtension = fromName;
	}

	return await store.store(binary, content);
}
