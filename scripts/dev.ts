// `npm run dev`: build, start the Domo FileSets stand-in with sample data, start a real n8n
// with this package, a ready credential and the example workflows, and print the editor URL.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

import { ensureBuilt } from '../test/e2e/build';
import {
	createHost,
	destroyHost,
	importCredentials,
	importWorkflows,
	installPackage,
} from '../test/e2e/host';
import { installScript, workflowsDir } from '../test/e2e/paths';
import { startStandIn } from '../test/e2e/stand-in-process';
import { loadWorkflow } from '../test/e2e/workflow-file';
import { setUpOwner, startN8n } from './dev/n8n-server';
import {
	CREDENTIAL_NAME,
	devCredentials,
	EXTRA_SEED,
	exampleSubstitutions,
	writeExampleFiles,
} from './dev/substitutions';

const PORT = Number(process.env.N8N_DEV_PORT ?? 5678);
const OWNER = { email: 'dev@example.com', password: 'DomoDev-2026' };

function say(line: string): void {
	process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
	// Registered first, so that Ctrl-C during start-up still stops what has started.
	const stopRequested = new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	say('Installing n8n 2.41.1 and Node 24 into .cache/e2e (only the first time; a few minutes)…');
	const install = spawnSync('bash', [installScript], { stdio: 'inherit' });
	if (install.status !== 0) throw new Error('test/e2e/install.sh failed');

	const build = ensureBuilt();
	if (!build.ready) throw new Error(build.reason);

	const standIn = await startStandIn(['--seed', 'sample', ...EXTRA_SEED]);
	const host = await createHost();
	const cleanup = async () => {
		await standIn.stop();
		await destroyHost(host);
	};

	try {
		await installPackage(host);
		await importCredentials(host, devCredentials(standIn));
		await writeExampleFiles(host);
		const substitutions = exampleSubstitutions(standIn, host);
		const examples = readdirSync(workflowsDir)
			.filter((name) => name.endsWith('.json') && name !== 'smoke-builtin.json')
			.map((name) => loadWorkflow(name, substitutions));
		await importWorkflows(host, examples);

		const n8n = await startN8n(host, PORT);
		const owner = await setUpOwner(n8n.url, OWNER.email, OWNER.password);
		say('');
		say(`n8n editor:      ${n8n.url}`);
		say(
			owner
				? `log in as:       ${OWNER.email} / ${OWNER.password}`
				: 'log in:          create the owner account in the editor',
		);
		say(`Domo stand-in:   ${standIn.url} (credential "${CREDENTIAL_NAME}")`);
		say(`example flows:   ${examples.length} imported from test/e2e/workflows`);
		say('Press Ctrl-C to stop n8n and the stand-in.');

		await stopRequested;
		say('\nStopping…');
		await n8n.stop();
	} finally {
		await cleanup();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(
		`npm run dev failed: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	process.exit(1);
});
