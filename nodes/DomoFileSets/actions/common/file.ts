import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FileRef } from '../../helpers/params';
import type { RetryPolicy } from '../../transport/retry';
import { domoRequest } from '../../transport/request';
import { apiPath } from '../../transport/session';

export function describeRef(ref: FileRef): string {
	return ref.by === 'id' ? `the file with ID "${ref.id}"` : `the file at path "${ref.path}"`;
}

/** Gets a file's metadata by id or by path. */
export async function fetchFile(
	this: IExecuteFunctions,
	fileSetId: string,
	ref: FileRef,
	policy: RetryPolicy,
): Promise<unknown> {
	const subject = `${describeRef(ref)} in FileSet "${fileSetId}"`;
	if (ref.by === 'id') {
		return await domoRequest.call(this, {
			method: 'GET',
			path: apiPath('filesets', fileSetId, 'files', ref.id),
			policy,
			subject,
		});
	}
	return await domoRequest.call(this, {
		method: 'GET',
		path: apiPath('filesets', fileSetId, 'path'),
		query: { path: ref.path },
		policy,
		subject,
	});
}

export function isDirectory(file: IDataObject): boolean {
	return file.fileType === 'DIRECTORY';
}
