import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeType,
} from 'n8n-workflow';

import type { NodeScope } from '../node-setup';
import { assertNodeMayUseCredential } from './access';
import { resolveCredentialData } from './data';

export interface CredentialSource {
	type?: ICredentialType;
	data?: ICredentialDataDecryptedObject;
}

/** The `credentials` entry of the node, as if the user had picked a saved credential. */
export function credentialSlot(
	nodeType: INodeType,
	source: CredentialSource,
): INode['credentials'] {
	if (!source.data) return undefined;

	const name = source.type?.name ?? nodeType.description.credentials?.[0]?.name;
	if (!name) return undefined;
	return { [name]: { id: 'harness-credential', name: 'Harness credential' } };
}

export async function readCredentials(
	scope: NodeScope,
	source: CredentialSource,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
	assertNodeMayUseCredential(scope.node, scope.nodeType, type);

	const data = source.data ?? {};
	if (!source.type) return structuredClone(data);
	if (source.type.name !== type) {
		throw new Error(
			`The node asked for "${type}" credentials, but the harness has "${source.type.name}".`,
		);
	}
	return resolveCredentialData(source.type, data, scope.workflow);
}
