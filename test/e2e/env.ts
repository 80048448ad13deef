import { delimiter, dirname } from 'node:path';

import { node24Bin } from './paths';

export interface HostDirs {
	root: string;
	userFolder: string;
	filesDir: string;
}

export const ENCRYPTION_KEY = 'n8n-nodes-domo-filesets-e2e';

const FIXED: Record<string, string> = {
	DB_TYPE: 'sqlite',
	N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
	N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
	GENERIC_TIMEZONE: 'UTC',
	TZ: 'UTC',

	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',

	// The stand-in listens on 127.0.0.1; pinned off in case a later n8n turns this on.
	N8N_SSRF_PROTECTION_ENABLED: 'false',

	// `n8n execute` prints the run data through the logger at info level, so a lower level
	// hides the result. JSON lines keep the multi-line result on one line of its own.
	N8N_LOG_LEVEL: 'info',
	N8N_LOG_FORMAT: 'json',
	N8N_LOG_OUTPUT: 'console',
	N8N_RUNNERS_MODE: 'internal',
};

export function n8nEnv(
	dirs: HostDirs,
	brokerPort: number,
	extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
	// Built from scratch: tsx's NODE_OPTIONS and a developer's own N8N_* variables must
	// not reach the n8n under test.
	const env: NodeJS.ProcessEnv = {
		PATH: [dirname(node24Bin), process.env.PATH ?? ''].join(delimiter),
		HOME: dirs.root,
		LANG: 'C.UTF-8',
		N8N_USER_FOLDER: dirs.userFolder,
		N8N_RESTRICT_FILE_ACCESS_TO: dirs.filesDir,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...FIXED,
		...extra,
	};
	if (process.env.TMPDIR !== undefined) env.TMPDIR = process.env.TMPDIR;
	return env;
}
