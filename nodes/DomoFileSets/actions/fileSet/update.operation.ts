import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getFileSetId, getPolicy } from '../../helpers/params';
import { domoRequest } from '../../transport/request';
import { apiPath } from '../../transport/session';
import { fileSetIdLocator } from '../common/locators';
import { optionsCollection } from '../common/options';
import { jsonItem } from '../common/output';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('fileSet', 'update');

export const update: Operation = {
	description: [
		{ ...fileSetIdLocator, displayOptions: display },
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: display,
			options: [
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			],
		},
		optionsCollection([], display),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const id = getFileSetId.call(this, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		if (fields.name !== undefined) body.name = String(fields.name).trim();
		if (fields.description !== undefined) body.description = fields.description;

		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				'Nothing to update. Add a Name or a Description under Update Fields.',
				{
					itemIndex,
				},
			);
		}
		if (body.name === '') {
			throw new NodeOperationError(
				this.getNode(),
				'The new Name is empty. Enter a name or remove the field.',
				{
					itemIndex,
				},
			);
		}

		const response = await domoRequest.call(this, {
			method: 'POST',
			path: apiPath('filesets', id),
			body,
			policy: getPolicy(this, itemIndex),
			subject: `FileSet "${id}"`,
		});
		return jsonItem(this, itemIndex, response);
	},
};
