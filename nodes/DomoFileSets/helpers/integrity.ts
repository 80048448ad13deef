import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

function reportedHash(file: IDataObject): string | undefined {
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

/** Compares a downloaded file with what Domo reported for it. */
export function checkReceived(
	node: INode,
	itemIndex: number,
	expected: { bytes?: number; sha256?: string; label: string },
	received: { bytes: number; sha256?: string },
): void {
	if (expected.bytes !== undefined && expected.bytes !== received.bytes) {
		throw new NodeOperationError(node, `The download of ${expected.label} was cut short`, {
			itemIndex,
			description: `Expected ${expected.bytes} bytes but received ${received.bytes}. Nothing was output; run it again.`,
		});
	}
	if (expected.sha256 && received.sha256 && expected.sha256.toLowerCase() !== received.sha256) {
		throw new NodeOperationError(
			node,
			`The download of ${expected.label} does not match Domo's hash`,
			{
				itemIndex,
				description: `Domo reports SHA-256 ${expected.sha256}, the received bytes have ${received.sha256}.`,
			},
		);
	}
}

export { reportedHash };
