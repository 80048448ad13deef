import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	getFileSetId,
	getOptions,
	getPolicy,
	pathParam,
	positiveInteger,
} from '../../helpers/params';
import { domoRequest } from '../../transport/request';
import { apiPath } from '../../transport/session';
import { fileSetIdLocator } from '../common/locators';
import { optionsCollection } from '../common/options';
import { asObject } from '../common/output';
import type { Operation } from '../types';
import { show } from '../types';

const display = show('file', 'query');
const DEFAULT_TOP_K = 10;

/**
 * Domo answers in one of two shapes: `{id, node, score}` (the reference) or
 * `{content: {type, text | uri}, metadata: {fileId, path}, score}` (the newer spec).
 * Both become one flat item per match.
 */
export function matchItem(match: IDataObject): IDataObject {
	const node = asObject(match.node);
	if (node) return { score: match.score, fileId: node.id ?? match.id, ...node };

	const metadata = asObject(match.metadata) ?? {};
	const content = asObject(match.content) ?? {};
	const path = typeof metadata.path === 'string' ? metadata.path : undefined;
	return {
		score: match.score,
		fileId: metadata.fileId ?? match.id,
		path,
		name: path?.split('/').pop(),
		type: content.type,
		...(content.text !== undefined ? { text: content.text } : {}),
		...(content.uri !== undefined ? { uri: content.uri } : {}),
		metadata,
	};
}

export const query: Operation = {
	description: [
		{ ...fileSetIdLocator, displayOptions: display },
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. quarterly sales data',
			description:
				'What to look for in the contents of the files. Domo ranks files by meaning, not only by words.',
			displayOptions: display,
		},
		optionsCollection(
			[
				{
					displayName: 'Directory Path',
					name: 'directoryPath',
					type: 'string',
					default: '',
					placeholder: 'e.g. reports/quarterly',
					description: 'Only search files under this directory',
				},
				{
					displayName: 'Top K',
					name: 'topK',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: DEFAULT_TOP_K,
					description: 'Max number of matches to return',
				},
			],
			display,
		),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const fileSetId = getFileSetId.call(this, itemIndex);
		const text = String(this.getNodeParameter('query', itemIndex, '')).trim();
		if (text === '') {
			throw new NodeOperationError(
				this.getNode(),
				'The Query is empty. Enter what to search for.',
				{
					itemIndex,
				},
			);
		}
		const options = getOptions(this, itemIndex);
		// Sent always: the newer API would otherwise return a single match.
		const topK = positiveInteger(this, itemIndex, options.topK ?? DEFAULT_TOP_K, 'Top K');
		const body: IDataObject = { query: text, topK };
		const directoryPath = pathParam(
			this,
			itemIndex,
			options.directoryPath ?? '',
			'Directory Path',
			true,
		);
		if (directoryPath) {
			// The reference names the filter directoryPath, the newer spec pathPrefixFilter. A bare
			// prefix would also match a sibling such as "notes-old", hence the slash.
			body.directoryPath = directoryPath;
			body.pathPrefixFilter = `${directoryPath}/`;
		}

		const response = await domoRequest.call(this, {
			method: 'POST',
			path: apiPath('filesets', fileSetId, 'query'),
			body,
			policy: getPolicy(this, itemIndex),
			subject: `FileSet "${fileSetId}"`,
		});
		const matches = asObject(response)?.matches;
		if (!Array.isArray(matches)) {
			throw new NodeOperationError(
				this.getNode(),
				'Domo answered the query without a list of matches.',
				{
					itemIndex,
				},
			);
		}
		return matches.map((match) => ({ json: matchItem(asObject(match) ?? {}) }));
	},
};
