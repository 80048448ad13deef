export { createCredentialTestContext, runCredentialTest } from './credential-test';
export { createLoadOptionsContext } from './load-options-context';
export { runNode } from './run-node';
export type {
	BinaryMode,
	HarnessBinary,
	HarnessItem,
	LoadOptionsOptions,
	LogEntry,
	RunOptions,
	RunResult,
} from './types';
