import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getFileSetId, getPolicy, pathParam } from '../../helpers/params';
import { jsonPart, StreamingForm } from '../../transport/multipart';
import { domoRequest } from '../../transport/request';
import { apiPath } from '../../transport/session';
import { fileSetIdLocator } from '../common/locators';
import { optionsCollection } from '../common/options';
import { jsonItem } from '../common/output';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('file', 'createDirectory');

export const createDirectory: Operation = {
	description: [
		{ ...fileSetIdLocator, displayOptions: display },
		{
			displayName: 'Directory Path',
			name: 'directoryPath',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. reports/2025',
			description: 'The directory to create. Missing parent directories are created too.',
			displayOptions: display,
		},
		optionsCollection([], display),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const fileSetId = getFileSetId.call(this, itemIndex);
		const value = this.getNodeParameter('directoryPath', itemIndex, '');
		const directoryPath = pathParam(this, itemIndex, value, 'Directory Path', false);

		// An upload request with no file part creates the directory; one that exists is kept.
		const response = await domoRequest.call(this, {
			method: 'POST',
			path: apiPath('filesets', fileSetId, 'files'),
			body: async () => {
				const form = new StreamingForm();
				form.append('createFileRequest', jsonPart({ directoryPath }));
				return form;
			},
			policy: getPolicy(this, itemIndex),
			subject: `the directory "${directoryPath}"`,
			missing: `FileSet "${fileSetId}"`,
		});
		return jsonItem(this, itemIndex, response);
	},
};
