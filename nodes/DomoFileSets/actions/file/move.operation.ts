import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getFileRef, getFileSetId, getPolicy, pathParam } from '../../helpers/params';
import { domoRequest } from '../../transport/request';
import { apiPath } from '../../transport/session';
import { describeRef } from '../common/file';
import { fileLocator, fileSetIdLocator } from '../common/locators';
import { optionsCollection } from '../common/options';
import { jsonItem } from '../common/output';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('file', 'move');

export const move: Operation = {
	description: [
		{ ...fileSetIdLocator, displayOptions: display },
		{ ...fileLocator, displayOptions: display },
		{
			displayName: 'New Path',
			name: 'newPath',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. archive/2024/q1.pdf',
			description: 'The full new path of the file or directory. Change only the name to rename it.',
			displayOptions: display,
		},
		optionsCollection([], display),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const fileSetId = getFileSetId.call(this, itemIndex);
		const ref = getFileRef.call(this, itemIndex);
		const newPath = pathParam(
			this,
			itemIndex,
			this.getNodeParameter('newPath', itemIndex, ''),
			'New Path',
			false,
		);

		// Not retried after a dropped connection: a repeat of a move that happened is a 404.
		const response = await domoRequest.call(this, {
			method: 'POST',
			...(ref.by === 'id'
				? { path: apiPath('filesets', fileSetId, 'files', ref.id) }
				: { path: apiPath('filesets', fileSetId, 'path'), query: { path: ref.path } }),
			body: { path: newPath },
			mode: 'refused',
			policy: getPolicy(this, itemIndex),
			subject: `the path "${newPath}"`,
			missing: `${describeRef(ref)} in FileSet "${fileSetId}"`,
			conflict: `the path "${newPath}" already exists`,
		});
		return jsonItem(this, itemIndex, response);
	},
};
