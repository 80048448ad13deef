import type { IExecuteFunctions } from 'n8n-workflow';

import { readCredentials } from './credentials/read';
import type { CredentialSource } from './credentials/read';
import { httpRequest } from './http/http-request';
import { createAuthenticatedRequest } from './http/with-authentication';
import type { NodeScope } from './node-setup';

export type RequestHelpers = Pick<
	IExecuteFunctions['helpers'],
	'httpRequest' | 'httpRequestWithAuthentication'
>;

export function createRequestHelpers(
	scope: NodeScope,
	credentials: CredentialSource,
	cancelSignal?: AbortSignal,
): RequestHelpers {
	const withAuthentication = createAuthenticatedRequest({
		credentialType: credentials.type,
		getCredentials: async (type) => await readCredentials(scope, credentials, type),
		workflow: scope.workflow,
		node: scope.node,
		cancelSignal,
	});

	return {
		httpRequest: async (requestOptions) => await httpRequest(requestOptions),
		httpRequestWithAuthentication: async (type, requestOptions, additionalCredentialOptions) =>
			await withAuthentication(type, requestOptions, additionalCredentialOptions),
	};
}
