import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { E2eCase } from '../case';
import { nodeOutput } from '../host';

// Proves the host before any Domo case relies on it: a workflow imports and runs, its
// output parses, binary data lands in the filesystem store and the files folder is writable.
export const smokeBuiltin: E2eCase = {
	name: 'smoke-builtin',
	needsPackage: false,
	async run(context) {
		const [id] = await context.importWorkflows([context.loadWorkflow('smoke-builtin.json')]);
		const result = await context.execute(id);
		assert.ok(result.ok, `the workflow ${result.summary}`);

		assert.deepEqual(
			nodeOutput(result, 'Set Hello').map((item) => item.json),
			[{ hello: 'world' }],
		);

		const [converted] = nodeOutput(result, 'To File');
		const binary = converted?.binary?.data;
		assert.ok(binary, 'To File returned no binary property "data"');
		assert.match(binary.id ?? '', /^filesystem-v2:/, 'binary data is not in filesystem mode');
		const stored = await context.readBinary(binary);
		assert.deepEqual(JSON.parse(stored.toString('utf8')), [{ hello: 'world' }]);

		const written = await readFile(join(context.host.filesDir, 'hello.json'));
		assert.ok(written.equals(stored), 'the file on disk differs from the stored binary');
	},
};
