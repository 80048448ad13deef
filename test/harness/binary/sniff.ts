interface Signature {
	bytes: number[];
	mime: string;
	ext: string;
}

const SIGNATURES: Signature[] = [
	{ bytes: [0x89, 0x50, 0x4e, 0x47], mime: 'image/png', ext: 'png' },
	{ bytes: [0xff, 0xd8, 0xff], mime: 'image/jpeg', ext: 'jpg' },
	{ bytes: [0x47, 0x49, 0x46, 0x38], mime: 'image/gif', ext: 'gif' },
	{ bytes: [0x25, 0x50, 0x44, 0x46], mime: 'application/pdf', ext: 'pdf' },
	{ bytes: [0x50, 0x4b, 0x03, 0x04], mime: 'application/zip', ext: 'zip' },
	{ bytes: [0x1f, 0x8b], mime: 'application/gzip', ext: 'gz' },
];

// Note: n8n uses the file-type package, which knows hundreds of formats and tells Office files
// from plain zips; this table covers only the formats these tests are likely to meet.
export function sniffFileType(buffer: Buffer): { mime: string; ext: string } | undefined {
	const match = SIGNATURES.find(({ bytes }) =>
		bytes.every((byte, index) => buffer[index] === byte),
	);
	return match && { mime: match.mime, ext: match.ext };
}
