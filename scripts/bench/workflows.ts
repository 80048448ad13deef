import { randomUUID } from 'node:crypto';

import type { IConnections, IDataObject, INode } from 'n8n-workflow';

import type { WorkflowJson } from '../../test/e2e/host';
import { newWorkflowId } from '../../test/e2e/imports';

export const DOMO_NODE = 'Domo FileSets';
export const HTTP_NODE = 'HTTP Request';
export const READ_NODE = 'Read File';

export interface Credentials {
	domo: { id: string; name: string };
	header: { id: string; name: string };
}

export interface Target {
	baseUrl: string;
	fileSetId: string;
}

type NodeSpec = Omit<INode, 'id' | 'position'>;

export type BenchWorkflow = WorkflowJson & { id: string };

function chain(name: string, specs: NodeSpec[]): BenchWorkflow {
	const trigger: NodeSpec = {
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		parameters: {},
	};
	const all = [trigger, ...specs];
	const nodes: INode[] = all.map((spec, index) => ({
		...spec,
		id: randomUUID(),
		position: [index * 220, 0],
	}));
	const connections: IConnections = {};
	for (let index = 1; index < all.length; index++) {
		connections[all[index - 1].name] = {
			main: [[{ node: all[index].name, type: 'main', index: 0 }]],
		};
	}
	return { id: newWorkflowId(), name: `bench: ${name}`, nodes, connections };
}

function locator(value: string): IDataObject {
	return { __rl: true, mode: 'id', value };
}

function domo(credentials: Credentials, parameters: IDataObject): NodeSpec {
	return {
		name: DOMO_NODE,
		type: 'n8n-nodes-domo-filesets.domoFileSets',
		typeVersion: 1,
		parameters: { resource: 'file', ...parameters },
		credentials: { domoApi: credentials.domo },
	};
}

// A Header Auth credential, as a user would set up the HTTP Request node for Domo.
function http(credentials: Credentials, parameters: IDataObject): NodeSpec {
	return {
		name: HTTP_NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			...parameters,
		},
		credentials: { httpHeaderAuth: credentials.header },
	};
}

function readFile(path: string): NodeSpec {
	return {
		name: READ_NODE,
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		parameters: { operation: 'read', fileSelector: path, options: {} },
	};
}

export function apiUrl(target: Target, ...segments: string[]): string {
	const path = ['filesets', target.fileSetId, ...segments].map(encodeURIComponent).join('/');
	return `${target.baseUrl}/api/files/v1/${path}`;
}

export function idleWorkflow(): BenchWorkflow {
	return chain('idle', [
		{ name: 'Nothing', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
	]);
}

/** `verifyHash` undefined leaves the option unset, so the node's default applies. */
export function domoDownload(c: Credentials, t: Target, fileId: string, verifyHash?: boolean) {
	return chain(`download ${fileId} verify ${String(verifyHash ?? 'default')}`, [
		domo(c, {
			operation: 'download',
			fileSetId: locator(t.fileSetId),
			file: locator(fileId),
			binaryPropertyName: 'data',
			options: verifyHash === undefined ? {} : { verifyHash },
		}),
	]);
}

export function httpDownload(c: Credentials, t: Target, fileId: string): BenchWorkflow {
	return chain(`HTTP download ${fileId}`, [
		http(c, {
			method: 'GET',
			url: apiUrl(t, 'files', fileId, 'download'),
			options: { response: { response: { responseFormat: 'file' } } },
		}),
	]);
}

export function readOnly(path: string): BenchWorkflow {
	return chain(`read ${path}`, [readFile(path)]);
}

export function domoUpload(c: Credentials, t: Target, path: string, uploadMode: string) {
	return chain(`upload ${path} ${uploadMode}`, [
		readFile(path),
		domo(c, {
			operation: 'upload',
			fileSetId: locator(t.fileSetId),
			binaryPropertyName: 'data',
			directoryPath: '',
			options: { uploadMode, partSize: 8 },
		}),
	]);
}

export function httpUpload(c: Credentials, t: Target, path: string): BenchWorkflow {
	const file = { parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' };
	const request = {
		parameterType: 'formData',
		name: 'createFileRequest',
		value: '{"directoryPath":""}',
	};
	return chain(`HTTP upload ${path}`, [
		readFile(path),
		http(c, {
			method: 'POST',
			url: apiUrl(t, 'files'),
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: { parameters: [file, request] },
			options: {},
		}),
	]);
}

export function domoList(c: Credentials, t: Target, limit: number | undefined): BenchWorkflow {
	const wanted = limit === undefined ? { returnAll: true } : { returnAll: false, limit };
	return chain(`list ${limit ?? 'all'}`, [
		domo(c, { operation: 'getAll', fileSetId: locator(t.fileSetId), ...wanted }),
	]);
}

// A Set node holding the ids as raw JSON and Split Out make one item per id without a Code
// node, whose task runner would add seconds of start-up to the run.
function idItems(fileIds: string[]): NodeSpec[] {
	return [
		{
			name: 'Ids',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ id: fileIds }), options: {} },
		},
		{
			name: 'One Item per Id',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'id', options: {} },
		},
	];
}

export function domoGet(c: Credentials, t: Target, fileIds: string[], concurrency: number) {
	return chain(`get ${fileIds.length} concurrency ${concurrency}`, [
		...idItems(fileIds),
		domo(c, {
			operation: 'get',
			fileSetId: locator(t.fileSetId),
			file: locator('={{ $json.id }}'),
			options: concurrency > 1 ? { concurrency } : {},
		}),
	]);
}

export function httpGet(c: Credentials, t: Target, fileIds: string[]): BenchWorkflow {
	return chain(`HTTP get ${fileIds.length}`, [
		...idItems(fileIds),
		http(c, { method: 'GET', url: `=${apiUrl(t, 'files')}/{{ $json.id }}`, options: {} }),
	]);
}
