import type { CommandResult } from './n8n-cli';

export interface LogLine {
	level: string;
	message: string;
}

function isLogLine(value: unknown): value is LogLine {
	if (typeof value !== 'object' || value === null) return false;
	const { level, message } = value as Record<string, unknown>;
	return typeof level === 'string' && typeof message === 'string';
}

// With N8N_LOG_FORMAT=json every log call is one JSON line. Anything else on stdout
// (a library writing straight to the console) is skipped.
export function parseLogLines(stdout: string): LogLine[] {
	const lines: LogLine[] = [];
	for (const text of stdout.split('\n')) {
		if (!text.startsWith('{')) continue;
		try {
			const parsed: unknown = JSON.parse(text);
			if (isLogLine(parsed)) lines.push({ level: parsed.level, message: parsed.message });
		} catch {
			continue;
		}
	}
	return lines;
}

export function errorMessages(result: CommandResult): string[] {
	const logged = parseLogLines(result.stdout)
		.filter((line) => line.level === 'error' && line.message.trim() !== '')
		.map((line) => line.message.trim());
	const printed = result.stderr
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '');
	return [...logged, ...printed];
}

export function describeExit(result: CommandResult): string {
	if (result.timedOut) return `timed out after ${result.ms} ms`;
	if (result.signal !== null) return `was killed by ${result.signal}`;
	return `exited with code ${String(result.exitCode)}`;
}

export function describeFailure(result: CommandResult): string {
	const errors = errorMessages(result).slice(-3);
	const detail = errors.length > 0 ? `: ${errors.join(' | ')}` : '';
	return `n8n ${result.args[0]} ${describeExit(result)}${detail}`;
}
