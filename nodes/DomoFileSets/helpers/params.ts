import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RetryPolicy } from '../transport/retry';
import { DEFAULT_POLICY } from '../transport/retry';
import { pathProblem } from './paths';

export type FileRef = { by: 'id'; id: string } | { by: 'path'; path: string };

const FILESET_URL = /\/filesets?\/([0-9a-zA-Z][0-9a-zA-Z_-]*)/i;

function fail(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

function locatorOf(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
): INodeParameterResourceLocator {
	const raw = ctx.getNodeParameter(name, itemIndex, undefined, { extractValue: false });
	if (raw && typeof raw === 'object' && '__rl' in raw) return raw as INodeParameterResourceLocator;
	return { __rl: true, mode: 'id', value: typeof raw === 'string' ? raw : '' };
}

function textOf(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** The FileSet id from the `fileSetId` locator, in any of its modes. */
export function getFileSetId(this: IExecuteFunctions, itemIndex: number): string {
	const locator = locatorOf(this, 'fileSetId', itemIndex);
	const value = textOf(locator.value);
	if (value === '') {
		fail(
			this,
			itemIndex,
			'The FileSet is empty. Choose a FileSet from the list, or enter its ID or URL.',
		);
	}
	if (locator.mode !== 'url') return checkedId(this, itemIndex, value, 'FileSet ID');

	const id = FILESET_URL.exec(value)?.[1];
	if (!/^https?:\/\//i.test(value) || !id) {
		fail(
			this,
			itemIndex,
			`"${value}" is not a Domo FileSet URL. Open the FileSet in Domo and copy the address, ` +
				'which contains "/filesets/<id>", or switch the FileSet field to "By ID".',
		);
	}
	return id;
}

/** The file from the `file` locator: by id (list or ID mode) or by path. */
export function getFileRef(this: IExecuteFunctions, itemIndex: number): FileRef {
	const locator = locatorOf(this, 'file', itemIndex);
	const value = textOf(locator.value);
	if (locator.mode === 'path')
		return { by: 'path', path: pathParam(this, itemIndex, value, 'File Path', false) };

	if (value === '') {
		fail(
			this,
			itemIndex,
			'The File is empty. Choose a file from the list, or enter its ID or path.',
		);
	}
	return { by: 'id', id: checkedId(this, itemIndex, value, 'File ID') };
}

/** An id goes into the URL path, where "." and ".." would name another resource. */
function checkedId(ctx: IExecuteFunctions, itemIndex: number, id: string, label: string): string {
	if (/^\.+$/.test(id) || /[/\\?#]/.test(id)) {
		fail(
			ctx,
			itemIndex,
			`${label} "${id}" is not a valid ID. Copy the ID from Domo or pick from the list.`,
		);
	}
	return id;
}

export function pathParam(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	allowEmpty: boolean,
): string {
	const path = (typeof value === 'string' ? value : String(value ?? '')).trim();
	const problem = pathProblem(path, label, allowEmpty);
	if (problem) fail(ctx, itemIndex, problem);
	return path;
}

export function getOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

function wholeNumber(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	min: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min) {
		fail(
			ctx,
			itemIndex,
			`${label} must be a whole number of at least ${min}, not "${String(value)}".`,
		);
	}
	return number;
}

export function positiveInteger(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): number {
	return wholeNumber(ctx, itemIndex, value, label, 1);
}

/** Retry and timeout limits from the operation's options, with the defaults the README gives. */
export function getPolicy(ctx: IExecuteFunctions, itemIndex: number): RetryPolicy {
	const options = getOptions(ctx, itemIndex);
	const read = (key: string, fallback: number, label: string, min: number) =>
		options[key] === undefined ? fallback : wholeNumber(ctx, itemIndex, options[key], label, min);

	return {
		maxRetries: read('maxRetries', DEFAULT_POLICY.maxRetries, 'Max Retries', 0),
		maxWaitMs: read('maxRetryWait', DEFAULT_POLICY.maxWaitMs / 1000, 'Max Retry Wait', 0) * 1000,
		timeoutMs: read('timeout', DEFAULT_POLICY.timeoutMs / 1000, 'Timeout', 1) * 1000,
	};
}

/** Return All, or the Limit, checked. `undefined` means all. */
export function getWanted(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return positiveInteger(ctx, itemIndex, ctx.getNodeParameter('limit', itemIndex, 50), 'Limit');
}
