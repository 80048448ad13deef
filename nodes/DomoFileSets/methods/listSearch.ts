import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PAGE_SIZE } from '../transport/paginate';
import { domoRequest } from '../transport/request';
import { apiPath } from '../transport/session';

function nameFilter(filter: string | undefined): IDataObject {
	const text = filter?.trim();
	return text ? { filters: [{ field: 'name', operator: 'LIKE', value: [text], not: false }] } : {};
}

function listOf(response: unknown, key: string): IDataObject[] {
	const list = (response as IDataObject | undefined)?.[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

export async function searchFileSets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const response = await domoRequest.call(this, {
		method: 'POST',
		path: '/filesets/search',
		query: { limit: PAGE_SIZE, offset },
		body: nameFilter(filter),
	});

	const fileSets = listOf(response, 'fileSets');
	const total = (response as IDataObject).pageContext as IDataObject | undefined;
	const known = Number(total?.total ?? total?.totalCount ?? NaN);
	const more = fileSets.length === PAGE_SIZE && !(offset + fileSets.length >= known);
	return {
		results: fileSets.map((fileSet) => ({
			name: String(fileSet.name ?? fileSet.id),
			value: String(fileSet.id),
		})),
		paginationToken: more ? String(offset + fileSets.length) : undefined,
	};
}

export async function searchFiles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const fileSetId = this.getCurrentNodeParameter('fileSetId', { extractValue: true });
	if (typeof fileSetId !== 'string' || fileSetId.trim() === '') return { results: [] };

	const response = await domoRequest.call(this, {
		method: 'POST',
		path: apiPath('filesets', fileSetId.trim(), 'files', 'search'),
		query: { limit: PAGE_SIZE, next: paginationToken },
		body: nameFilter(filter),
	});

	const files = listOf(response, 'files');
	const next = ((response as IDataObject).pageContext as IDataObject | undefined)?.next;
	const more =
		files.length > 0 && typeof next === 'string' && next !== '' && next !== paginationToken;
	return {
		results: files.map((file) => ({
			name: `${String(file.path ?? file.name)}${file.fileType === 'DIRECTORY' ? ' (directory)' : ''}`,
			value: String(file.id),
		})),
		paginationToken: more ? next : undefined,
	};
}
