import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

export type BinaryMode = 'filesystem' | 'memory';

export interface HarnessBinary {
	/** The file's content. A string is taken as UTF-8 text, not as base64. */
	data: Buffer | string;
	fileName?: string;
	mimeType?: string;
}

export interface HarnessItem {
	json: IDataObject;
	binary?: Record<string, HarnessBinary>;
}

export interface LogEntry {
	level: string;
	message: string;
	meta?: unknown;
}

export interface HostOptions {
	node: INodeType | IVersionedNodeType;
	credentials?: ICredentialDataDecryptedObject;
	/** The credential class instance whose `authenticate` the harness applies like n8n. */
	credentialType?: ICredentialType;
	nodeTypeVersion?: number;
}

export interface RunOptions extends HostOptions {
	/** One set for all items, or one set per item. */
	parameters: INodeParameters | INodeParameters[];
	items?: HarnessItem[];
	continueOnFail?: boolean;
	binaryMode?: BinaryMode;
}

export interface RunResult {
	items: INodeExecutionData[][];
	logs: LogEntry[];
	binaryBytes(item: INodeExecutionData, property?: string): Promise<Buffer>;
}

export interface LoadOptionsOptions extends HostOptions {
	/** The node's parameters as the editor sends them while the user edits the node. */
	parameters?: INodeParameters;
	/** Path of the parameter the method serves, used to resolve `&sibling` lookups. */
	path?: string;
	/** Receives what the method logs. */
	logs?: LogEntry[];
}
