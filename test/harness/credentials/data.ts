import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeParameters,
	Workflow,
} from 'n8n-workflow';

const CREDENTIAL_NODE: INode = {
	id: 'harness-credential',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

/**
 * What n8n's CredentialsHelper hands a node: the stored values with the credential's defaults
 * filled in (unknown fields dropped) and any expressions in them resolved.
 */
export function resolveCredentialData(
	credentialType: ICredentialType,
	stored: ICredentialDataDecryptedObject,
	workflow: Workflow,
): ICredentialDataDecryptedObject {
	if (credentialType.extends?.length) {
		throw new Error(
			`The test harness does not merge the properties of parent credentials ` +
				`(${credentialType.extends.join(', ')}). Add it to test/harness/credentials/data.ts.`,
		);
	}

	const withDefaults = NodeHelpers.getNodeParameters(
		credentialType.properties,
		structuredClone(stored) as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;

	return workflow.expression.getComplexParameterValue(
		CREDENTIAL_NODE,
		withDefaults as INodeParameters,
		'internal',
		{},
		undefined,
		undefined,
		withDefaults,
	) as ICredentialDataDecryptedObject;
}
