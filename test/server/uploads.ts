import { badRequest, notFound } from './errors';
import type { BlobStore, StoredBlob } from './storage';

export interface PendingUpload {
	fileId: string;
	fileSetId: string;
	path: string;
	contentType: string | null;
	parts: Map<number, StoredBlob>;
}

/** Split uploads between start and finalize; each part already sits on disk. */
export class SplitUploads {
	private readonly pending = new Map<string, PendingUpload>();

	constructor(private readonly blobs: BlobStore) {}

	start(upload: Omit<PendingUpload, 'parts'>): PendingUpload {
		const previous = this.pending.get(upload.fileId);
		if (previous !== undefined) this.discard(previous);
		const created = { ...upload, parts: new Map<number, StoredBlob>() };
		this.pending.set(upload.fileId, created);
		return created;
	}

	get(fileSetId: string, fileId: string): PendingUpload {
		const upload = this.pending.get(fileId);
		if (upload === undefined || upload.fileSetId !== fileSetId) {
			throw notFound(`No upload in progress for file ${fileId}`);
		}
		return upload;
	}

	putPart(upload: PendingUpload, partNumber: number, blob: StoredBlob): void {
		const previous = upload.parts.get(partNumber);
		if (previous !== undefined) this.blobs.remove(previous.diskPath);
		upload.parts.set(partNumber, blob);
	}

	/** The parts in order; a missing part number is a client error. */
	orderedParts(upload: PendingUpload): StoredBlob[] {
		if (upload.parts.size === 0) throw badRequest(`Upload ${upload.fileId} has no parts`);
		const ordered: StoredBlob[] = [];
		for (let n = 1; n <= upload.parts.size; n++) {
			const part = upload.parts.get(n);
			if (part === undefined) throw badRequest(`Upload ${upload.fileId} is missing part ${n}`);
			ordered.push(part);
		}
		return ordered;
	}

	discard(upload: PendingUpload): void {
		for (const part of upload.parts.values()) this.blobs.remove(part.diskPath);
		this.pending.delete(upload.fileId);
	}
}
