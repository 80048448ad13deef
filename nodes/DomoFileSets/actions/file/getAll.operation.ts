import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getFileSetId, getOptions, getPolicy, getWanted, pathParam } from '../../helpers/params';
import { collectByCursor } from '../../transport/paginate';
import { apiPath } from '../../transport/session';
import { fileSetIdLocator } from '../common/locators';
import { optionsCollection } from '../common/options';
import { jsonItems } from '../common/output';
import { buildSearchBody } from '../common/search.body';
import { filterMatchOption, searchProperties } from '../common/search.description';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('file', 'getAll');

export const getAll: Operation = {
	description: [
		{ ...fileSetIdLocator, displayOptions: display },
		{
			displayName: 'Directory Path',
			name: 'directoryPath',
			type: 'string',
			default: '',
			placeholder: 'e.g. reports/2024',
			description: 'Only list what is under this directory. Leave empty for the whole FileSet.',
			displayOptions: display,
		},
		{
			displayName: 'Immediate Children Only',
			name: 'immediateChildren',
			type: 'boolean',
			default: false,
			description:
				'Whether to list only what is directly in the directory, not in its subdirectories',
			displayOptions: display,
		},
		...searchProperties(display, 'name'),
		optionsCollection([filterMatchOption], display),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const fileSetId = getFileSetId.call(this, itemIndex);
		const directory = this.getNodeParameter('directoryPath', itemIndex, '');
		const directoryPath = pathParam(this, itemIndex, directory, 'Directory Path', true);
		const immediateChildren = this.getNodeParameter(
			'immediateChildren',
			itemIndex,
			false,
		) as boolean;
		const wanted = getWanted(this, itemIndex);
		const body = buildSearchBody.call(this, itemIndex, getOptions(this, itemIndex).filterMatch);

		const files = await collectByCursor.call(
			this,
			{
				method: 'POST',
				path: apiPath('filesets', fileSetId, 'files', 'search'),
				query: {
					directoryPath: directoryPath || undefined,
					immediateChildren: immediateChildren || undefined,
				},
				body,
				policy: getPolicy(this, itemIndex),
				subject: `FileSet "${fileSetId}"`,
			},
			'files',
			wanted,
		);
		return jsonItems(files);
	},
};
