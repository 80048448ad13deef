import type { DomoStandIn } from './index';
import type { FileRecord, FileSetRecord } from './types';

// A 1x1 transparent PNG, so image downloads carry real image bytes.
const LOGO_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);

const Q1 = 'Quarterly sales report Q1 2024\nRegion,Revenue\nNorth,120000\nSouth,98000\n';
const Q2 = 'Quarterly sales report Q2 2024\nRegion,Revenue\nNorth,134000\nSouth,101000\n';
const RULES = 'House rules\n1. Keep reports in reports/quarterly.\n2. Name files by quarter.\n';

export interface SeededFileSet {
	fileSet: FileSetRecord;
	files: FileRecord[];
}

/** The data `npm run dev` and the examples expect: two FileSets, nested paths, an image. */
export function seedSample(standIn: DomoStandIn): SeededFileSet[] {
	const marketing = standIn.addFileSet({
		name: 'Marketing Assets',
		description: 'Contains marketing assets for campaigns',
	});
	const finance = standIn.addFileSet({
		name: 'Finance Reports',
		description: 'Quarterly sales figures and reporting rules',
		aiEnabled: true,
	});

	const marketingFiles = [
		standIn.addFile(marketing.id, 'campaigns/spring-launch.md', '# Spring launch\nBudget: 25k\n'),
	];
	const financeFiles = [
		standIn.addFile(finance.id, 'reports/quarterly/Q1-2024-sales.txt', Q1),
		standIn.addFile(finance.id, 'reports/quarterly/Q2-2024-sales.txt', Q2),
		standIn.addFile(finance.id, 'rules.txt', RULES),
		standIn.addFile(finance.id, 'images/logo.png', LOGO_PNG),
	];
	standIn.addDirectory(finance.id, 'archive/2023/drafts');

	return [
		{ fileSet: marketing, files: marketingFiles },
		{ fileSet: finance, files: financeFiles },
	];
}
