import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import * as tar from 'tar';
import type { Actor, Context } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as repo from './privacy.repository.ts';

function attachmentsRoot(ctx: Context): string {
  return path.join(ctx.config.dataDir, 'attachments');
}

/** The erasure's proof in the audit log: a hash of the customer id, never the id or any personal data. */
export function erasureReference(customerId: number): string {
  return createHash('sha256').update(`frontline-erasure:${customerId}`).digest('hex');
}

async function removeFiles(ctx: Context, keys: string[]): Promise<void> {
  const root = attachmentsRoot(ctx);
  for (const key of keys) {
    const target = path.resolve(root, key);
    if (!target.startsWith(root + path.sep)) continue;
    await fs.rm(target, { force: true });
  }
}

export interface ErasureResult {
  reference: string;
  customers: number;
  tickets: number;
  attachments_removed: number;
  raw_emails_cleared: number;
  columns_swept: string[];
}

/**
 * Erases a customer everywhere: their own records, the content of their tickets and every other
 * mention of their name, addresses and numbers; ticket rows, timestamps and ids stay, so every figure
 * (tickets per month, SLA, CSAT scores) is unchanged. Throws customer_not_found, conflict (legal hold).
 */
export async function eraseCustomer(ctx: Context, actor: Actor, customerId: number): Promise<ErasureResult> {
  const reference = erasureReference(customerId);
  const { result, files } = await ctx.db.transaction().execute(async (trx) => {
    const customer = await trx
      .selectFrom('customers')
      .select(['id', 'organization_id'])
      .where('id', '=', customerId)
      .forUpdate()
      .executeTakeFirst();
    if (!customer) throw notFound('customer_not_found', 'Customer', customerId);
    const ids = await repo.customerIds(trx, customerId);
    const ticketIds = await repo.ticketIdsOf(trx, ids);
    const hold = await activeHold(trx, { customerIds: ids, organizationId: customer.organization_id, ticketIds });
    if (hold) throw new AppError('conflict', `A legal hold (#${hold}) covers this customer; release it before erasing.`);
    const needles = await repo.needlesOf(trx, ids, ticketIds);
    const files = await repo.scrubTickets(trx, ticketIds, false);
    files.push(...(await repo.scrubCustomer(trx, ids, reference)));
    const rawEmails = await repo.scrubRawEmails(trx, needles);
    const swept = await repo.sweepNeedles(trx, needles);
    const result: ErasureResult = {
      reference,
      customers: ids.length,
      tickets: ticketIds.length,
      attachments_removed: files.length,
      raw_emails_cleared: rawEmails,
      columns_swept: swept,
    };
    await recordAudit(trx, actor, ctx.clock.now(), {
      action: 'privacy.erased',
      entityType: 'erasure',
      entityId: reference,
      after: { customers: result.customers, tickets: result.tickets, attachments_removed: result.attachments_removed },
    });
    return { result, files };
  });
  await removeFiles(ctx, files);
  return result;
}

/** The id of an active legal hold covering any of these, if one does. */
export async function activeHold(
  db: Context['db'],
  target: { customerIds: number[]; organizationId: number | null; ticketIds: number[] },
): Promise<number | null> {
  const row = await db
    .selectFrom('privacy_legal_holds')
    .select('id')
    .where('released_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(target.customerIds.length ? [eb('customer_id', 'in', target.customerIds)] : []),
        ...(target.organizationId !== null ? [eb('organization_id', '=', target.organizationId)] : []),
        ...(target.ticketIds.length ? [eb('ticket_id', 'in', target.ticketIds)] : []),
        eb.val(false),
      ]),
    )
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'file';
}

/**
 * A subject access export: everything stored about the customer as `data.json`, with their
 * attachments under `attachments/` and their raw emails under `emails/`, in one .tar.gz written to
 * `target`. Throws customer_not_found.
 */
export async function exportCustomer(
  ctx: Context,
  actor: Actor,
  customerId: number,
  target: string,
): Promise<{ tickets: number; files: number }> {
  const db = ctx.db;
  const customer = await db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw notFound('customer_not_found', 'Customer', customerId);
  const ids = await repo.customerIds(db, customerId);
  const ticketIds = await repo.ticketIdsOf(db, ids);
  const any = ticketIds.length ? ticketIds : [-1];
  const data = {
    exported_at: ctx.clock.now().toISOString(),
    customer,
    merged_customers: ids.filter((id) => id !== customerId),
    organization: customer.organization_id
      ? await db.selectFrom('organizations').select(['id', 'name']).where('id', '=', customer.organization_id).executeTakeFirst()
      : null,
    identities: await db.selectFrom('customer_identities').selectAll().where('customer_id', 'in', ids).execute(),
    portal_accounts: await db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'languages', 'time_zone', 'created_at', 'last_sign_in_at'])
      .where('customer_id', 'in', ids)
      .execute(),
    tickets: await db
      .selectFrom('tickets')
      .select(['id', 'subject', 'status', 'priority', 'type', 'channel', 'tags', 'custom_fields', 'created_at', 'solved_at', 'closed_at'])
      .where('id', 'in', any)
      .orderBy('id')
      .execute(),
    messages: await db
      .selectFrom('ticket_comments')
      .select(['id', 'ticket_id', 'author_user_id', 'author_customer_id', 'body', 'public', 'channel', 'created_at'])
      .where('ticket_id', 'in', any)
      .orderBy('id')
      .execute(),
    channel_messages: await db
      .selectFrom('channel_messages')
      .select(['ticket_id', 'comment_id', 'channel', 'direction', 'source', 'full_text', 'created_at'])
      .where('ticket_id', 'in', any)
      .execute(),
    calls: await db
      .selectFrom('calls')
      .select(['id', 'call_id', 'direction', 'from_number', 'to_number', 'ticket_id', 'status', 'transcript', 'ringing_at', 'ended_at'])
      .where((eb) => eb.or([eb('customer_id', 'in', ids), eb('ticket_id', 'in', any)]))
      .execute(),
    chats: await db
      .selectFrom('chat_conversations')
      .select(['id', 'ticket_id', 'visitor_name', 'visitor_email', 'topic', 'status', 'created_at', 'ended_at'])
      .where('ticket_id', 'in', any)
      .execute(),
    chat_messages: await db
      .selectFrom('chat_messages as m')
      .innerJoin('chat_conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.conversation_id', 'm.seq', 'm.author', 'm.body', 'm.created_at'])
      .where('c.ticket_id', 'in', any)
      .orderBy('m.conversation_id')
      .orderBy('m.seq')
      .execute(),
    surveys: await db
      .selectFrom('survey_answers')
      .select(['survey_id', 'ticket_id', 'kind', 'score', 'comment', 'answered_at'])
      .where('customer_id', 'in', ids)
      .execute(),
    attachments: await db
      .selectFrom('attachments')
      .select(['id', 'ticket_id', 'comment_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'storage_key', 'created_at'])
      .where('ticket_id', 'in', any)
      .orderBy('id')
      .execute(),
    emails: await db
      .selectFrom('inbound_emails')
      .select(['id', 'ticket_id', 'mail_from', 'subject', 'received_at'])
      .where('ticket_id', 'in', any)
      .orderBy('id')
      .execute(),
  };
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'frontline-export-'));
  try {
    const folder = path.join(work, `customer-${customerId}`);
    await fs.mkdir(path.join(folder, 'attachments'), { recursive: true });
    await fs.mkdir(path.join(folder, 'emails'), { recursive: true });
    let files = 0;
    const attachments: { file: string; id: number }[] = [];
    for (const { storage_key, ...rest } of data.attachments) {
      let file = `attachments/${rest.id}-${safeName(rest.filename)}`;
      try {
        await fs.copyFile(path.join(attachmentsRoot(ctx), storage_key), path.join(folder, file));
        files++;
      } catch {
        file = '';
      }
      attachments.push({ ...rest, file });
    }
    for (const email of data.emails) {
      const raw = await db.selectFrom('inbound_emails').select('raw').where('id', '=', email.id).executeTakeFirstOrThrow();
      await fs.writeFile(path.join(folder, 'emails', `${email.id}.eml`), raw.raw);
      files++;
    }
    await fs.writeFile(path.join(folder, 'data.json'), `${JSON.stringify({ ...data, attachments }, null, 2)}\n`);
    await tar.create({ gzip: true, file: target, cwd: work, portable: true }, [`customer-${customerId}`]);
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, ctx.clock.now(), {
        action: 'privacy.exported',
        entityType: 'customer',
        entityId: customerId,
        after: { tickets: ticketIds.length, files },
      }),
    );
    return { tickets: ticketIds.length, files };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** After an erasure, VACUUM rewrites the pages that still held the old rows (best effort, outside any transaction). */
export async function compactAfterErasure(ctx: Context): Promise<void> {
  for (const table of [
    'customers',
    'customer_identities',
    'users',
    'tickets',
    'ticket_comments',
    'ticket_events',
    'inbound_emails',
    'channel_messages',
    'chat_messages',
    'chat_conversations',
    'calls',
    'survey_answers',
    'audit_log',
  ]) {
    await sql`vacuum ${sql.table(table)}`.execute(ctx.db);
  }
}
