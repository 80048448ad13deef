import type { IBinaryData } from 'n8n-workflow';

import type { CredentialSeed, ExecuteOptions, ExecuteResult, Host, WorkflowJson } from './host';
import type { NodeTypeListing } from './node-types';
import type { RequestLog } from './request-log';
import type { StandIn } from './stand-in-process';

export interface CaseContext {
	host: Host;
	// Reads test/e2e/workflows/<fileName>; %%FILES_DIR%% is always filled with host.filesDir.
	loadWorkflow(fileName: string, substitutions?: Record<string, string>): WorkflowJson;
	importCredentials(credentials: CredentialSeed[]): Promise<void>;
	importWorkflows(workflows: WorkflowJson[]): Promise<string[]>;
	execute(workflowId: string, options?: ExecuteOptions): Promise<ExecuteResult>;
	readBinary(binary: IBinaryData): Promise<Buffer>;
	listNodeTypes(): Promise<NodeTypeListing>;
	// Stopped by the runner when the case ends, whatever its outcome.
	startStandIn(args?: string[]): Promise<StandIn>;
	// A proxy to target that logs each request; stopped like a stand-in.
	startRequestLog(target: string): Promise<RequestLog>;
}

export interface E2eCase {
	name: string;
	needsPackage: boolean;
	run(context: CaseContext): Promise<void>;
}
