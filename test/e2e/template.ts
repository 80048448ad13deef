import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { ENCRYPTION_KEY, n8nEnv } from './env';
import { describeFailure } from './logs';
import { runN8n } from './n8n-cli';
import { cacheDir, n8nPackageJson } from './paths';

const MIGRATE_TIMEOUT_MS = 120_000;

function templateDir(): string {
	const { version } = JSON.parse(readFileSync(n8nPackageJson, 'utf8')) as { version: string };
	const key = createHash('sha256').update(ENCRYPTION_KEY).digest('hex').slice(0, 8);
	return join(cacheDir, `template-${version}-${key}`);
}

// A fresh n8n folder spends about four seconds on database migrations at its first command.
// They run once into a template that every host then copies.
async function buildTemplate(target: string, brokerPort: number): Promise<void> {
	const root = await mkdtemp(join(cacheDir, 'template-build-'));
	try {
		const dirs = { root, userFolder: root, filesDir: join(root, 'files') };
		await mkdir(dirs.filesDir);
		const result = await runN8n(
			{ root, env: n8nEnv(dirs, brokerPort) },
			['list:workflow'],
			MIGRATE_TIMEOUT_MS,
		);
		if (result.exitCode !== 0) throw new Error(describeFailure(result));
		await rename(join(root, '.n8n'), target).catch((error: NodeJS.ErrnoException) => {
			// Another run built the same template first; either copy is good.
			if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
		});
	} finally {
		await rm(root, { recursive: true, force: true });
	}
}

export async function seedN8nFolder(n8nFolder: string, brokerPort: number): Promise<void> {
	const template = templateDir();
	if (!existsSync(template)) await buildTemplate(template, brokerPort);
	await cp(template, n8nFolder, { recursive: true });
}
