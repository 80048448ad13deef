import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getFileRef, getFileSetId, getPolicy } from '../../helpers/params';
import { domoRequest } from '../../transport/request';
import { apiPath } from '../../transport/session';
import { describeRef } from '../common/file';
import { fileLocator, fileSetIdLocator } from '../common/locators';
import { concurrencyOption, optionsCollection } from '../common/options';
import { deletedItem } from '../common/output';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('file', 'delete');

export const deleteFile: Operation = {
	concurrent: true,
	description: [
		{ ...fileSetIdLocator, displayOptions: display },
		{ ...fileLocator, displayOptions: display },
		optionsCollection([concurrencyOption], display),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const fileSetId = getFileSetId.call(this, itemIndex);
		const ref = getFileRef.call(this, itemIndex);
		const subject = `${describeRef(ref)} in FileSet "${fileSetId}"`;
		const policy = getPolicy(this, itemIndex);

		const response =
			ref.by === 'id'
				? await domoRequest.call(this, {
						method: 'DELETE',
						path: apiPath('filesets', fileSetId, 'files', ref.id),
						policy,
						subject,
					})
				: await domoRequest.call(this, {
						method: 'DELETE',
						path: apiPath('filesets', fileSetId, 'path'),
						query: { path: ref.path },
						policy,
						subject,
					});
		const what = ref.by === 'id' ? { fileSetId, id: ref.id } : { fileSetId, path: ref.path };
		return deletedItem(this, itemIndex, response, what);
	},
};
