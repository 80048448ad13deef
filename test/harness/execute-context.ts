import { deepCopy } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	IGetNodeParameterOptions,
	INode,
	INodeExecutionData,
	Logger,
} from 'n8n-workflow';

import { assertBinaryData, getBinaryDataBuffer } from './binary/input';
import { prepareBinaryData } from './binary/prepare';
import { binaryToBuffer } from './binary/store';
import type { BinaryStore } from './binary/store';
import { readCredentials } from './credentials/read';
import type { CredentialSource } from './credentials/read';
import { constructExecutionMetaData, copyInputItems, returnJsonArray } from './item-helpers';
import { WORKFLOW_ID } from './node-setup';
import { evaluateExpression, readNodeParameter } from './parameters/read';
import type { EvaluationScope } from './parameters/read';
import { createRequestHelpers } from './request-helpers';
import { withGapsVisible } from './unimplemented';

export interface ExecuteHost {
	scopeFor(itemIndex: number): EvaluationScope;
	items: INodeExecutionData[];
	executionId: string;
	logger: Logger;
	binaries: BinaryStore;
	credentials: CredentialSource;
	cancel: AbortController;
}

type ExecuteHelpers = Pick<
	IExecuteFunctions['helpers'],
	| 'httpRequest'
	| 'httpRequestWithAuthentication'
	| 'prepareBinaryData'
	| 'getBinaryStream'
	| 'getBinaryMetadata'
	| 'getBinaryPath'
	| 'getBinaryDataBuffer'
	| 'assertBinaryData'
	| 'binaryToBuffer'
	| 'binaryToString'
	| 'returnJsonArray'
	| 'constructExecutionMetaData'
	| 'copyInputItems'
>;

type ExecuteContext = Pick<
	IExecuteFunctions,
	| 'getInputData'
	| 'getNode'
	| 'getCredentials'
	| 'continueOnFail'
	| 'getExecutionId'
	| 'getWorkflow'
	| 'getMode'
	| 'logger'
	| 'getExecutionCancelSignal'
	| 'onExecutionCancellation'
	| 'evaluateExpression'
> & { getNodeParameter: IExecuteFunctions['getNodeParameter']; helpers: ExecuteHelpers };

function createHelpers(host: ExecuteHost): ExecuteHelpers {
	const { items, binaries } = host;
	const scope = host.scopeFor(0);

	return {
		...createRequestHelpers(scope, host.credentials, host.cancel.signal),
		prepareBinaryData: async (content, filePath, mimeType) =>
			await prepareBinaryData(binaries, content, filePath, mimeType),
		getBinaryStream: async (id, chunkSize) => await binaries.stream(id, chunkSize),
		getBinaryMetadata: async (id) => await binaries.metadata(id),
		getBinaryPath: (id) => binaries.path(id),
		getBinaryDataBuffer: async (itemIndex, parameterData) =>
			await getBinaryDataBuffer(items, binaries, itemIndex, parameterData),
		assertBinaryData: (itemIndex, parameterData) =>
			assertBinaryData(items, scope.node, itemIndex, parameterData),
		binaryToBuffer,
		// Note: n8n decodes with iconv-lite, which knows more encodings than Buffer does.
		binaryToString: async (body, encoding) =>
			(await binaryToBuffer(body)).toString(encoding ?? 'utf-8'),
		returnJsonArray,
		constructExecutionMetaData,
		copyInputItems,
	};
}

function continuesOnFail(node: INode): boolean {
	if (node.onError === undefined) return node.continueOnFail === true;
	return ['continueRegularOutput', 'continueErrorOutput'].includes(node.onError);
}

/** The `this` of a node's `execute`, built like n8n-core's ExecuteContext. */
export function createExecuteContext(host: ExecuteHost): IExecuteFunctions {
	const first = host.scopeFor(0);
	const { node, workflow } = first;

	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallbackValue?: unknown,
		options?: IGetNodeParameterOptions,
	) => readNodeParameter(host.scopeFor(itemIndex), name, itemIndex, fallbackValue, options);

	const context: ExecuteContext = {
		getInputData: (inputIndex = 0, connectionType = 'main') =>
			connectionType === 'main' && inputIndex === 0 ? host.items : [],
		getNodeParameter: getNodeParameter as IExecuteFunctions['getNodeParameter'],
		getNode: () => deepCopy(node),
		getCredentials: async <T extends object>(type: string, itemIndex?: number) =>
			(await readCredentials(host.scopeFor(itemIndex ?? 0), host.credentials, type)) as T,
		continueOnFail: () => continuesOnFail(node),
		getExecutionId: () => host.executionId,
		getWorkflow: () => ({ id: WORKFLOW_ID, name: workflow.name, active: workflow.active }),
		getMode: () => first.mode,
		logger: host.logger,
		getExecutionCancelSignal: () => host.cancel.signal,
		onExecutionCancellation: (handler) => {
			host.cancel.signal.addEventListener('abort', () => handler(), { once: true });
		},
		evaluateExpression: (expression, itemIndex = 0) =>
			evaluateExpression(host.scopeFor(itemIndex), expression, itemIndex),
		helpers: withGapsVisible(createHelpers(host), 'this.helpers'),
	};

	return withGapsVisible(context, 'this') as unknown as IExecuteFunctions;
}
