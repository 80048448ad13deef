/**
 * What is wrong with a path inside a FileSet, if anything. Domo paths are relative to the FileSet root, so a leading
 * or trailing "/" and ".." segments are refused rather than guessed at.
 */
export function pathProblem(value: string, label: string, allowEmpty: boolean): string | undefined {
	const path = value.trim();
	if (path === '') {
		if (allowEmpty) return undefined;
		return `${label} is empty. Enter a path such as "reports/2024/summary.pdf".`;
	}
	if (path.startsWith('/')) {
		return (
			`${label} "${path}" starts with "/". Paths are relative to the FileSet root: ` +
			`use "${path.replace(/^\/+/, '')}".`
		);
	}
	if (path.endsWith('/')) {
		return `${label} "${path}" ends with "/". Remove the trailing "/".`;
	}
	if (path.split('/').some((segment) => segment === '..' || segment === '.')) {
		return `${label} "${path}" contains "." or "..". Write the full path instead.`;
	}
	if (path.includes('//')) {
		return `${label} "${path}" contains an empty segment ("//").`;
	}
	return undefined;
}

export function joinPath(directory: string, name: string): string {
	return directory === '' ? name : `${directory}/${name}`;
}
