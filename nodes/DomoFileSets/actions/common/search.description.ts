import type { INodeProperties } from 'n8n-workflow';

type DisplayOptions = INodeProperties['displayOptions'];

const OPERATORS = [
	{ name: 'Equals', value: 'EQUALS' },
	{ name: 'Greater Than', value: 'GREATER_THAN' },
	{ name: 'Greater Than or Equal', value: 'GREATER_THAN_OR_EQUAL' },
	{ name: 'In (Comma-Separated List)', value: 'IN' },
	{ name: 'Is Null', value: 'IS_NULL' },
	{ name: 'Less Than', value: 'LESS_THAN' },
	{ name: 'Less Than or Equal', value: 'LESS_THAN_OR_EQUAL' },
	{ name: 'Like (Contains)', value: 'LIKE' },
];

/** Return All, Limit, filters, sort and date filters, shared by both Get Many operations. */
export function searchProperties(
	displayOptions: DisplayOptions,
	sample: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { ...displayOptions, show: { ...displayOptions?.show, returnAll: [false] } },
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Filter',
			default: {},
			description: 'Only results that match every filter are returned',
			displayOptions,
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{
							displayName: 'Field',
							name: 'field',
							type: 'string',
							default: 'name',
							placeholder: sample,
							description: 'The field to compare, such as name, description or created',
						},
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: OPERATORS,
							default: 'LIKE',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'For "In", separate the values with commas. Not used by "Is Null".',
						},
						{
							displayName: 'Negate',
							name: 'not',
							type: 'boolean',
							default: false,
							description: 'Whether to return the results that do not match instead',
						},
					],
				},
			],
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Sort Field',
			default: {},
			displayOptions,
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Field',
							name: 'field',
							type: 'string',
							default: 'name',
						},
						{
							displayName: 'Order',
							name: 'order',
							type: 'options',
							options: [
								{ name: 'Ascending', value: 'ASC' },
								{ name: 'Descending', value: 'DESC' },
							],
							default: 'ASC',
						},
					],
				},
			],
		},
		{
			displayName: 'Date Filters',
			name: 'dateFilters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Date Filter',
			default: {},
			description: 'Dates are inclusive. Set a start, an end or both.',
			displayOptions,
			options: [
				{
					displayName: 'Date Filter',
					name: 'dateFilter',
					values: [
						{
							displayName: 'Field',
							name: 'field',
							type: 'string',
							default: 'created',
						},
						{
							displayName: 'Start',
							name: 'start',
							type: 'dateTime',
							default: '',
						},
						{
							displayName: 'End',
							name: 'end',
							type: 'dateTime',
							default: '',
						},
						{
							displayName: 'Negate',
							name: 'not',
							type: 'boolean',
							default: false,
							description: 'Whether to return the results outside the range instead',
						},
					],
				},
			],
		},
	];
}

export const filterMatchOption: INodeProperties = {
	displayName: 'Match Filters',
	name: 'filterMatch',
	type: 'options',
	options: [
		{ name: 'All Filters', value: 'all' },
		{ name: 'Any Filter', value: 'any' },
	],
	default: 'all',
	description: 'Whether a result must match every filter or at least one',
};
