import { describeFailure } from './logs';
import { type N8nTarget, runN8n } from './n8n-cli';
import { findRunData, type HasRunData, type RunData, type SerializedError } from './run-data';

const DEFAULT_TIMEOUT_MS = 120_000;

export interface ExecuteOptions {
	timeoutMs?: number;
}

export interface ExecuteResult extends HasRunData {
	ok: boolean;
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	timedOut: boolean;
	crashedOnExit: boolean;
	data?: RunData;
	error?: SerializedError;
	stdout: string;
	stderr: string;
	ms: number;
	summary: string;
}

function summarize(result: Omit<ExecuteResult, 'summary'>, failure: string): string {
	if (result.ok) return `succeeded in ${result.ms} ms`;
	const error = result.error;
	if (error === undefined) return failure;
	const where = error.node === undefined ? '' : ` in node "${error.node.name}"`;
	const description = error.description ? ` (${error.description})` : '';
	return `failed${where}: ${error.message}${description}`;
}

// n8n 2.41's isolated-vm expression engine makes about one `n8n execute` in eight die with
// SIGSEGV after it has printed the complete result. The run itself is finished by then,
// so such an exit is reported as crashedOnExit and does not fail the result.
export async function execute(
	host: N8nTarget,
	workflowId: string,
	{ timeoutMs = DEFAULT_TIMEOUT_MS }: ExecuteOptions = {},
): Promise<ExecuteResult> {
	const command = await runN8n(host, ['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs);
	const data = findRunData(command.stdout);
	const crashedOnExit = data !== undefined && command.signal === 'SIGSEGV';
	const error = data?.data.resultData.error;
	const ok =
		data !== undefined &&
		data.status === 'success' &&
		error === undefined &&
		(command.exitCode === 0 || crashedOnExit);

	const result = {
		ok,
		exitCode: command.exitCode,
		signal: command.signal,
		timedOut: command.timedOut,
		crashedOnExit,
		data,
		error,
		stdout: command.stdout,
		stderr: command.stderr,
		ms: command.ms,
	};
	return { ...result, summary: summarize(result, describeFailure(command)) };
}
