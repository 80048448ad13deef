import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputBinary, uploadSource } from '../../helpers/binary';
import { checkStored, reportedHash } from '../../helpers/integrity';
import type { FileRef } from '../../helpers/params';
import {
	getFileSetId,
	getOptions,
	getPolicy,
	pathParam,
	positiveInteger,
} from '../../helpers/params';
import { joinPath } from '../../helpers/paths';
import type { RetryPolicy } from '../../transport/retry';
import type { UploadTarget } from '../../transport/upload';
import { uploadFile } from '../../transport/upload';
import { fetchFile } from '../common/file';
import { fileSetIdLocator } from '../common/locators';
import { concurrencyOption, optionsCollection } from '../common/options';
import { asObject, jsonItem } from '../common/output';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('file', 'upload');
const MIB = 1024 * 1024;

export const upload: Operation = {
	concurrent: true,
	description: [
		{ ...fileSetIdLocator, displayOptions: display },
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to be uploaded',
			displayOptions: display,
		},
		{
			displayName: 'Directory Path',
			name: 'directoryPath',
			type: 'string',
			default: '',
			placeholder: 'e.g. reports/2024',
			description: 'The directory to upload into. Leave empty for the root of the FileSet.',
			displayOptions: display,
		},
		optionsCollection(
			[
				concurrencyOption,
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					description: 'The name to store the file under, instead of the input file name',
				},
				{
					displayName: 'Part Size (MiB)',
					name: 'partSize',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 256 },
					default: 8,
					description:
						'The size of each part of a split upload, and the most of the file held in memory',
				},
				{
					displayName: 'Upload Mode',
					name: 'uploadMode',
					type: 'options',
					options: [
						{
							name: 'Auto',
							value: 'auto',
							description:
								'One streamed request; a split upload only if Domo refuses that as too large',
						},
						{
							name: 'Single Request',
							value: 'single',
							description: 'Stream the whole file in one request',
						},
						{
							name: 'Split',
							value: 'split',
							description: 'Send the file in parts that are retried one by one',
						},
					],
					default: 'auto',
				},
			],
			display,
		),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const fileSetId = getFileSetId.call(this, itemIndex);
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
		const directory = this.getNodeParameter('directoryPath', itemIndex, '');
		const directoryPath = pathParam(this, itemIndex, directory, 'Directory Path', true);
		const options = getOptions(this, itemIndex);
		const policy = getPolicy(this, itemIndex);

		const binary = inputBinary(this, itemIndex, property);
		const fileName = String(options.fileName || binary.fileName || '').trim();
		if (fileName === '' || fileName.includes('/') || /^\.+$/.test(fileName)) {
			throw new NodeOperationError(
				this.getNode(),
				fileName === ''
					? `The binary field "${property}" has no file name. Set the File Name option.`
					: `The file name "${fileName}" is not usable: it may not contain "/" or be only dots. ` +
						'Put directories in Directory Path, and set the File Name option.',
				{ itemIndex },
			);
		}

		const source = await uploadSource.call(this, itemIndex, property, fileName);
		const target: UploadTarget = {
			fileSetId,
			directoryPath,
			path: joinPath(directoryPath, fileName),
		};
		const partSize = positiveInteger(this, itemIndex, options.partSize ?? 8, 'Part Size') * MIB;
		const mode = String(options.uploadMode ?? 'auto');

		const result = await uploadFile.call(this, mode, target, source, policy, partSize);

		const output = jsonItem(this, itemIndex, result.file);
		const stored = await storedRecord.call(this, fileSetId, output[0].json, policy);
		checkStored(this.getNode(), itemIndex, stored, {
			bytes: result.sentBytes,
			sha256: result.sha256,
		});
		return output;
	},
};

/**
 * The reference's upload answer has no hash, so the file's record is read back for it: an
 * upload is only reported done once Domo's SHA-256 of the stored file is the one sent.
 */
async function storedRecord(
	this: IExecuteFunctions,
	fileSetId: string,
	answer: IDataObject,
	policy: RetryPolicy,
): Promise<IDataObject> {
	if (reportedHash(answer) !== undefined || answer.id === undefined) return answer;
	const ref: FileRef = { by: 'id', id: String(answer.id) };
	return asObject(await fetchFile.call(this, fileSetId, ref, policy)) ?? answer;
}
