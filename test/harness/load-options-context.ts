import { deepCopy } from 'n8n-workflow';
import type { IGetNodeParameterOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { credentialSlot, readCredentials } from './credentials/read';
import { createCapturingLogger } from './logger';
import { createScope, describeNodeType, WORKFLOW_ID } from './node-setup';
import { extractValue } from './parameters/extract-value';
import { getByPath } from './parameters/path';
import { readNodeParameter } from './parameters/read';
import type { EvaluationScope } from './parameters/read';
import { createRequestHelpers } from './request-helpers';
import type { RequestHelpers } from './request-helpers';
import type { LoadOptionsOptions } from './types';
import { withGapsVisible } from './unimplemented';

type LoadOptionsContext = Pick<
	ILoadOptionsFunctions,
	| 'getCredentials'
	| 'getCurrentNodeParameter'
	| 'getCurrentNodeParameters'
	| 'getNode'
	| 'getMode'
	| 'getWorkflow'
	| 'logger'
> & { getNodeParameter: ILoadOptionsFunctions['getNodeParameter']; helpers: RequestHelpers };

/**
 * The `this` of a listSearch or loadOptions method, built like n8n-core's LoadOptionsContext:
 * the node's current parameters are the ones the editor sends, with defaults filled in.
 */
export function createLoadOptionsContext(options: LoadOptionsOptions): ILoadOptionsFunctions {
	const setup = describeNodeType(options.node, options.nodeTypeVersion);
	const credentials = { type: options.credentialType, data: options.credentials };
	const scope: EvaluationScope = {
		...createScope(setup, options.parameters ?? {}, {
			credentials: credentialSlot(setup.nodeType, credentials),
		}),
		items: [],
		mode: 'internal',
		additionalKeys: {},
	};
	const { node, nodeType, workflow } = scope;

	const getCurrentNodeParameter = (path: string, parameterOptions?: IGetNodeParameterOptions) => {
		const resolvedPath = path.startsWith('&')
			? `${(options.path ?? '').split('.').slice(1, -1).join('.')}.${path.slice(1)}`
			: path;
		const value = getByPath(node.parameters, resolvedPath) as ReturnType<
			ILoadOptionsFunctions['getCurrentNodeParameter']
		>;
		if (!parameterOptions?.extractValue) return value;
		return extractValue(value, resolvedPath, node, nodeType) as typeof value;
	};
	const getNodeParameter = (name: string, fallback?: unknown, opts?: IGetNodeParameterOptions) =>
		readNodeParameter(scope, name, 0, fallback, opts);

	const context: LoadOptionsContext = {
		getCredentials: async <T extends object>(type: string) =>
			(await readCredentials(scope, credentials, type)) as T,
		getCurrentNodeParameter,
		getCurrentNodeParameters: () => node.parameters,
		getNodeParameter: getNodeParameter as ILoadOptionsFunctions['getNodeParameter'],
		getNode: () => deepCopy(node),
		getMode: () => 'internal',
		getWorkflow: () => ({ id: WORKFLOW_ID, name: workflow.name, active: workflow.active }),
		logger: createCapturingLogger(options.logs ?? []),
		helpers: withGapsVisible(createRequestHelpers(scope, credentials), 'this.helpers'),
	};

	return withGapsVisible(context, 'this') as unknown as ILoadOptionsFunctions;
}
