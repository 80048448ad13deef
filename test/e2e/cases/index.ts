import type { E2eCase } from '../case';
import { domoOperations, domoTransfers } from './domo-groups';
import { packageLoads } from './package-loads';
import { smokeBuiltin } from './smoke-builtin';

export const cases: E2eCase[] = [smokeBuiltin, packageLoads, domoOperations, domoTransfers];
