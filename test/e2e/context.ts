import type { CaseContext } from './case';
import {
	execute,
	type Host,
	importCredentials,
	importWorkflows,
	listNodeTypes,
	readBinary,
} from './host';
import { type RequestLog, startRequestLog } from './request-log';
import { type StandIn, startStandIn } from './stand-in-process';
import { loadWorkflow } from './workflow-file';

export interface OpenContext {
	context: CaseContext;
	close(): Promise<void>;
}

export function openContext(host: Host): OpenContext {
	const running: Array<StandIn | RequestLog> = [];

	const context: CaseContext = {
		host,
		loadWorkflow: (fileName, substitutions = {}) =>
			loadWorkflow(fileName, { FILES_DIR: host.filesDir, ...substitutions }),
		importCredentials: async (credentials) => await importCredentials(host, credentials),
		importWorkflows: async (workflows) => await importWorkflows(host, workflows),
		execute: async (workflowId, options) => await execute(host, workflowId, options),
		readBinary: async (binary) => await readBinary(host, binary),
		listNodeTypes: async () => await listNodeTypes(host),
		startStandIn: async (args) => {
			const standIn = await startStandIn(args);
			running.push(standIn);
			return standIn;
		},
		startRequestLog: async (target) => {
			const log = await startRequestLog(target);
			running.push(log);
			return log;
		},
	};

	const close = async (): Promise<void> => {
		await Promise.all(running.map(async (server) => await server.stop()));
	};
	return { context, close };
}
