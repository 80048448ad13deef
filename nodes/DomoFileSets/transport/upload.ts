import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { UploadSource } from '../helpers/binary';
import { asNodeError } from './errors';
import { bufferPart, inParts, jsonPart, StreamingForm } from './multipart';
import { domoRequest } from './request';
import type { RetryPolicy } from './retry';
import { apiPath } from './session';

export interface UploadTarget {
	fileSetId: string;
	directoryPath: string;
	/** The file's full path in the FileSet, for messages and the split upload. */
	path: string;
}

export interface UploadResult {
	file: unknown;
	sentBytes: number;
	sha256: string;
}

// A streamed body is sent before Domo can answer, so the time to send it is added to the
// timeout, assuming at worst 1 MiB/s.
function uploadTimeout(policy: RetryPolicy, bytes: number): RetryPolicy {
	return { ...policy, timeoutMs: policy.timeoutMs + Math.ceil(bytes / 1048576) * 1000 };
}

/** One multipart request whose file part streams from n8n's binary store. */
export async function uploadSingle(
	this: IExecuteFunctions,
	target: UploadTarget,
	source: UploadSource,
	policy: RetryPolicy,
): Promise<UploadResult> {
	const sent = { bytes: 0, sha256: '' };

	const body = async () => {
		const stream = await source.open();
		const form = new StreamingForm();
		form.append('file', {
			name: source.fileName,
			type: source.mimeType,
			size: source.size,
			async *stream() {
				const hash = createHash('sha256');
				let bytes = 0;
				for await (const chunk of stream) {
					hash.update(chunk);
					bytes += chunk.length;
					yield chunk;
				}
				Object.assign(sent, { bytes, sha256: hash.digest('hex') });
			},
		});
		form.append('createFileRequest', jsonPart({ directoryPath: target.directoryPath }));
		return form;
	};

	const file = await domoRequest.call(this, {
		method: 'POST',
		path: apiPath('filesets', target.fileSetId, 'files'),
		body,
		policy: uploadTimeout(policy, source.size),
		subject: `the file "${target.path}"`,
		missing: `FileSet "${target.fileSetId}"`,
		conflict: `the file "${target.path}" already exists and may not be replaced`,
	});
	return { file, sentBytes: sent.bytes, sha256: sent.sha256 };
}

/**
 * A 405, or a 404 while the FileSet itself exists, means the instance has no split upload.
 * A 404 for a FileSet that is not there must stay an error about the FileSet.
 */
async function isMissingEndpoint(
	this: IExecuteFunctions,
	error: unknown,
	fileSetId: string,
	policy: RetryPolicy,
): Promise<boolean> {
	if (!(error instanceof NodeApiError)) return false;
	if (error.httpCode === '405') return true;
	if (error.httpCode !== '404') return false;

	await domoRequest.call(this, {
		method: 'GET',
		path: apiPath('filesets', fileSetId),
		policy,
		subject: `FileSet "${fileSetId}"`,
	});
	return true;
}

/**
 * Domo's split upload: start, send parts of `partSize` bytes, finish. Only one part is held
 * in memory at a time, and each part can be retried on its own. Returns undefined when the
 * instance has no split endpoints, so the caller can fall back to a single request.
 */
export async function uploadSplit(
	this: IExecuteFunctions,
	target: UploadTarget,
	source: UploadSource,
	policy: RetryPolicy,
	partSize: number,
): Promise<UploadResult | undefined> {
	const base = ['filesets', target.fileSetId, 'files', 'multipart'];
	const subject = `the file "${target.path}"`;
	let started: unknown;
	try {
		started = await domoRequest.call(this, {
			method: 'POST',
			path: apiPath(...base),
			body: { path: target.path, contentType: source.mimeType },
			mode: 'refused',
			policy,
			subject,
			missing: `FileSet "${target.fileSetId}"`,
			conflict: `${subject} already exists and may not be replaced`,
		});
	} catch (error) {
		if (await isMissingEndpoint.call(this, error, target.fileSetId, policy)) return undefined;
		throw asNodeError(this.getNode(), error);
	}

	const startedFile = ((started as IDataObject | undefined)?.file ?? started) as
		| IDataObject
		| undefined;
	const uploadId = String(startedFile?.id ?? '');
	if (uploadId === '') throw new Error('Domo started a split upload without giving it an id');

	try {
		return await sendParts.call(this, [...base, uploadId], source, policy, partSize, subject);
	} catch (error) {
		await abortUpload.call(this, [...base, uploadId, 'abort'], policy);
		throw asNodeError(this.getNode(), error);
	}
}

async function sendParts(
	this: IExecuteFunctions,
	upload: string[],
	source: UploadSource,
	policy: RetryPolicy,
	partSize: number,
	subject: string,
): Promise<UploadResult> {
	const hash = createHash('sha256');
	let bytes = 0;
	let partNumber = 0;

	for await (const part of inParts(await source.open(), partSize)) {
		hash.update(part);
		bytes += part.length;
		partNumber++;
		await domoRequest.call(this, {
			method: 'POST',
			path: apiPath(...upload, 'part', String(partNumber)),
			body: async () => {
				const form = new StreamingForm();
				form.append('part', bufferPart(part, 'application/octet-stream', source.fileName));
				return form;
			},
			policy: uploadTimeout(policy, part.length),
			subject,
		});
	}

	const file = await domoRequest.call(this, {
		method: 'POST',
		path: apiPath(...upload, 'finalize'),
		body: {},
		mode: 'refused',
		policy,
		subject,
	});
	return { file, sentBytes: bytes, sha256: hash.digest('hex') };
}

async function abortUpload(
	this: IExecuteFunctions,
	path: string[],
	policy: RetryPolicy,
): Promise<void> {
	try {
		await domoRequest.call(this, { method: 'POST', path: apiPath(...path), body: {}, policy });
	} catch (error) {
		// The upload has already failed; a failed abort must not hide why.
		this.logger.debug(`Could not abort the split upload: ${(error as Error).message}`);
	}
}

function isTooLarge(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '413';
}

/**
 * Sends the file the way the Upload Mode asks. Auto streams one request, the fastest route
 * with flat memory, and turns to a split upload only when Domo, or a proxy in front of it,
 * refuses that request as too large.
 */
export async function uploadFile(
	this: IExecuteFunctions,
	mode: string,
	target: UploadTarget,
	source: UploadSource,
	policy: RetryPolicy,
	partSize: number,
): Promise<UploadResult> {
	// Domo refuses to finish a split upload with no parts, so an empty file goes in one request.
	if (mode === 'split' && source.size > 0) {
		const split = await uploadSplit.call(this, target, source, policy, partSize);
		if (split) return split;
		this.logger.debug('Domo has no split upload here; sending one request instead');
		return await uploadSingle.call(this, target, source, policy);
	}

	try {
		return await uploadSingle.call(this, target, source, policy);
	} catch (error) {
		const retrySplit = mode === 'auto' && isTooLarge(error) && source.size > partSize;
		const split = retrySplit
			? await uploadSplit.call(this, target, source, policy, partSize)
			: undefined;
		if (!split) throw asNodeError(this.getNode(), error);
		return split;
	}
}
