import { randomBytes } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { ImapMailboxesTable, MessagingConnectionsTable } from '../../db/schema.ts';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { sealSecret } from '../../platform/secrets.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { iso } from '../../platform/schemas.ts';
import type {
  connectionBody,
  connectionPatch,
  mailboxBody,
  mailboxPatch,
  supportAddressBody,
  supportAddressPatch,
} from './channels.schemas.ts';

type Row = Record<string, unknown> & { created_at: Date | string; updated_at: Date | string };

const dates = <T extends Row>(row: T) => ({ ...row, created_at: iso(row.created_at) as string, updated_at: iso(row.updated_at) as string });

async function checkGroup(ctx: Context, groupId: number | null | undefined): Promise<void> {
  if (groupId == null) return;
  const group = await ctx.db.selectFrom('groups').select('id').where('id', '=', groupId).executeTakeFirst();
  if (!group)
    throw new AppError('validation_failed', `group_id: group ${groupId} does not exist`, [{ path: 'group_id', message: 'unknown group' }]);
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

// Support addresses.

export async function listSupportAddresses(ctx: Context) {
  const rows = await ctx.db.selectFrom('support_addresses').selectAll().orderBy('email').execute();
  return rows.map(dates);
}

/** Throws validation_failed, name_taken. */
export async function createSupportAddress(ctx: Context, actor: Actor, input: z.infer<typeof supportAddressBody>) {
  await checkGroup(ctx, input.group_id);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('support_addresses')
        .values({ ...input, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, {
        action: 'support_address.created',
        entityType: 'support_address',
        entityId: row.id,
        after: row,
      });
      return dates(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('name_taken', `${input.email} is already a support address.`);
    throw error;
  }
}

/** Throws not_found, validation_failed. */
export async function updateSupportAddress(ctx: Context, actor: Actor, id: number, input: z.infer<typeof supportAddressPatch>) {
  await checkGroup(ctx, input.group_id);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('support_addresses').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('not_found', 'Support address', id);
    const row = await trx
      .updateTable('support_addresses')
      .set({ ...input, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'support_address.updated',
      entityType: 'support_address',
      entityId: id,
      before,
      after: row,
    });
    return dates(row);
  });
}

/** Throws not_found. */
export async function deleteSupportAddress(ctx: Context, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('support_addresses').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound('not_found', 'Support address', id);
    await recordAudit(trx, actor, now, { action: 'support_address.deleted', entityType: 'support_address', entityId: id, before: row });
  });
}

// IMAP mailboxes (the password is write-only).

function presentMailbox(row: Selectable<ImapMailboxesTable>) {
  const { password: _password, uid_validity: _validity, ...rest } = row;
  return {
    ...rest,
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
    last_polled_at: iso(row.last_polled_at),
  };
}

export async function listMailboxes(ctx: Context) {
  const rows = await ctx.db.selectFrom('imap_mailboxes').selectAll().orderBy('name').execute();
  return rows.map(presentMailbox);
}

async function checkAddress(ctx: Context, addressId: number | null | undefined): Promise<void> {
  if (addressId == null) return;
  const row = await ctx.db.selectFrom('support_addresses').select('id').where('id', '=', addressId).executeTakeFirst();
  if (!row)
    throw new AppError('validation_failed', `support_address_id: address ${addressId} does not exist`, [
      { path: 'support_address_id', message: 'unknown support address' },
    ]);
}

/** Throws validation_failed. */
export async function createMailbox(ctx: Context, actor: Actor, input: z.infer<typeof mailboxBody>) {
  await checkAddress(ctx, input.support_address_id);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('imap_mailboxes')
      .values({ ...input, password: sealSecret(ctx.config, input.password), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = presentMailbox(row);
    await recordAudit(trx, actor, now, { action: 'imap_mailbox.created', entityType: 'imap_mailbox', entityId: row.id, after: view });
    return view;
  });
}

/** Throws not_found, validation_failed. A changed folder or server starts again from the first unseen message. */
export async function updateMailbox(ctx: Context, actor: Actor, id: number, input: z.infer<typeof mailboxPatch>) {
  await checkAddress(ctx, input.support_address_id);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('imap_mailboxes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('not_found', 'Mailbox', id);
    const moved =
      (input.host !== undefined && input.host !== before.host) || (input.folder !== undefined && input.folder !== before.folder);
    const row = await trx
      .updateTable('imap_mailboxes')
      .set({
        ...input,
        ...(input.password !== undefined ? { password: sealSecret(ctx.config, input.password) } : {}),
        ...(moved ? { last_uid: 0, uid_validity: null } : {}),
        last_error: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = presentMailbox(row);
    await recordAudit(trx, actor, now, {
      action: 'imap_mailbox.updated',
      entityType: 'imap_mailbox',
      entityId: id,
      before: presentMailbox(before),
      after: view,
    });
    return view;
  });
}

/** Throws not_found. */
export async function deleteMailbox(ctx: Context, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('imap_mailboxes').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound('not_found', 'Mailbox', id);
    await recordAudit(trx, actor, now, {
      action: 'imap_mailbox.deleted',
      entityType: 'imap_mailbox',
      entityId: id,
      before: presentMailbox(row),
    });
  });
}

// Messaging connections (the secret is shown once).

function presentConnection(ctx: Context, row: Selectable<MessagingConnectionsTable>, showSecret = false) {
  const { secret, ...rest } = row;
  return {
    ...rest,
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
    inbound_url: `${ctx.config.publicUrl}/api/v1/messaging/${row.id}/inbound`,
    ...(showSecret ? { secret } : {}),
  };
}

export async function listConnections(ctx: Context) {
  const rows = await ctx.db.selectFrom('messaging_connections').selectAll().orderBy('name').execute();
  return rows.map((row) => presentConnection(ctx, row));
}

/** Throws validation_failed, name_taken. */
export async function createConnection(ctx: Context, actor: Actor, input: z.infer<typeof connectionBody>) {
  await checkGroup(ctx, input.group_id);
  const now = ctx.clock.now();
  const secret = randomBytes(32).toString('base64url');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('messaging_connections')
        .values({ ...input, secret: sealSecret(ctx.config, secret), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, {
        action: 'messaging_connection.created',
        entityType: 'messaging_connection',
        entityId: row.id,
        after: presentConnection(ctx, row),
      });
      return presentConnection(ctx, { ...row, secret }, true);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('name_taken', `A messaging connection is already named ${input.name}.`);
    throw error;
  }
}

/** Throws not_found, validation_failed, name_taken. `rotate_secret` issues a new secret, shown once. */
export async function updateConnection(
  ctx: Context,
  actor: Actor,
  id: number,
  input: z.infer<typeof connectionPatch>,
  rotateSecret = false,
) {
  await checkGroup(ctx, input.group_id);
  // Stored sealed; the new secret is shown once, in this answer.
  const newSecret = rotateSecret ? randomBytes(32).toString('base64url') : undefined;
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('messaging_connections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('not_found', 'Messaging connection', id);
      const row = await trx
        .updateTable('messaging_connections')
        .set({ ...input, ...(newSecret !== undefined ? { secret: sealSecret(ctx.config, newSecret) } : {}), updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, now, {
        action: rotateSecret ? 'messaging_connection.secret_rotated' : 'messaging_connection.updated',
        entityType: 'messaging_connection',
        entityId: id,
        before: presentConnection(ctx, before),
        after: presentConnection(ctx, row),
      });
      return presentConnection(ctx, { ...row, secret: newSecret ?? '' }, rotateSecret);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('name_taken', `A messaging connection is already named ${input.name}.`);
    throw error;
  }
}

/** Throws not_found. */
export async function deleteConnection(ctx: Context, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('messaging_connections').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound('not_found', 'Messaging connection', id);
    await recordAudit(trx, actor, now, {
      action: 'messaging_connection.deleted',
      entityType: 'messaging_connection',
      entityId: id,
      before: presentConnection(ctx, row),
    });
  });
}

// Inbound mail: the list of stored messages (quarantine: status failed), the raw copy, reprocessing.

const inboundColumns = [
  'id',
  'source',
  'mailbox_id',
  'mail_from',
  'rcpt_to',
  'message_id',
  'subject',
  'size_bytes',
  'status',
  'flag',
  'error',
  'ticket_id',
  'comment_id',
  'attempts',
  'received_at',
  'processed_at',
] as const;

export async function listInboundEmails(ctx: Context, query: { limit: number; cursor?: string | undefined; status?: string | undefined }) {
  const after = decodeCursor(query.cursor, 1)?.[0];
  let select = ctx.db
    .selectFrom('inbound_emails')
    .select([...inboundColumns])
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.status) select = select.where('status', '=', query.status as 'failed');
  if (typeof after === 'number') select = select.where('id', '<', after);
  const rows = await select.execute();
  return toPage(
    rows,
    query.limit,
    (r) => [r.id],
    (r) => ({ ...r, received_at: iso(r.received_at) as string, processed_at: iso(r.processed_at) }),
  );
}

/** Throws not_found. */
export async function readInboundRaw(ctx: Context, id: number): Promise<Buffer> {
  const row = await ctx.db.selectFrom('inbound_emails').select('raw').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('not_found', 'Inbound email', id);
  return Buffer.from(row.raw);
}

/** Puts a failed or ignored message back in the queue (after a fix, e.g. a new required field). Throws not_found, invalid_transition. */
export async function reprocessInboundEmail(ctx: Context, actor: Actor, id: number) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('inbound_emails').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('not_found', 'Inbound email', id);
    if (row.status === 'processed') throw new AppError('invalid_transition', `Inbound email ${id} already made its ticket or comment.`);
    const updated = await trx
      .updateTable('inbound_emails')
      .set({ status: 'received', flag: null, error: null, attempts: 0, processed_at: null })
      .where('id', '=', id)
      .returning([...inboundColumns])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'inbound_email.reprocessed',
      entityType: 'inbound_email',
      entityId: id,
      before: { status: row.status },
    });
    return { ...updated, received_at: iso(updated.received_at) as string, processed_at: iso(updated.processed_at) };
  });
}

/** The channel's copy of a message: full text with quotes, sanitised HTML, headers. Throws not_found. */
export async function getChannelMessage(ctx: Context, commentId: number) {
  const row = await ctx.db.selectFrom('channel_messages').selectAll().where('comment_id', '=', commentId).executeTakeFirst();
  if (!row) throw notFound('not_found', 'Channel message', commentId);
  return { ...row, created_at: iso(row.created_at) as string };
}

/** Messages of a ticket by channel, in order: one conversation across email, phone and messaging. */
export async function listTicketChannelMessages(ctx: Context, ticketId: number) {
  const rows = await ctx.db
    .selectFrom('channel_messages')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy(sql`created_at`)
    .orderBy('comment_id')
    .execute();
  return rows.map((row) => ({ ...row, created_at: iso(row.created_at) as string }));
}
