import { gzipSync } from 'node:zlib';

import { contentStream } from '../content';
import type { Ctx } from '../context';
import { badRequest } from '../errors';
import { sendBuffer, sendEmpty, sendStream } from '../respond';
import { route, type Route } from '../router';
import type { FileRecord, FileSetRecord } from '../types';
import { fileAtPath, fileOf, fileSetOf } from './common';

/** RFC 6266: a plain ASCII filename for old clients plus the exact UTF-8 name. */
export function contentDisposition(name: string): string {
	const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
	const encoded = encodeURIComponent(name).replace(
		/['()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function gzipped(ctx: Ctx): boolean {
	const mode = ctx.env.variants.gzipDownloads;
	const accepts = /\bgzip\b/.test(String(ctx.req.headers['accept-encoding'] ?? ''));
	return mode === 'always' || (mode === 'whenAsked' && accepts);
}

async function streamFile(ctx: Ctx, file: FileRecord): Promise<void> {
	const headers = {
		'content-type': file.contentType ?? 'application/octet-stream',
		'content-disposition': contentDisposition(file.name),
	};
	if (!gzipped(ctx)) {
		await sendStream(ctx, 200, headers, contentStream(file), file.size ?? 0);
		return;
	}
	const chunks: Buffer[] = [];
	for await (const chunk of contentStream(file)) chunks.push(chunk as Buffer);
	sendBuffer(ctx, 200, { ...headers, 'content-encoding': 'gzip' }, gzipSync(Buffer.concat(chunks)));
}

async function deliver(ctx: Ctx, fileSet: FileSetRecord, file: FileRecord): Promise<void> {
	if (file.source.kind === 'directory') {
		throw badRequest(`${file.path} is a directory; the stand-in does not zip directories`);
	}
	const { downloadRedirect } = ctx.env.variants;
	if (downloadRedirect === 'none') {
		await streamFile(ctx, file);
		return;
	}

	const sameHost = downloadRedirect === 'sameHost';
	const link = ctx.env.links.issue(fileSet.id, file.id, sameHost ? 'api' : 'content');
	const base = sameHost ? ctx.env.baseUrl : ctx.env.contentBaseUrl;
	sendEmpty(ctx, 302, { location: `${base}${link}` });
}

async function downloadById(ctx: Ctx): Promise<void> {
	const fileSet = fileSetOf(ctx);
	await deliver(ctx, fileSet, fileOf(ctx, fileSet));
}

async function downloadByPath(ctx: Ctx): Promise<void> {
	const fileSet = fileSetOf(ctx);
	await deliver(ctx, fileSet, fileAtPath(ctx, fileSet));
}

// Like a storage bucket's signed URL: no developer token, and plain-text errors.
async function content(ctx: Ctx): Promise<void> {
	const link = ctx.env.links.resolve(ctx.params.token, ctx.query.get('sig'), ctx.listener);
	const plain = { 'content-type': 'text/plain' };
	if (typeof link === 'string') {
		sendBuffer(ctx, 403, plain, Buffer.from(link));
		return;
	}
	const file = ctx.env.store.fileSets.get(link.fileSetId)?.files.get(link.fileId);
	if (file === undefined) {
		sendBuffer(ctx, 404, plain, Buffer.from('The file no longer exists'));
		return;
	}
	await streamFile(ctx, file);
}

export const downloadRoutes: Route[] = [
	route('GET', '/filesets/:id/files/:fileId/download', downloadById),
	route('GET', '/filesets/:id/path/download', downloadByPath),
];

export const contentRoutes: Route[] = [route('GET', '/content/:token', content)];
