import type { Logger, LogMetadata } from 'n8n-workflow';

import type { LogEntry } from './types';

export function createCapturingLogger(logs: LogEntry[]): Logger {
	const capture = (level: string) => (message: string, meta?: LogMetadata) => {
		logs.push(meta === undefined ? { level, message } : { level, message, meta });
	};

	return {
		error: capture('error'),
		warn: capture('warn'),
		info: capture('info'),
		debug: capture('debug'),
	};
}
