import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getOptions, getPolicy, getWanted } from '../../helpers/params';
import { collectByOffset } from '../../transport/paginate';
import { optionsCollection } from '../common/options';
import { jsonItems } from '../common/output';
import { filterMatchOption, searchProperties } from '../common/search.description';
import { buildSearchBody } from '../common/search.body';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('fileSet', 'getAll');

export const getAll: Operation = {
	description: [
		...searchProperties(display, 'name'),
		optionsCollection([filterMatchOption], display),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const wanted = getWanted(this, itemIndex);
		const body: IDataObject = buildSearchBody.call(
			this,
			itemIndex,
			getOptions(this, itemIndex).filterMatch,
		);
		const fileSets = await collectByOffset.call(
			this,
			{ method: 'POST', path: '/filesets/search', body, policy: getPolicy(this, itemIndex) },
			'fileSets',
			wanted,
		);
		return jsonItems(fileSets);
	},
};
