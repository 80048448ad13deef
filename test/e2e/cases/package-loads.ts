import assert from 'node:assert/strict';

import type { E2eCase } from '../case';

const PACKAGE_NAME = 'n8n-nodes-domo-filesets';
const NODE_TYPE = `${PACKAGE_NAME}.domoFileSets`;

// n8n skips a community package it cannot load with only a log line, and a workflow
// using it then fails with "Unrecognized node type". This asks n8n for the types it loaded.
export const packageLoads: E2eCase = {
	name: 'package-loads',
	needsPackage: true,
	async run(context) {
		const { types, logs } = await context.listNodeTypes();

		const complaints = logs.filter(
			(line) =>
				(line.level === 'error' || line.level === 'warn') && line.message.includes(PACKAGE_NAME),
		);
		assert.deepEqual(
			complaints.map((line) => line.message),
			[],
			'n8n logged problems with the package',
		);

		const names = types.map((type) => type.name);
		assert.ok(names.includes(NODE_TYPE), `n8n did not load ${NODE_TYPE}`);
	},
};
