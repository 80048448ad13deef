import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getFileRef, getFileSetId, getPolicy } from '../../helpers/params';
import { fetchFile } from '../common/file';
import { fileLocator, fileSetIdLocator } from '../common/locators';
import { concurrencyOption, optionsCollection } from '../common/options';
import { jsonItem } from '../common/output';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('file', 'get');

export const get: Operation = {
	concurrent: true,
	description: [
		{ ...fileSetIdLocator, displayOptions: display },
		{ ...fileLocator, displayOptions: display },
		optionsCollection([concurrencyOption], display),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const fileSetId = getFileSetId.call(this, itemIndex);
		const ref = getFileRef.call(this, itemIndex);
		const file = await fetchFile.call(this, fileSetId, ref, getPolicy(this, itemIndex));
		return jsonItem(this, itemIndex, file);
	},
};
