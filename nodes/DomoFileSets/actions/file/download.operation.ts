import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { reportedHash } from '../../helpers/integrity';
import { getFileRef, getFileSetId, getOptions, getPolicy } from '../../helpers/params';
import { downloadFile } from '../../transport/download';
import { describeRef, fetchFile, isDirectory } from '../common/file';
import { fileLocator, fileSetIdLocator } from '../common/locators';
import { concurrencyOption, optionsCollection } from '../common/options';
import { asObject, jsonItem } from '../common/output';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('file', 'download');

function capitalized(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export const download: Operation = {
	concurrent: true,
	description: [
		{ ...fileSetIdLocator, displayOptions: display },
		{ ...fileLocator, displayOptions: display },
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
			displayOptions: display,
		},
		optionsCollection(
			[
				concurrencyOption,
				{
					displayName: 'Verify Hash',
					name: 'verifyHash',
					type: 'boolean',
					default: false,
					description:
						"Whether to also compare the downloaded bytes with Domo's SHA-256 of the file, and fail on a difference. The size is always checked. Reads the file a second time.",
				},
			],
			display,
		),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const fileSetId = getFileSetId.call(this, itemIndex);
		const ref = getFileRef.call(this, itemIndex);
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		if (property === '') {
			throw new NodeOperationError(this.getNode(), 'Put Output File in Field is empty', {
				itemIndex,
				description: 'Enter the name of the binary field to put the file in, such as "data".',
			});
		}
		const options = getOptions(this, itemIndex);
		const policy = getPolicy(this, itemIndex);
		const label = describeRef(ref);

		const [{ json: file }] = jsonItem(
			this,
			itemIndex,
			await fetchFile.call(this, fileSetId, ref, policy),
		);
		if (isDirectory(file)) {
			throw new NodeOperationError(
				this.getNode(),
				`${capitalized(label)} is a directory, not a file`,
				{
					itemIndex,
					description: 'Use the File "Get Many" operation with its Directory Path to list it.',
				},
			);
		}

		const { binary } = await downloadFile.call(
			this,
			{
				fileSetId,
				fileId: String(file.id ?? (ref.by === 'id' ? ref.id : '')),
				fileName: typeof file.name === 'string' ? file.name : undefined,
				mimeType: typeof file.contentType === 'string' ? file.contentType : undefined,
				size: typeof file.size === 'number' ? file.size : undefined,
				sha256: options.verifyHash === true ? reportedHash(file) : undefined,
				label,
			},
			policy,
			itemIndex,
		);

		const input = this.getInputData()[itemIndex];
		const json: IDataObject = asObject(file) ?? {};
		return [{ json, binary: { ...(input?.binary ?? {}), [property]: binary } }];
	},
};
