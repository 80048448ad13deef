import { createHash } from 'node:crypto';

import type { FileRecord, FileSetRecord, JsonObject } from './types';

export interface FileView {
	baseUrl: string;
	wrongHash: boolean;
}

export function fileSetTotals(fileSet: FileSetRecord): { size: number; fileCount: number } {
	let size = 0;
	let fileCount = 0;
	for (const file of fileSet.files.values()) {
		if (file.source.kind === 'directory') continue;
		size += file.size ?? 0;
		fileCount += 1;
	}
	return { size, fileCount };
}

export function fileSetJson(fileSet: FileSetRecord): JsonObject {
	const { files: _files, connectorContext, ...fields } = fileSet;
	const context: JsonObject | null =
		connectorContext === null
			? null
			: {
					connector: connectorContext.connector,
					relativePath: connectorContext.relativePath ?? null,
				};
	return { ...fields, connectorContext: context, ...fileSetTotals(fileSet) };
}

export function downloadUrl(baseUrl: string, file: FileRecord): string {
	return `${baseUrl}/api/files/v1/filesets/${file.fileSetId}/files/${file.id}/download`;
}

// A different but well-formed digest, so clients must compare rather than just parse it.
function spoil(hash: string): string {
	return createHash('sha256').update(`spoiled:${hash}`).digest('hex');
}

export function fileJson(file: FileRecord, view: FileView): JsonObject {
	const directory = file.source.kind === 'directory';
	const hash = file.hash !== null && view.wrongHash ? spoil(file.hash) : file.hash;
	return {
		id: file.id,
		path: file.path,
		name: file.name,
		fileType: file.fileType,
		contentType: file.contentType,
		size: file.size,
		hash,
		hashAlgorithm: directory ? null : 'SHA_256_HEX',
		downloadUrl: directory ? null : downloadUrl(view.baseUrl, file),
		created: file.created,
		createdBy: file.createdBy,
		connectorKey: null,
		indexStatus: file.indexStatus,
		indexReason: null,
	};
}
