import type { FileType } from './types';

const TYPES: Record<string, { fileType: FileType; contentType: string }> = {
	txt: { fileType: 'TEXT', contentType: 'text/plain' },
	csv: { fileType: 'TEXT', contentType: 'text/csv' },
	md: { fileType: 'TEXT', contentType: 'text/markdown' },
	json: { fileType: 'TEXT', contentType: 'application/json' },
	pdf: { fileType: 'DOCUMENT', contentType: 'application/pdf' },
	docx: {
		fileType: 'DOCUMENT',
		contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	},
	png: { fileType: 'IMAGE', contentType: 'image/png' },
	jpg: { fileType: 'IMAGE', contentType: 'image/jpeg' },
	jpeg: { fileType: 'IMAGE', contentType: 'image/jpeg' },
};

function extension(path: string): string {
	const name = baseName(path);
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function fileTypeOf(path: string): FileType {
	return TYPES[extension(path)]?.fileType ?? 'OTHER';
}

export function contentTypeOf(path: string): string {
	return TYPES[extension(path)]?.contentType ?? 'application/octet-stream';
}

/** Drops leading, trailing and doubled slashes: '/a//b/' becomes 'a/b'. */
export function normalizePath(path: string): string {
	return path
		.split('/')
		.filter((segment) => segment !== '')
		.join('/');
}

export function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

export function parentOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

export function joinPath(directory: string, name: string): string {
	return normalizePath(directory === '' ? name : `${directory}/${name}`);
}

export function isInside(path: string, directory: string): boolean {
	return directory === '' || path.startsWith(`${directory}/`);
}
