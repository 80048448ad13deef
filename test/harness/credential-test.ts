import { createEmptyRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeCredentialTestResult,
	INodeType,
	NodeParameterValueType,
} from 'n8n-workflow';

import { resolveCredentialData } from './credentials/data';
import { createAuthenticatedRequest } from './http/with-authentication';
import { createCapturingLogger } from './logger';
import { getByPath } from './parameters/path';
import type { LogEntry } from './types';
import { withGapsVisible } from './unimplemented';

const TEST_NODE_TYPE = 'n8n-nodes-base.noOp';

interface FailedRequest {
	message?: string;
	cause?: { code?: string; response?: { status: number; statusText?: string } };
}

/** The `this` of a node's `methods.credentialTest` functions. */
export function createCredentialTestContext(logs: LogEntry[] = []): ICredentialTestFunctions {
	const context = {
		logger: createCapturingLogger(logs),
		helpers: withGapsVisible({}, 'this.helpers'),
	};
	return withGapsVisible(context, 'this') as unknown as ICredentialTestFunctions;
}

// CredentialsTester runs the test request as a routing property of a temporary No Op node.
function createTestWorkflow(credentialType: ICredentialType, test: ICredentialTestRequest) {
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: TEST_NODE_TYPE,
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: {
			[credentialType.name]: { id: 'harness-credential', name: 'Harness credential' },
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	return { node: workflow.nodes[node.name], workflow };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
	);
}

/** lodash `merge`, which RoutingNode uses to lay the routing request over `{qs, body, headers}`. */
function mergeDeep(target: Record<string, unknown>, source: Record<string, unknown>) {
	for (const [key, value] of Object.entries(source)) {
		if (isPlainObject(value)) {
			const base = isPlainObject(target[key]) ? target[key] : {};
			target[key] = mergeDeep(base as Record<string, unknown>, value);
		} else if (value !== undefined) {
			target[key] = value;
		}
	}
	return target;
}

function buildTestRequest(
	test: ICredentialTestRequest,
	credentials: ICredentialDataDecryptedObject,
	scope: ReturnType<typeof createTestWorkflow>,
): IHttpRequestOptions {
	const { node, workflow } = scope;
	const additionalKeys = { $credentials: credentials, $value: '', $version: node.typeVersion };
	const resolved: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(test.request)) {
		resolved[key] = workflow.expression.getParameterValue(
			value as NodeParameterValueType,
			createEmptyRunExecutionData(),
			0,
			0,
			node.name,
			[],
			'internal',
			additionalKeys,
			{ node, data: { main: [[{ json: {} }]] }, source: null },
			false,
		);
	}

	const options = mergeDeep({ qs: {}, body: {}, headers: {} }, resolved);
	return { ...options, timeout: 300_000, returnFullResponse: true } as IHttpRequestOptions;
}

function failureResult(test: ICredentialTestRequest, error: FailedRequest) {
	const response = error.cause?.response;
	if (response) {
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === response.status) {
				return { status: 'Error', message: rule.properties.message } as const;
			}
		}
		if (response.status < 199 || response.status > 299) {
			const message = response.statusText || `Received HTTP status code: ${response.status}`;
			return { status: 'Error', message } as const;
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code } as const;
	}
	return { status: 'Error', message: String(error.message) } as const;
}

function successResult(test: ICredentialTestRequest, body: unknown): INodeCredentialTestResult {
	const first = (Array.isArray(body) ? body[0] : body) as IDataObject | undefined;
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (getByPath(first, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * Runs a credential's declarative `test` the way n8n's CredentialsTester does: resolve the
 * request's expressions with `$credentials`, authenticate, send, and judge the answer.
 */
export async function runCredentialTest(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const { test } = credentialType;
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

	const scope = createTestWorkflow(credentialType, test);
	let credentials: ICredentialDataDecryptedObject;
	try {
		credentials = resolveCredentialData(credentialType, data, scope.workflow);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	const send = createAuthenticatedRequest({
		credentialType,
		getCredentials: async () => credentials,
		workflow: scope.workflow,
		node: scope.node,
	});
	try {
		const request = buildTestRequest(test, credentials, scope);
		const credentialsDecrypted = {
			id: 'harness-credential',
			name: 'Harness credential',
			type: credentialType.name,
			data: credentials,
		};
		const response = (await send(credentialType.name, request, {
			credentialsDecrypted,
		})) as IN8nHttpFullResponse;
		return successResult(test, response.body);
	} catch (error) {
		return failureResult(test, error as FailedRequest);
	}
}
