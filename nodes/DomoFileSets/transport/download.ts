import { createHash } from 'crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { STREAM_CHUNK } from '../helpers/binary';
import { dispositionFileName, mimeTypeOf } from '../helpers/disposition';
import { isAsyncIterable, toBuffer } from './body';
import { asNodeError, networkCode } from './errors';
import { domoRequestFull } from './request';
import type { RetryPolicy } from './retry';
import { backoffMs, shouldRetryNetwork } from './retry';
import { apiPath } from './session';

type BinarySource = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

export interface DownloadRequest {
	fileSetId: string;
	fileId: string;
	fileName?: string;
	mimeType?: string;
	/** Bytes Domo reported for the file, when it did. */
	size?: number;
	label: string;
}

export interface Downloaded {
	binary: IBinaryData;
	bytes: number;
}

class Truncated extends Error {
	constructor(
		readonly expected: number,
		readonly received: number,
	) {
		super(`received ${received} of ${expected} bytes`);
	}
}

/** The stored size: from n8n's binary store where it has an id, else from the data itself. */
async function storedBytes(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (binary.id) return (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.from(binary.data, 'base64').length;
}

/** SHA-256 of a stored binary, read back from n8n's store as a stream. */
export async function storedSha256(ctx: IExecuteFunctions, binary: IBinaryData): Promise<string> {
	const hash = createHash('sha256');
	if (!binary.id) return hash.update(Buffer.from(binary.data, 'base64')).digest('hex');

	const stream: unknown = await ctx.helpers.getBinaryStream(binary.id, STREAM_CHUNK);
	if (!isAsyncIterable(stream)) throw new Error('n8n returned a binary stream that cannot be read');
	for await (const chunk of stream) hash.update(toBuffer(chunk));
	return hash.digest('hex');
}

async function downloadOnce(
	this: IExecuteFunctions,
	request: DownloadRequest,
	policy: RetryPolicy,
): Promise<Downloaded> {
	const response = await domoRequestFull.call(this, {
		method: 'GET',
		path: apiPath('filesets', request.fileSetId, 'files', request.fileId, 'download'),
		stream: true,
		policy,
		subject: request.label,
	});

	const headers = response.headers;
	const fileName =
		request.fileName ?? dispositionFileName(headers['content-disposition']) ?? request.fileId;
	const mimeType =
		request.mimeType ?? mimeTypeOf(headers['content-type']) ?? 'application/octet-stream';
	const binary = await this.helpers.prepareBinaryData(
		response.body as BinarySource,
		fileName,
		mimeType,
	);

	const bytes = await storedBytes(this, binary);
	const length = Number(headers['content-length']);
	const expected =
		Number.isFinite(length) && headers['content-length'] !== undefined ? length : request.size;
	if (expected !== undefined && bytes !== expected) throw new Truncated(expected, bytes);
	return { binary, bytes };
}

/**
 * Streams a file into n8n's binary store. A connection that drops mid-body, or a body shorter
 * than announced, is retried from the start; a short file is never returned.
 */
export async function downloadFile(
	this: IExecuteFunctions,
	request: DownloadRequest,
	policy: RetryPolicy,
	itemIndex: number,
): Promise<Downloaded> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await downloadOnce.call(this, request, policy);
		} catch (error) {
			// Errors from Domo's answer were retried already; what is left broke off mid-body.
			if (error instanceof NodeApiError) throw asNodeError(this.getNode(), error, itemIndex);
			const code = error instanceof Truncated ? 'ECONNRESET' : networkCode(error);
			if (attempt < policy.maxRetries && shouldRetryNetwork(code, 'safe')) {
				this.logger.debug(`Download of ${request.label} broke off (${code}); retrying`);
				await sleep(backoffMs(attempt));
				continue;
			}
			const reason = error instanceof Error ? error.message : String(error);
			throw new NodeOperationError(this.getNode(), `The download of ${request.label} failed`, {
				itemIndex,
				description: `${reason} (after ${attempt + 1} attempts). Nothing was output; run it again.`,
			});
		}
	}
}
