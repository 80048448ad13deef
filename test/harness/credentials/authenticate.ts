import { isExpression } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	Workflow,
} from 'n8n-workflow';

function resolveValue(
	value: string,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(value)) return value;

	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	return resolved ? resolved.toString() : '';
}

/**
 * n8n's CredentialsHelper.authenticate: a function is called as is; a generic description has
 * each key and value resolved with `$credentials` and written into the request options it names.
 */
export async function applyAuthentication(
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	workflow: Workflow,
	node: INode,
): Promise<IHttpRequestOptions> {
	const { authenticate } = credentialType;
	if (!authenticate) return requestOptions;
	if (typeof authenticate === 'function') {
		return await authenticate(credentials, requestOptions);
	}

	requestOptions.headers ??= {};
	if (authenticate.type !== 'generic') return requestOptions;

	const targets = requestOptions as unknown as Record<string, Record<string, string> | undefined>;
	for (const [target, entries] of Object.entries(authenticate.properties)) {
		for (const [key, value] of Object.entries(entries as Record<string, string>)) {
			const resolvedKey = resolveValue(key, credentials, workflow, node);
			const resolvedValue = resolveValue(value, credentials, workflow, node);
			targets[target] ||= {};
			(targets[target] as Record<string, string>)[resolvedKey] = resolvedValue;
		}
	}
	return requestOptions;
}
