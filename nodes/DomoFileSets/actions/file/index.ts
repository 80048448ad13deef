import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { deleteFile } from './delete.operation';
import { download } from './download.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { query } from './query.operation';
import { upload } from './upload.operation';

export const fileOperations = {
	delete: deleteFile,
	download,
	get,
	getAll,
	query,
	upload,
} satisfies Record<string, Operation>;

export const fileDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a file',
				description: 'Delete a file by ID or path',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a file',
				description: 'Download a file into a binary field',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a file',
				description: "Get a file's details by ID or path",
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many files',
				description: 'List and search the files and directories of a FileSet',
			},
			{
				name: 'Query',
				value: 'query',
				action: 'Query files',
				description: 'Search the contents of the files by meaning',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file',
				description: 'Upload a binary file to a FileSet',
			},
		],
		default: 'upload',
	},
	...Object.values(fileOperations).flatMap((operation) => operation.description),
];
