import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
	/** Whether items may run in parallel when the Concurrency option asks for it. */
	concurrent?: boolean;
}

export type DisplayOptions = INodeProperties['displayOptions'];

export function show(resource: string, operation: string): DisplayOptions {
	return { show: { resource: [resource], operation: [operation] } };
}

export function withDisplay(
	properties: INodeProperties[],
	display: DisplayOptions,
): INodeProperties[] {
	return properties.map((property) => ({ ...property, displayOptions: display }));
}
