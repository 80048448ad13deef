import type { INodeProperties } from 'n8n-workflow';

export const fileSetIdLocator: INodeProperties = {
	displayName: 'FileSet',
	name: 'fileSetId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The FileSet to work with',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a FileSet...',
			typeOptions: { searchListMethod: 'searchFileSets', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 6fbf49f2-b1eb-4dd9-b1ea-4a477480965b',
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder:
				'e.g. https://acme.domo.com/datacenter/filesets/6fbf49f2-b1eb-4dd9-b1ea-4a477480965b',
			extractValue: { type: 'regex', regex: '/filesets?/([0-9a-zA-Z][0-9a-zA-Z_-]*)' },
		},
	],
};

export const fileLocator: INodeProperties = {
	displayName: 'File',
	name: 'file',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The file, chosen from the list, by ID or by its path in the FileSet',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a file...',
			typeOptions: { searchListMethod: 'searchFiles', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 00000000-0000-0000-0000-000000000002',
		},
		{
			displayName: 'By Path',
			name: 'path',
			type: 'string',
			placeholder: 'e.g. reports/quarterly/Q2-2024-sales.pdf',
		},
	],
};
