import { notFound } from './errors';
import { contentTypeOf, joinPath } from './paths';
import type { Store } from './state';
import type { FileRecord, FileSetRecord } from './types';
import { virtualSha256 } from './virtual';

export function requireFileSet(store: Store, fileSetId: string): FileSetRecord {
	const fileSet = store.fileSets.get(fileSetId);
	if (fileSet === undefined) throw notFound(`FileSet ${fileSetId} not found`);
	return fileSet;
}

export function seedFile(
	store: Store,
	fileSetId: string,
	path: string,
	content: Buffer | string,
	contentType?: string,
): FileRecord {
	const fileSet = requireFileSet(store, fileSetId);
	const blob = store.blobs.writeSync(Buffer.isBuffer(content) ? content : Buffer.from(content));
	return store.putFile(fileSet, path, {
		source: { kind: 'disk', diskPath: blob.diskPath },
		size: blob.size,
		hash: blob.sha256,
		contentType: contentType ?? contentTypeOf(path),
	}).record;
}

export function seedVirtualFile(
	store: Store,
	fileSetId: string,
	path: string,
	size: number,
): FileRecord {
	const fileSet = requireFileSet(store, fileSetId);
	return store.putFile(fileSet, path, {
		source: { kind: 'virtual' },
		size,
		hash: virtualSha256(size),
		contentType: contentTypeOf(path),
	}).record;
}

export function seedFiles(
	store: Store,
	fileSetId: string,
	count: number,
	directory = '',
): FileRecord[] {
	const width = String(count).length;
	const files: FileRecord[] = [];
	for (let i = 1; i <= count; i++) {
		const name = `file-${String(i).padStart(width, '0')}.txt`;
		files.push(seedFile(store, fileSetId, joinPath(directory, name), `File number ${i}\n`));
	}
	return files;
}

export function seedFileSets(store: Store, count: number, namePrefix = 'FileSet'): FileSetRecord[] {
	const width = String(count).length;
	const fileSets: FileSetRecord[] = [];
	for (let i = 1; i <= count; i++) {
		const name = `${namePrefix} ${String(i).padStart(width, '0')}`;
		fileSets.push(store.createFileSet({ name }));
	}
	return fileSets;
}
