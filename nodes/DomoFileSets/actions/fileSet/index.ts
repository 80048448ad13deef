import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { create } from './create.operation';
import { deleteFileSet } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getStats } from './getStats.operation';
import { update } from './update.operation';

export const fileSetOperations = {
	create,
	delete: deleteFileSet,
	get,
	getAll,
	getStats,
	update,
} satisfies Record<string, Operation>;

export const fileSetDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['fileSet'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a file set',
				description: 'Create a FileSet',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a file set',
				description: 'Delete a FileSet',
			},
			{ name: 'Get', value: 'get', action: 'Get a file set', description: 'Get a FileSet by ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many file sets',
				description: 'Search FileSets, with filters and sorting',
			},
			{
				name: 'Get Statistics',
				value: 'getStats',
				action: 'Get file set statistics',
				description: 'Count the files of a FileSet by type and by index status',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a file set',
				description: 'Rename a FileSet or change its description',
			},
		],
		default: 'getAll',
	},
	...Object.values(fileSetOperations).flatMap((operation) => operation.description),
];
