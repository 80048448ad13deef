/**
 * Runs `task` for 0..count-1 with at most `width` running at once. After the first failure
 * no new index starts; the ones running finish, then that failure is thrown.
 */
export async function runPool(
	count: number,
	width: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	let failure: { error: unknown } | undefined;

	const worker = async () => {
		while (!failure && next < count) {
			const index = next++;
			try {
				await task(index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};

	await Promise.all(Array.from({ length: Math.max(1, Math.min(width, count)) }, worker));
	if (failure) throw failure.error;
}
