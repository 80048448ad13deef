import { cp, mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';

// Both live in the host's root, so destroying the host removes them too.
const SAVED = '.saved-user-folder';
const USED = '.used-user-folders';

async function entries(dir: string): Promise<string[]> {
	return (await readdir(dir)).filter((name) => name !== SAVED && name !== USED);
}

// Keeps a copy of the user folder (the host's root: .n8n, the files directory and all) as it
// is now, for resetUserFolder to return to.
export async function saveUserFolder(host: { root: string }): Promise<void> {
	const saved = join(host.root, SAVED);
	await mkdir(saved);
	for (const name of await entries(host.root)) {
		await cp(join(host.root, name), join(saved, name), { recursive: true });
	}
}

// Moves what the last workflow left, its executions, binary data and files, to
// .used-user-folders/<label>, where a kept host still shows it, and restores the saved copy.
export async function resetUserFolder(host: { root: string }, label: string): Promise<void> {
	const used = join(host.root, USED, label);
	await mkdir(used, { recursive: true });
	for (const name of await entries(host.root)) {
		await rename(join(host.root, name), join(used, name));
	}

	const saved = join(host.root, SAVED);
	for (const name of await readdir(saved)) {
		await cp(join(saved, name), join(host.root, name), { recursive: true });
	}
}
