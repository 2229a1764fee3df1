import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { maskableAttachmentTypes, maskCardNumbers } from '../../platform/card-numbers.ts';
import { checkAttachment, normalisedType } from './attachment-types.ts';
import { canSeeTicket, seesInternalNotes } from './tickets.policy.ts';
import { presentAttachment } from './tickets.presenter.ts';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

function storageRoot(ctx: Context): string {
  return path.join(ctx.config.dataDir, 'attachments');
}

function safeFilename(name: string): string {
  // Control characters, quotes and slashes would break the Content-Disposition header or the path.
  const base = [...path.basename(name)]
    .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || '"\\/'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
  return (base || 'file').slice(0, 200);
}

/**
 * Stores an uploaded file for a ticket; it is attached to a message when the message names it.
 * Throws ticket_not_found, payload_too_large, unsupported_media_type.
 */
export async function uploadAttachment(ctx: Context, actor: UserActor, ticketId: number | null, file: UploadedFile) {
  // Without a ticket the file waits for the new ticket (or message) that names it; only its uploader may use it.
  if (ticketId !== null) {
    const ticket = await ctx.db.selectFrom('tickets').select(['id', 'requester_id']).where('id', '=', ticketId).executeTakeFirst();
    if (!ticket || !canSeeTicket(actor, ticket)) throw notFound('ticket_not_found', 'Ticket', ticketId);
  }
  if (file.data.length > ctx.config.maxAttachmentBytes) {
    throw new AppError('payload_too_large', `Attachments may be at most ${ctx.config.maxAttachmentBytes} bytes.`);
  }
  const problem = checkAttachment(file.mimetype, file.data.subarray(0, 16));
  if (problem) throw new AppError('unsupported_media_type', `${safeFilename(file.filename)}: ${problem}.`);
  // Readable text is stored with its card numbers masked (PCI), like every other text.
  if (maskableAttachmentTypes.includes(normalisedType(file.mimetype))) {
    const masked = maskCardNumbers(file.data.toString('utf8'));
    if (masked.masked > 0) file = { ...file, data: Buffer.from(masked.text, 'utf8') };
  }
  const now = ctx.clock.now();
  const key = path.join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), randomUUID());
  const target = path.join(storageRoot(ctx), key);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.data, { flag: 'wx' });
  try {
    const row = await ctx.db
      .insertInto('attachments')
      .values({
        ticket_id: ticketId,
        uploaded_by_user_id: actor.userId,
        filename: safeFilename(file.filename),
        content_type: normalisedType(file.mimetype),
        size_bytes: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        storage_key: key,
        created_at: now,
      })
      .returning(['id', 'comment_id', 'filename', 'content_type', 'size_bytes'])
      .executeTakeFirstOrThrow();
    return presentAttachment(row);
  } catch (error) {
    await fs.rm(target, { force: true });
    throw error;
  }
}

/** The file and its metadata, if the actor may see the ticket and (for customers) the message. Throws attachment_not_found. */
export async function readAttachment(ctx: Context, actor: UserActor, id: number) {
  const row = await ctx.db
    .selectFrom('attachments as a')
    .leftJoin('tickets as t', 't.id', 'a.ticket_id')
    .leftJoin('ticket_comments as c', 'c.id', 'a.comment_id')
    .select([
      'a.id',
      'a.filename',
      'a.content_type',
      'a.size_bytes',
      'a.storage_key',
      'a.uploaded_by_user_id',
      't.requester_id',
      'c.public',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  const visible =
    row &&
    (row.uploaded_by_user_id === actor.userId ||
      (row.requester_id !== null &&
        canSeeTicket(actor, { requester_id: row.requester_id }) &&
        (seesInternalNotes(actor) || row.public === true)));
  if (!row || !visible) throw notFound('attachment_not_found', 'Attachment', id);
  const data = await fs.readFile(path.join(storageRoot(ctx), row.storage_key)).catch(() => {
    throw new AppError('attachment_not_found', `The file of attachment ${id} is missing from storage.`);
  });
  return { filename: row.filename, contentType: row.content_type, data };
}
