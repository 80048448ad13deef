import { NodeApiError } from 'n8n-workflow';
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	JsonObject,
	Workflow,
} from 'n8n-workflow';

import { applyAuthentication } from '../credentials/authenticate';
import { httpRequest, removeEmptyBody } from './http-request';

export interface AuthenticatedRequestHost {
	credentialType?: ICredentialType;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
	workflow: Workflow;
	node: INode;
	cancelSignal?: AbortSignal;
}

export type AuthenticatedRequest = (
	credentialsType: string,
	requestOptions: IHttpRequestOptions,
	additionalCredentialOptions?: IAdditionalCredentialOptions,
) => Promise<unknown>;

function credentialTypeFor(host: AuthenticatedRequestHost, name: string): ICredentialType {
	const type = host.credentialType;
	if (!type) {
		throw new Error(
			`The node asked for "${name}" credentials, but the harness was given no credentialType. ` +
				'Pass the credential class instance so its authenticate is applied like n8n does.',
		);
	}
	if (type.name !== name) {
		throw new Error(
			`The node asked for "${name}" credentials, but the harness has "${type.name}".`,
		);
	}
	const oauth = (type.extends ?? []).find((parent) => parent.startsWith('oAuth'));
	if (oauth || type.preAuthentication) {
		throw new Error(
			`The test harness does not implement ${oauth ?? 'preAuthentication'} credentials. ` +
				'Add it to test/harness/http/with-authentication.ts before a node relies on it.',
		);
	}
	return type;
}

/** n8n's `helpers.httpRequestWithAuthentication` for credentials with an `authenticate`. */
export function createAuthenticatedRequest(host: AuthenticatedRequestHost): AuthenticatedRequest {
	return async (credentialsType, requestOptions, additionalCredentialOptions) => {
		removeEmptyBody(requestOptions);
		if (host.cancelSignal) requestOptions.abortSignal = host.cancelSignal;
		const credentialType = credentialTypeFor(host, credentialsType);

		try {
			const credentials =
				additionalCredentialOptions?.credentialsDecrypted?.data ??
				(await host.getCredentials(credentialsType));
			const authenticated = await applyAuthentication(
				credentialType,
				credentials,
				requestOptions,
				host.workflow,
				host.node,
			);
			return await httpRequest(authenticated);
		} catch (error) {
			throw new NodeApiError(structuredClone(host.node), error as JsonObject);
		}
	};
}
