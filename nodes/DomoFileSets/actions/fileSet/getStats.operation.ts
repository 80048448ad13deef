import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getFileSetId, getPolicy } from '../../helpers/params';
import { domoRequest } from '../../transport/request';
import { apiPath } from '../../transport/session';
import { fileSetIdLocator } from '../common/locators';
import { optionsCollection } from '../common/options';
import { jsonItem } from '../common/output';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('fileSet', 'getStats');

export const getStats: Operation = {
	description: [{ ...fileSetIdLocator, displayOptions: display }, optionsCollection([], display)],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const id = getFileSetId.call(this, itemIndex);
		const response = await domoRequest.call(this, {
			method: 'GET',
			path: apiPath('filesets', id, 'stats'),
			policy: getPolicy(this, itemIndex),
			subject: `FileSet "${id}"`,
		});
		return jsonItem(this, itemIndex, response);
	},
};
