import type { INodeProperties } from 'n8n-workflow';

/** Retry and timeout limits, offered in every operation's Options. */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 5,
		description:
			'How many times to retry after a rate limit (429), a server error or a dropped connection',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 120,
		description:
			'The longest wait between retries. When Domo asks for a longer wait (Retry-After), the item fails instead.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: 'How long to wait for Domo to start answering each request',
	},
];

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 16 },
	default: 1,
	description:
		'How many items to process at the same time. Output order is kept. A rate limit slows every worker down.',
};

export function optionsCollection(
	extra: INodeProperties[],
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions,
		options: [...extra, ...requestOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}
