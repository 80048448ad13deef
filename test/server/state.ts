import { randomUUID } from 'node:crypto';

import { conflict } from './errors';
import { baseName, fileTypeOf, isInside, normalizePath, parentOf } from './paths';
import type { BlobStore } from './storage';
import type { FileRecord, FileSetRecord, FileSource } from './types';

export const USER_ID = 111111111;

export interface FileBody {
	source: FileSource;
	size: number;
	hash: string;
	contentType: string;
}

export interface PutResult {
	record: FileRecord;
	created: boolean;
}

export const now = (): string => new Date().toISOString();

export class Store {
	readonly fileSets = new Map<string, FileSetRecord>();
	private readonly pathIndex = new Map<string, Map<string, string>>();

	constructor(readonly blobs: BlobStore) {}

	createFileSet(fields: Partial<FileSetRecord> = {}): FileSetRecord {
		const stamp = now();
		const record: FileSetRecord = {
			id: randomUUID(),
			name: `FileSet ${this.fileSets.size + 1}`,
			description: '',
			aiEnabled: false,
			indexStatus: null,
			batchType: 'INCREMENTAL',
			connector: fields.connectorContext?.connector ?? 'DOMO',
			created: stamp,
			createdBy: USER_ID,
			updated: stamp,
			updatedBy: USER_ID,
			owner: String(USER_ID),
			accountId: null,
			connectorContext: null,
			permission: 'OWNER',
			...fields,
			files: new Map(),
		};
		this.fileSets.set(record.id, record);
		this.pathIndex.set(record.id, new Map());
		return record;
	}

	deleteFileSet(fileSet: FileSetRecord): void {
		for (const file of fileSet.files.values()) this.dropBlob(file);
		this.fileSets.delete(fileSet.id);
		this.pathIndex.delete(fileSet.id);
	}

	fileByPath(fileSet: FileSetRecord, path: string): FileRecord | undefined {
		const id = this.index(fileSet).get(normalizePath(path));
		return id === undefined ? undefined : fileSet.files.get(id);
	}

	ensureDirectory(fileSet: FileSetRecord, path: string): PutResult {
		const normalized = normalizePath(path);
		const existing = this.fileByPath(fileSet, normalized);
		if (existing !== undefined) {
			if (existing.source.kind !== 'directory') {
				throw conflict(`A file already exists at path ${normalized}`);
			}
			return { record: existing, created: false };
		}

		this.ensureParents(fileSet, normalized);
		const record = this.newRecord(fileSet, normalized, {
			source: { kind: 'directory' },
			size: 0,
			hash: '',
			contentType: '',
		});
		return { record, created: true };
	}

	/** Replaces the file at path in place (its id stays), or creates it with id when given. */
	putFile(fileSet: FileSetRecord, path: string, body: FileBody, id?: string): PutResult {
		const normalized = normalizePath(path);
		const existing = this.fileByPath(fileSet, normalized);
		if (existing?.source.kind === 'directory') {
			throw conflict(`A directory already exists at path ${normalized}`);
		}
		if (existing !== undefined) {
			this.dropBlob(existing);
			Object.assign(existing, {
				source: body.source,
				size: body.size,
				hash: body.hash,
				contentType: body.contentType,
			});
			return { record: existing, created: false };
		}

		this.ensureParents(fileSet, normalized);
		return { record: this.newRecord(fileSet, normalized, body, id), created: true };
	}

	/** Removes the record and, for a directory, everything under it. */
	remove(fileSet: FileSetRecord, record: FileRecord): void {
		const doomed = [record];
		if (record.source.kind === 'directory') {
			for (const file of fileSet.files.values()) {
				if (isInside(file.path, record.path)) doomed.push(file);
			}
		}
		for (const file of doomed) {
			this.dropBlob(file);
			fileSet.files.delete(file.id);
			this.index(fileSet).delete(file.path);
		}
	}

	move(fileSet: FileSetRecord, record: FileRecord, target: string): FileRecord {
		const destination = normalizePath(target);
		if (this.fileByPath(fileSet, destination) !== undefined) {
			throw conflict(`A file already exists at path ${destination}`);
		}
		if (isInside(destination, record.path)) {
			throw conflict(`Cannot move ${record.path} into itself`);
		}

		this.ensureParents(fileSet, destination);
		const source = record.path;
		const moving = [...fileSet.files.values()].filter(
			(file) => file === record || isInside(file.path, source),
		);
		for (const file of moving) {
			this.index(fileSet).delete(file.path);
			file.path = destination + file.path.slice(source.length);
			file.name = baseName(file.path);
			this.index(fileSet).set(file.path, file.id);
		}
		return record;
	}

	private ensureParents(fileSet: FileSetRecord, path: string): void {
		const parent = parentOf(path);
		if (parent !== '') this.ensureDirectory(fileSet, parent);
	}

	private newRecord(
		fileSet: FileSetRecord,
		path: string,
		body: FileBody,
		id: string = randomUUID(),
	): FileRecord {
		const directory = body.source.kind === 'directory';
		const record: FileRecord = {
			id,
			fileSetId: fileSet.id,
			path,
			name: baseName(path),
			fileType: directory ? 'DIRECTORY' : fileTypeOf(path),
			contentType: directory ? null : body.contentType,
			size: directory ? null : body.size,
			hash: directory ? null : body.hash,
			created: now(),
			createdBy: USER_ID,
			indexStatus: 'COMPLETED',
			source: body.source,
		};
		fileSet.files.set(record.id, record);
		this.index(fileSet).set(path, record.id);
		return record;
	}

	private index(fileSet: FileSetRecord): Map<string, string> {
		let index = this.pathIndex.get(fileSet.id);
		if (index === undefined) {
			index = new Map();
			this.pathIndex.set(fileSet.id, index);
		}
		return index;
	}

	private dropBlob(file: FileRecord): void {
		if (file.source.kind === 'disk') this.blobs.remove(file.source.diskPath);
	}
}
