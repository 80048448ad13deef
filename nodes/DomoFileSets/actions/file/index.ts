import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { createDirectory } from './createDirectory.operation';
import { deleteFile } from './delete.operation';
import { download } from './download.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { move } from './move.operation';
import { query } from './query.operation';
import { upload } from './upload.operation';

export const fileOperations = {
	createDirectory,
	delete: deleteFile,
	download,
	get,
	getAll,
	move,
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
				name: 'Create Directory',
				value: 'createDirectory',
				action: 'Create a directory',
				description: 'Create a directory, with any missing parents',
			},
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
				name: 'Move or Rename',
				value: 'move',
				action: 'Move or rename a file',
				description: 'Give a file or directory a new path',
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
