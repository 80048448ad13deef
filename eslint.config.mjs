import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules are for shipped code; tests and tooling run only on a
// developer's machine and need Node's own modules and globals.
export default [
	globalIgnores(['test/**', 'scripts/**', 'gulpfile.js', 'index.js', 'jest.config.js', '.cache/**']),
	...config,
];
