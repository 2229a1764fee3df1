import type { Actor, Context, UserActor } from '../../../platform/context.ts';
import { systemActor } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { ensureCustomerForEmail } from '../../customers/index.ts';
import { addComment, createTicket, uploadAttachment } from '../../tickets/index.ts';
import { maskCardNumbers } from '../card-numbers.ts';
import * as repo from './email.repository.ts';
import { type ParsedEmail, parseEmail, ticketNumberInSubject } from './parse-email.ts';

/** Mails from one sender in an hour beyond which further mail is held as a probable loop. */
export const senderHourlyLimit = 30;
const maxBody = 60_000;

export type IngestOutcome =
  | { status: 'processed'; ticketId: number; commentId: number; created: boolean }
  | { status: 'ignored' | 'failed'; flag: string; error?: string };

const customerActor = (customerId: number, name: string): Actor => ({
  userId: null,
  role: 'customer',
  customerId,
  name,
  via: 'system',
});

/** Uploads the message's files through the tickets module; a refused file is named in the metadata, never fatal. */
async function storeAttachments(ctx: Context, email: ParsedEmail) {
  const stored: { id: number; url: string; contentId: string | undefined }[] = [];
  const refused: { filename: string; reason: string }[] = [];
  // Files stored by the channel belong to no user (uploaded_by_user_id null), as attachUploads expects for system actors.
  const uploader = { ...systemActor, userId: null } as unknown as UserActor;
  for (const file of email.attachments) {
    try {
      const view = await uploadAttachment(ctx, uploader, null, { filename: file.filename, mimetype: file.contentType, data: file.content });
      stored.push({ id: view.id, url: view.url, contentId: file.contentId });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push({ filename: file.filename, reason: error.message });
    }
  }
  return { stored, refused };
}

function displayHtml(html: string | undefined, inline: { url: string; contentId: string | undefined }[]): string | null {
  if (!html) return null;
  let result = html;
  for (const image of inline) {
    if (image.contentId) result = result.split(`cid:${image.contentId}`).join(image.url);
  }
  return result;
}

/** Where a message belongs: the thread it answers (In-Reply-To, References), or the ticket its subject names. */
async function threadTicket(ctx: Context, email: ParsedEmail, senderCustomerId: number, senderIsAgent: boolean) {
  const byHeaders = await repo.ticketForMessageIds(ctx.db, [...email.inReplyTo, ...[...email.references].reverse()]);
  if (byHeaders) return repo.findTicket(ctx.db, byHeaders);
  const number = ticketNumberInSubject(email.subject);
  if (number === undefined) return undefined;
  const ticket = await repo.findTicket(ctx.db, number);
  // A subject tag alone joins only mail from people on the ticket, so a stranger cannot write into it.
  if (!ticket) return undefined;
  if (senderIsAgent || ticket.requester_id === senderCustomerId || (await repo.isFollower(ctx.db, ticket.id, senderCustomerId)))
    return ticket;
  return undefined;
}

/**
 * Turns one stored inbound message into a new ticket or a comment on the thread it answers, and
 * records its Message-ID, full text, sanitised HTML and followers. Idempotent: a processed message
 * is left alone, and a retry after a crash adopts the comment the earlier attempt wrote.
 */
export async function ingestInboundEmail(ctx: Context, inboundId: number): Promise<IngestOutcome | undefined> {
  const row = await repo.findInbound(ctx.db, inboundId);
  if (!row || row.status !== 'received') return undefined;
  const attempt = await repo.countAttempt(ctx.db, inboundId);
  const now = ctx.clock.now();
  const finish = async (outcome: Exclude<IngestOutcome, { status: 'processed' }>, subject?: string) => {
    await repo.markInbound(ctx.db, inboundId, {
      status: outcome.status,
      flag: outcome.flag,
      error: outcome.error ?? null,
      subject: subject ?? null,
      processed_at: now,
    });
    return outcome;
  };

  let email: ParsedEmail;
  try {
    email = await parseEmail(Buffer.from(row.raw), row.mail_from);
  } catch (error) {
    return finish({ status: 'failed', flag: 'unparseable', error: (error as Error).message.slice(0, 500) });
  }
  const subject = email.subject.slice(0, 250);
  if (email.bounce) {
    const { recordBounce } = await import('./outbound-email.ts');
    await recordBounce(ctx, email.bounce, now);
    return finish({ status: 'ignored', flag: 'bounce', error: email.bounce.reason.slice(0, 500) }, subject);
  }
  if (email.autoReply) return finish({ status: 'ignored', flag: 'auto_reply', error: email.autoReply }, subject);
  // Without a From header the envelope sender is not trusted: it is often a bounce or relay address.
  const sender = email.from?.address;
  if (!sender || !/^[^\s@]+@[^\s@]+$/.test(sender)) return finish({ status: 'failed', flag: 'no_sender' }, subject);
  if (sender.toLowerCase() === ctx.config.supportEmail.toLowerCase() || (await repo.findSupportAddress(ctx.db, sender)))
    return finish({ status: 'ignored', flag: 'loop', error: 'sent from a support address' }, subject);
  const since = new Date(now.getTime() - 3_600_000);
  if ((await repo.recentMessagesFrom(ctx.db, sender, since)) > senderHourlyLimit)
    return finish(
      { status: 'ignored', flag: 'rate_limited', error: `more than ${senderHourlyLimit} messages from ${sender} in an hour` },
      subject,
    );

  try {
    return await deliver(
      ctx,
      { inboundId, attempt, receivedAt: new Date(row.received_at), rcptTo: row.rcpt_to, source: row.source, mailboxId: row.mailbox_id },
      email,
      sender,
    );
  } catch (error) {
    if (error instanceof AppError) return finish({ status: 'failed', flag: 'rejected', error: error.message.slice(0, 500) }, subject);
    if (attempt >= 5) return finish({ status: 'failed', flag: 'error', error: (error as Error).message.slice(0, 500) }, subject);
    throw error;
  }
}

interface Arrival {
  inboundId: number;
  attempt: number;
  receivedAt: Date;
  rcptTo: string[];
  source: 'smtp' | 'imap';
  mailboxId: number | null;
}

async function supportGroup(ctx: Context, rcptTo: string[], email: ParsedEmail, mailboxId: number | null) {
  if (mailboxId !== null) {
    const mailbox = await ctx.db.selectFrom('imap_mailboxes').select('support_address_id').where('id', '=', mailboxId).executeTakeFirst();
    if (mailbox?.support_address_id) {
      const address = await ctx.db
        .selectFrom('support_addresses')
        .selectAll()
        .where('id', '=', mailbox.support_address_id)
        .executeTakeFirst();
      if (address) return address;
    }
  }
  for (const candidate of [...rcptTo, ...email.to.map((a) => a.address), ...email.cc.map((a) => a.address)]) {
    const address = await repo.findSupportAddress(ctx.db, candidate);
    if (address) return address;
  }
  return undefined;
}

async function deliver(ctx: Context, arrival: Arrival, email: ParsedEmail, sender: string): Promise<IngestOutcome> {
  const now = ctx.clock.now();
  const senderName = email.from?.name || undefined;
  const customer = await ensureCustomerForEmail(ctx.db, sender, senderName, now);
  const agent = await repo.findAgentByEmail(ctx.db, sender);
  const body = maskCardNumbers(email.reply || '(no text)').text.slice(0, maxBody);
  const fullText = maskCardNumbers(email.text).text;
  const ticket = await threadTicket(ctx, email, customer.id, agent !== undefined);
  const address = await supportGroup(ctx, arrival.rcptTo, email, arrival.mailboxId);

  let ticketId: number;
  let commentId: number;
  let created = false;
  const adopted = arrival.attempt > 1 ? await repo.findAdoptableComment(ctx.db, customer.id, body, arrival.receivedAt) : undefined;
  const files = adopted ? { stored: [], refused: [] } : await storeAttachments(ctx, email);
  const attachmentIds = files.stored.map((f) => f.id).slice(0, 20);
  if (adopted) {
    ticketId = adopted.ticket_id;
    commentId = adopted.id;
  } else if (ticket) {
    const followerWrote = !agent && ticket.requester_id !== customer.id;
    const actor: Actor = agent
      ? { userId: agent.id, role: agent.role, customerId: agent.customer_id, name: agent.name, via: 'system' }
      : customerActor(ticket.requester_id, customer.name);
    const comment = await addComment(ctx, actor, ticket.id, { body, public: true, channel: 'email', attachment_ids: attachmentIds });
    ticketId = comment.ticket_id;
    commentId = comment.id;
    if (followerWrote) await repo.setCommentAuthor(ctx.db, commentId, customer.id);
  } else {
    const view = await createTicket(ctx, systemActor, {
      subject: subject(email),
      description: body,
      requester: { email: sender, ...(senderName ? { name: senderName.slice(0, 200) } : {}) },
      priority: 'p3',
      type: 'question',
      tags: [],
      custom_fields: {},
      channel: 'email',
      group_id: address?.group_id ?? null,
      attachment_ids: attachmentIds,
    });
    ticketId = view.id;
    commentId = await repo.firstCommentId(ctx.db, view.id);
    created = true;
  }

  const followers: number[] = [];
  for (const cc of [...email.cc, ...email.to]) {
    if (cc.address === sender || cc.address === ctx.config.supportEmail.toLowerCase()) continue;
    if (arrival.rcptTo.includes(cc.address) || (await repo.findSupportAddress(ctx.db, cc.address))) continue;
    try {
      const follower = await ensureCustomerForEmail(ctx.db, cc.address, cc.name || undefined, now);
      followers.push(follower.id);
    } catch {
      // An unusable CC address is skipped; the message itself is still delivered.
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertChannelMessage(trx, {
      comment_id: commentId,
      ticket_id: ticketId,
      channel: 'email',
      direction: 'inbound',
      source: arrival.mailboxId !== null ? `imap:${arrival.mailboxId}` : 'smtp',
      external_id: email.messageId ?? null,
      full_text: fullText,
      html: displayHtml(email.html, files.stored),
      metadata: {
        inbound_email_id: arrival.inboundId,
        from: email.from ?? null,
        to: email.to,
        cc: email.cc,
        subject: email.subject,
        support_address: address?.email ?? ctx.config.supportEmail,
        refused_attachments: files.refused,
        list_mail: email.listMail,
      },
      created_at: now,
    });
    if (email.messageId)
      await repo.recordMessageId(trx, {
        message_id: email.messageId,
        ticket_id: ticketId,
        comment_id: commentId,
        direction: 'inbound',
        created_at: now,
      });
    await repo.addFollowers(
      trx,
      ticketId,
      followers.filter((id) => id !== customer.id),
      now,
    );
    await repo.markInbound(trx, arrival.inboundId, {
      status: 'processed',
      flag: email.malformed ? 'malformed_mime' : null,
      subject: email.subject.slice(0, 250),
      ticket_id: ticketId,
      comment_id: commentId,
      processed_at: now,
    });
  });
  return { status: 'processed', ticketId, commentId, created };
}

function subject(email: ParsedEmail): string {
  const cleaned = email.subject.replace(/\[#\d+\]\s*/g, '').trim();
  return (cleaned || '(no subject)').slice(0, 250);
}
