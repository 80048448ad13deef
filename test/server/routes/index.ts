import type { Route } from '../router';
import { downloadRoutes } from './download';
import { fileRoutes } from './files';
import { fileSetRoutes } from './fileSets';
import { queryRoutes } from './query';
import { splitRoutes } from './split';
import { uploadRoutes } from './upload';

export { contentRoutes } from './download';

/** Order matters: literal segments (search, multipart) must come before :fileId. */
export const apiRoutes: Route[] = [
	...fileSetRoutes,
	...splitRoutes,
	...uploadRoutes,
	...downloadRoutes,
	...queryRoutes,
	...fileRoutes,
];
