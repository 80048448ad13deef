import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { fileDescription } from './actions/file';
import { fileSetDescription } from './actions/fileSet';
import { router } from './actions/router';
import { searchFiles, searchFileSets } from './methods/listSearch';

export class DomoFileSets implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Domo FileSets',
		name: 'domoFileSets',
		icon: { light: 'file:../../icons/domo.svg', dark: 'file:../../icons/domo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Domo FileSets: upload, download, list, search and query files',
		defaults: { name: 'Domo FileSets' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'domoApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'File', value: 'file' },
					{ name: 'FileSet', value: 'fileSet' },
				],
				default: 'file',
			},
			...fileDescription,
			...fileSetDescription,
		],
	};

	methods = { listSearch: { searchFileSets, searchFiles } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
