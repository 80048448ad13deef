import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPolicy } from '../../helpers/params';
import { domoRequest } from '../../transport/request';
import { jsonItem } from '../common/output';
import { optionsCollection } from '../common/options';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('fileSet', 'create');

const CONNECTORS = ['DOMO', 'CONFLUENCE', 'GITHUB', 'GOOGLE_DRIVE', 'S3', 'SFTP', 'SHAREPOINT'];

export const create: Operation = {
	description: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Marketing Assets',
			displayOptions: display,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: display,
			options: [
				{ displayName: 'Account ID', name: 'accountId', type: 'number', default: 0 },
				{
					displayName: 'AI Enabled',
					name: 'aiEnabled',
					type: 'boolean',
					default: true,
					description: 'Whether Domo indexes the files so that Query can search their contents',
				},
				{
					displayName: 'Connector',
					name: 'connector',
					type: 'options',
					options: CONNECTORS.map((value) => ({ name: value.replace('_', ' '), value })),
					default: 'DOMO',
					description: 'Where the files come from',
				},
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
				{
					displayName: 'Relative Path',
					name: 'relativePath',
					type: 'string',
					default: '',
					description: 'The path inside the connector, such as a bucket folder. Needs a Connector.',
				},
			],
		},
		optionsCollection([], display),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
		if (name === '') {
			throw new NodeOperationError(
				this.getNode(),
				'The Name is empty. Give the new FileSet a name.',
				{
					itemIndex,
				},
			);
		}
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = { name };
		if (fields.description !== undefined) body.description = fields.description;
		if (fields.accountId !== undefined) body.accountId = fields.accountId;
		if (fields.aiEnabled !== undefined) body.aiEnabled = fields.aiEnabled;

		if (fields.relativePath && !fields.connector) {
			throw new NodeOperationError(
				this.getNode(),
				'Relative Path needs a Connector. Add the Connector field.',
				{
					itemIndex,
				},
			);
		}
		if (fields.connector) {
			body.connectorContext = {
				connector: fields.connector,
				relativePath: fields.relativePath || null,
			};
		}

		const response = await domoRequest.call(this, {
			method: 'POST',
			path: '/filesets',
			body,
			mode: 'refused',
			policy: getPolicy(this, itemIndex),
			subject: `a FileSet named "${name}"`,
			conflict: `a FileSet named "${name}" already exists`,
		});
		return jsonItem(this, itemIndex, response);
	},
};
