import { deepCopy } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	IPairedItemData,
	NodeExecutionWithMetadata,
} from 'n8n-workflow';

export function returnJsonArray(jsonData: IDataObject | IDataObject[]): INodeExecutionData[] {
	const entries = Array.isArray(jsonData) ? jsonData : [jsonData];
	return entries.map((entry) => {
		const wrapped = entry?.json as IDataObject | undefined;
		return wrapped ? { ...entry, json: wrapped } : { json: entry };
	});
}

export function constructExecutionMetaData(
	inputData: INodeExecutionData[],
	options: { itemData: IPairedItemData | IPairedItemData[] },
): NodeExecutionWithMetadata[] {
	return inputData.map(({ json, ...rest }) => {
		return { json, pairedItem: options.itemData, ...rest } as NodeExecutionWithMetadata;
	});
}

export function copyInputItems(items: INodeExecutionData[], properties: string[]): IDataObject[] {
	return items.map((item) => {
		const copy = Object.create(null) as IDataObject;
		for (const property of properties) {
			const value = item.json[property];
			copy[property] = value === undefined ? null : deepCopy(value);
		}
		return copy;
	});
}
