import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { repoRoot } from './paths';

interface PackageJson {
	name: string;
	version: string;
	main?: string;
	files?: string[];
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

interface NodesManifest {
	dependencies?: Record<string, string>;
	[key: string]: unknown;
}

function readPackageJson(packageDir: string): PackageJson {
	return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageJson;
}

export function missingBuildOutputs(packageDir = repoRoot): string[] {
	const manifest = readPackageJson(packageDir);
	const entries = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	return entries.filter((entry) => !existsSync(join(packageDir, entry)));
}

async function addDependency(nodesDir: string, name: string, version: string): Promise<void> {
	const path = join(nodesDir, 'package.json');
	const manifest: NodesManifest = existsSync(path)
		? (JSON.parse(await readFile(path, 'utf8')) as NodesManifest)
		: { name: 'installed-nodes', private: true, dependencies: {} };
	manifest.dependencies = { ...manifest.dependencies, [name]: version };
	await writeFile(path, JSON.stringify(manifest, null, 2));
}

// Mirrors what n8n does when a user installs a community package: the packed files land in
// <userFolder>/.n8n/nodes/node_modules/<name>, the manifest loses its dev, peer and optional
// dependencies, and nodes/package.json lists the package. n8n itself puts its own
// node_modules on NODE_PATH, which is how the package's require('n8n-workflow') resolves.
export async function installPackage(
	host: { nodesDir: string },
	packageDir = repoRoot,
): Promise<void> {
	const missing = missingBuildOutputs(packageDir);
	if (missing.length > 0) {
		throw new Error(`The package is not built (missing ${missing.join(', ')}): run npm run build.`);
	}
	const manifest = readPackageJson(packageDir);
	if (Object.keys(manifest.dependencies ?? {}).length > 0) {
		throw new Error(
			'installPackage cannot install runtime dependencies; only peers are supported.',
		);
	}

	const target = join(host.nodesDir, 'node_modules', manifest.name);
	await mkdir(target, { recursive: true });
	const packed = [manifest.main, ...(manifest.files ?? [])].filter(
		(entry): entry is string => entry !== undefined && existsSync(join(packageDir, entry)),
	);
	for (const entry of packed) {
		await cp(join(packageDir, entry), join(target, entry), { recursive: true });
	}

	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = manifest;
	await writeFile(join(target, 'package.json'), JSON.stringify(installed, null, 2));
	await addDependency(host.nodesDir, manifest.name, manifest.version);
}
