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
	/** Domo's SHA-256 of the file, when the bytes are to be checked against it. */
	sha256?: string;
	label: string;
}

export interface Downloaded {
	binary: IBinaryData;
	bytes: number;
}

/** A body that ended cleanly but short of the file: worth another try. */
class Truncated extends Error {
	constructor(expected: number, received: number) {
		super(`Expected ${expected} bytes but received ${received}`);
	}
}

/**
 * The size the body must have: Domo's size of the file, else Content-Length. A server that
 * compresses anyway announces the compressed length, and axios unzips the body and drops the
 * Content-Encoding header, so Content-Length alone cannot be trusted.
 */
function expectedBytes(headers: Record<string, unknown>, reported?: number): number | undefined {
	if (reported !== undefined) return reported;
	const length = Number(headers['content-length']);
	return headers['content-length'] !== undefined && Number.isFinite(length) ? length : undefined;
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
	const expected = expectedBytes(headers, request.size);
	if (expected !== undefined && bytes !== expected) throw new Truncated(expected, bytes);
	return { binary, bytes };
}

/**
 * Not retried: the bytes arrived whole, so a different hash most likely means Domo's record of
 * the file is off, and downloading it again would give the same answer.
 */
async function checkHash(
	ctx: IExecuteFunctions,
	request: DownloadRequest,
	binary: IBinaryData,
	itemIndex: number,
): Promise<void> {
	if (request.sha256 === undefined) return;
	const sha256 = await storedSha256(ctx, binary);
	if (sha256 === request.sha256.toLowerCase()) return;

	throw new NodeOperationError(
		ctx.getNode(),
		`The download of ${request.label} does not match Domo's hash`,
		{
			itemIndex,
			description:
				`Domo reports SHA-256 ${request.sha256}, the received bytes have ${sha256}. ` +
				'Nothing was output.',
		},
	);
}

/**
 * Streams a file into n8n's binary store. A connection that drops mid-body, or a body shorter
 * than announced, is retried from the start; a short file is never returned, and neither is
 * one whose hash differs from the one asked for.
 */
export async function downloadFile(
	this: IExecuteFunctions,
	request: DownloadRequest,
	policy: RetryPolicy,
	itemIndex: number,
): Promise<Downloaded> {
	for (let attempt = 0; ; attempt++) {
		let downloaded: Downloaded;
		try {
			downloaded = await downloadOnce.call(this, request, policy);
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
		await checkHash(this, request, downloaded.binary, itemIndex);
		return downloaded;
	}
}
