import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertOpenable, type Reader } from './kb.policy.ts';
import * as repo from './kb.repository.ts';

/**
 * Images and documents shown in articles. They live beside ticket attachments in the data
 * directory but apart from them: an image in a public article is public, which a ticket's never is.
 */
const signatures: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

const storageRoot = (ctx: Context) => path.join(ctx.config.dataDir, 'kb-attachments');

function safeFilename(name: string): string {
  const base = [...path.basename(name)]
    .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || '"\\/'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
  return (base || 'file').slice(0, 200);
}

/** Stores an image or PDF for an article. Throws not_found, payload_too_large, unsupported_media_type. */
export async function uploadArticleAttachment(
  ctx: Context,
  actor: UserActor,
  articleId: number,
  file: { filename: string; mimetype: string; data: Buffer },
) {
  if (!(await repo.findArticle(ctx.db, articleId))) throw notFound('not_found', 'Article', articleId);
  if (file.data.length > ctx.config.maxAttachmentBytes)
    throw new AppError('payload_too_large', `Attachments may be at most ${ctx.config.maxAttachmentBytes} bytes.`);
  const type = file.mimetype.split(';')[0]?.trim().toLowerCase() ?? '';
  const matches = signatures[type];
  if (!matches)
    throw new AppError('unsupported_media_type', `Articles accept ${Object.keys(signatures).join(', ')}; not ${type || 'this file'}.`);
  if (!matches(file.data.subarray(0, 16)))
    throw new AppError('unsupported_media_type', `${safeFilename(file.filename)}: the content is not ${type}.`);
  const now = ctx.clock.now();
  const key = path.join(String(now.getUTCFullYear()), randomUUID());
  const target = path.join(storageRoot(ctx), key);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.data, { flag: 'wx' });
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('kb_attachments')
        .values({
          article_id: articleId,
          filename: safeFilename(file.filename),
          content_type: type,
          size_bytes: file.data.length,
          sha256: createHash('sha256').update(file.data).digest('hex'),
          storage_key: key,
          uploaded_by_user_id: actor.userId,
          created_at: now,
        })
        .returning(['id', 'filename', 'content_type', 'size_bytes'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, {
        action: 'kb_article.attachment_added',
        entityType: 'kb_article',
        entityId: articleId,
        after: row,
      });
      return { ...row, url: `/api/v1/kb/attachments/${row.id}` };
    });
  } catch (error) {
    await fs.rm(target, { force: true });
    throw error;
  }
}

/** The file, for whoever may read its article. Throws not_found. */
export async function readArticleAttachment(ctx: Context, reader: Reader, id: number) {
  const row = await ctx.db
    .selectFrom('kb_attachments as f')
    .innerJoin('kb_articles as a', 'a.id', 'f.article_id')
    .select(['f.filename', 'f.content_type', 'f.storage_key', 'a.visibility'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  assertOpenable(reader, row, id);
  const file = row as NonNullable<typeof row>;
  const data = await fs.readFile(path.join(storageRoot(ctx), file.storage_key)).catch(() => {
    throw new AppError('not_found', `The file of attachment ${id} is missing from storage.`);
  });
  return { filename: file.filename, contentType: file.content_type, data };
}
