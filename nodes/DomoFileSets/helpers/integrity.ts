import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export function reportedHash(file: IDataObject): string | undefined {
	const algorithm = file.hashAlgorithm;
	if (algorithm !== undefined && algorithm !== null && algorithm !== 'SHA_256_HEX')
		return undefined;
	return typeof file.hash === 'string' && file.hash !== '' ? file.hash.toLowerCase() : undefined;
}

/** Compares what was sent with what Domo says it stored; a difference is an error. */
export function checkStored(
	node: INode,
	itemIndex: number,
	file: IDataObject,
	sent: { bytes: number; sha256: string },
): void {
	const size = typeof file.size === 'number' ? file.size : undefined;
	const hash = reportedHash(file);
	const sizeDiffers = size !== undefined && size !== sent.bytes;
	const hashDiffers = hash !== undefined && hash !== sent.sha256;
	if (!sizeDiffers && !hashDiffers) return;

	throw new NodeOperationError(
		node,
		`Domo stored "${String(file.path ?? file.name)}" differently from what was sent, so it may be corrupt`,
		{
			itemIndex,
			description:
				`Sent ${sent.bytes} bytes with SHA-256 ${sent.sha256}; Domo reports ` +
				`${size ?? 'an unknown number of'} bytes with SHA-256 ${hash ?? 'unknown'}. Upload the file again.`,
		},
	);
}
