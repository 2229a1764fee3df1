import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Context } from '../../../platform/context.ts';
import { systemActor } from '../../../platform/context.ts';
import { addComment } from '../../tickets/index.ts';
import { maskCardNumbers } from '../card-numbers.ts';
import * as repo from './email.repository.ts';
import type { ParsedEmail } from './parse-email.ts';

type Db = Kysely<Database>;

/** Minutes to wait before each retry; after the last, the reply is marked failed on the ticket. */
export const retryBackoffMinutes = [1, 5, 30, 120, 360];

function domainOf(address: string): string {
  return address.split('@')[1] ?? 'localhost';
}

/** The recipients of a ticket's public replies: the requester's primary email and the followers'. */
async function recipientsOf(db: Db, ticketId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('tickets as t')
    .innerJoin('customer_identities as i', 'i.customer_id', 't.requester_id')
    .select(['i.value', 'i.is_primary'])
    .where('t.id', '=', ticketId)
    .where('i.kind', '=', 'email')
    .orderBy('i.is_primary', 'desc')
    .orderBy('i.id')
    .execute();
  const followers = await db
    .selectFrom('ticket_followers as f')
    .innerJoin('customer_identities as i', 'i.customer_id', 'f.customer_id')
    .select('i.value')
    .where('f.ticket_id', '=', ticketId)
    .where('i.kind', '=', 'email')
    .where('i.is_primary', '=', true)
    .execute();
  return [...new Set([...(rows[0] ? [rows[0].value] : []), ...followers.map((f) => f.value)])];
}

/**
 * Queues an email for each public agent reply after `afterCommentId` that has none yet, on tickets
 * whose conversation is not on a messaging channel (its latest inbound message was not messaging).
 * Answers how many were queued.
 */
export async function queueAgentReplies(ctx: Context, afterCommentId: number, ticketId?: number): Promise<number> {
  let query = ctx.db
    .selectFrom('ticket_comments as c')
    .select(['c.id', 'c.ticket_id'])
    .where('c.id', '>', afterCommentId)
    .where('c.public', '=', true)
    .where('c.author_user_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('email_outbound as o').select('o.id').whereRef('o.comment_id', '=', 'c.id'))),
    )
    .orderBy('c.id')
    .limit(500);
  if (ticketId !== undefined) query = query.where('c.ticket_id', '=', ticketId);
  const comments = await query.execute();
  const now = ctx.clock.now();
  let queued = 0;
  for (const comment of comments) {
    const last = await ctx.db
      .selectFrom('channel_messages')
      .select('channel')
      .where('ticket_id', '=', comment.ticket_id)
      .where('direction', '=', 'inbound')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    // A messaging conversation is answered on its own channel (messaging-outbound.ts); skipped here for good.
    const onMessaging = last?.channel === 'messaging';
    const recipients = onMessaging ? [] : await recipientsOf(ctx.db, comment.ticket_id);
    const messageId = `<ticket-${comment.ticket_id}-reply-${comment.id}.${randomBytes(6).toString('hex')}@${domainOf(ctx.config.supportEmail)}>`;
    const inserted = await ctx.db
      .insertInto('email_outbound')
      .values({
        comment_id: comment.id,
        ticket_id: comment.ticket_id,
        recipients,
        message_id: messageId,
        status: recipients.length ? 'pending' : 'skipped',
        last_error: recipients.length ? null : onMessaging ? 'answered on the messaging channel' : 'the requester has no email address',
        next_attempt_at: recipients.length ? now : null,
        created_at: now,
      })
      .onConflict((oc) => oc.column('comment_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted && recipients.length) queued++;
  }
  return queued;
}

async function threadHeaders(db: Db, ticketId: number, before: Date) {
  const ids = await db
    .selectFrom('email_message_ids')
    .select(['message_id', 'direction'])
    .where('ticket_id', '=', ticketId)
    .where('created_at', '<=', before)
    .orderBy('created_at')
    .execute();
  const all = ids.map((r) => r.message_id);
  const references = all.length > 20 ? [all[0] as string, ...all.slice(-19)] : all;
  const lastInbound = [...ids].reverse().find((r) => r.direction === 'inbound')?.message_id;
  return { inReplyTo: lastInbound ?? all.at(-1), references };
}

async function replyAddress(ctx: Context, ticketId: number): Promise<string> {
  const first = await ctx.db
    .selectFrom('channel_messages')
    .select(sql<string | null>`metadata->>'support_address'`.as('address'))
    .where('ticket_id', '=', ticketId)
    .where('channel', '=', 'email')
    .where('direction', '=', 'inbound')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return first?.address ?? ctx.config.supportEmail;
}

/** Sends every queued reply that is due, one attempt each; failures are retried with backoff. Answers how many were sent. */
export async function sendDueReplies(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('email_outbound as o')
    .innerJoin('ticket_comments as c', 'c.id', 'o.comment_id')
    .innerJoin('tickets as t', 't.id', 'o.ticket_id')
    .select(['o.id', 'o.ticket_id', 'o.comment_id', 'o.recipients', 'o.message_id', 'o.attempts', 'c.body', 'c.created_at', 't.subject'])
    .where('o.status', '=', 'pending')
    .where('o.next_attempt_at', '<=', now)
    .orderBy('o.id')
    .limit(50)
    .execute();
  let sent = 0;
  for (const mail of due) {
    const thread = await threadHeaders(ctx.db, mail.ticket_id, new Date(mail.created_at));
    const address = await replyAddress(ctx, mail.ticket_id);
    const headers: Record<string, string> = { 'Message-ID': mail.message_id, 'Reply-To': address };
    if (thread.inReplyTo) headers['In-Reply-To'] = thread.inReplyTo;
    if (thread.references.length) headers.References = thread.references.join(' ');
    const body = maskCardNumbers(mail.body).text;
    try {
      await ctx.mailer.send({
        to: mail.recipients.join(', '),
        subject: `[#${mail.ticket_id}] ${mail.subject.replace(/\[#\d+\]\s*/g, '')}`,
        text: `${body}\n\n--\nTicket #${mail.ticket_id}. Reply to this email to add to the conversation.`,
        headers,
      });
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('email_outbound')
          .set({ status: 'sent', sent_at: now, attempts: mail.attempts + 1, last_error: null })
          .where('id', '=', mail.id)
          .execute();
        await repo.recordMessageId(trx, {
          message_id: mail.message_id,
          ticket_id: mail.ticket_id,
          comment_id: mail.comment_id,
          direction: 'outbound',
          created_at: now,
        });
        await repo.insertChannelMessage(trx, {
          comment_id: mail.comment_id,
          ticket_id: mail.ticket_id,
          channel: 'email',
          direction: 'outbound',
          source: 'smtp',
          external_id: null,
          full_text: body,
          html: null,
          metadata: { message_id: mail.message_id, to: mail.recipients, reply_to: address },
          created_at: now,
        });
      });
      sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const wait = retryBackoffMinutes[attempts - 1];
      await ctx.db
        .updateTable('email_outbound')
        .set({
          attempts,
          status: wait === undefined ? 'failed' : 'pending',
          next_attempt_at: wait === undefined ? null : new Date(now.getTime() + wait * 60_000),
          last_error: (error as Error).message.slice(0, 500),
        })
        .where('id', '=', mail.id)
        .execute();
      ctx.log.warn({ err: error, ticketId: mail.ticket_id, attempts }, 'an email reply could not be sent');
    }
  }
  return sent;
}

/** A delivery status notification: the reply it names is marked undelivered and an internal note says why. */
export async function recordBounce(ctx: Context, bounce: NonNullable<ParsedEmail['bounce']>, now: Date): Promise<void> {
  if (!bounce.originalMessageId) return;
  const row = await ctx.db
    .updateTable('email_outbound')
    .set({ status: 'undelivered', last_error: bounce.reason.slice(0, 500) })
    .where('message_id', '=', bounce.originalMessageId)
    .returning(['ticket_id', 'recipients'])
    .executeTakeFirst();
  if (!row) return;
  const ticket = await repo.findTicket(ctx.db, row.ticket_id);
  if (!ticket || ticket.status === 'closed') return;
  const to = bounce.recipients.length ? bounce.recipients : row.recipients;
  await addComment(ctx, systemActor, row.ticket_id, {
    body: `The email reply to ${to.join(', ')} was not delivered: ${bounce.reason}`.slice(0, 2000),
    public: false,
    channel: 'email',
  });
  ctx.log.info({ ticketId: row.ticket_id, at: now.toISOString() }, 'bounce recorded');
}
