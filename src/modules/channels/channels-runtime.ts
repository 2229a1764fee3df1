import type { Context } from '../../platform/context.ts';
import { InboundQueue } from './email/inbound-queue.ts';
import { queueAgentReplies, sendDueReplies } from './email/outbound-email.ts';
import { type InboundSmtp, startInboundSmtp } from './email/smtp-inbound.ts';
import { type ImapPollers, startImapPollers } from './imap/imap-poller.ts';
import { sendMessagingReplies } from './messaging/messaging-outbound.ts';

export interface ChannelsRuntime {
  smtpPort: number | undefined;
  /** Why inbound SMTP is off, when it could not start. */
  smtpError: string | undefined;
  queue: InboundQueue;
  /** Queues and sends what is due now (agent replies by email and messaging); tests call it directly. */
  dispatch(): Promise<void>;
  close(): Promise<void>;
}

/** The first comment id the outbound dispatcher looks after: replies written before channels ran are not mailed. */
async function startingWatermark(ctx: Context): Promise<number> {
  const last = await ctx.db
    .selectFrom('email_outbound')
    .select((eb) => eb.fn.max('comment_id').as('id'))
    .executeTakeFirst();
  if (last?.id != null) return Number(last.id);
  const newest = await ctx.db
    .selectFrom('ticket_comments')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(newest?.id ?? 0);
}

/**
 * Starts the channels of one process: the inbound SMTP server, IMAP polling, and the outbound
 * dispatcher, which wakes on committed ticket changes and sweeps every `sweepMs` for anything missed.
 */
export async function startChannels(
  ctx: Context,
  options: {
    smtp?: boolean;
    smtpPort?: number;
    smtpHost?: string;
    imap?: boolean;
    sweepMs?: number;
    /** How long the dispatcher waits after a reply's notification for the rest of a burst (ms). */
    batchMs?: number;
    maxMessageBytes?: number;
  } = {},
): Promise<ChannelsRuntime> {
  const queue = new InboundQueue(ctx);
  let smtp: InboundSmtp | undefined;
  let smtpError: string | undefined;
  if (options.smtp !== false) {
    const port = options.smtpPort ?? ctx.config.smtpPort;
    try {
      smtp = await startInboundSmtp(ctx, queue, {
        port,
        host: options.smtpHost ?? ctx.config.host,
        maxBytes: options.maxMessageBytes ?? Math.ceil(ctx.config.maxAttachmentBytes * 1.4),
      });
    } catch (error) {
      // A busy port must not take the web service down with it; the start-up message says mail is off.
      smtpError = `inbound SMTP could not listen on port ${port}: ${(error as Error).message}`;
      ctx.log.error({ err: error }, smtpError);
    }
  }
  await queue.recover();
  const watermark = await startingWatermark(ctx);
  let running: Promise<void> | undefined;
  let again = false;
  const dispatch = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await queueAgentReplies(ctx, watermark);
          await sendDueReplies(ctx);
          await sendMessagingReplies(ctx, watermark);
        } catch (error) {
          ctx.log.error({ err: error }, 'outbound dispatch failed; the next sweep retries');
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  // Agents' replies arrive in bursts (a bulk reply, an API client creating many tickets): one dispatch
  // a few milliseconds after the first notification sends them all, instead of a sweep per reply.
  let soon: NodeJS.Timeout | undefined;
  const unsubscribe = ctx.realtime.subscribe('ticket_changes', (payload) => {
    const change = payload as { types?: string[]; actor_user_id?: number | null };
    if (!change.types?.includes('comment.added') || change.actor_user_id == null || soon) return;
    soon = setTimeout(() => {
      soon = undefined;
      void dispatch();
    }, options.batchMs ?? 25);
  });
  const timer = setInterval(() => {
    void dispatch();
    // Messages put back by an admin (reprocess) or left by a failed attempt; the queue skips any already done.
    if (queue.size === 0) void queue.recover().catch((error: unknown) => ctx.log.warn({ err: error }, 'inbound recovery failed'));
  }, options.sweepMs ?? 30_000);
  timer.unref();
  let imap: ImapPollers | undefined;
  if (options.imap !== false) imap = await startImapPollers(ctx, queue);
  return {
    smtpPort: smtp?.port,
    smtpError,
    queue,
    dispatch,
    async close() {
      clearInterval(timer);
      unsubscribe();
      if (soon) {
        clearTimeout(soon);
        soon = undefined;
        void dispatch();
      }
      await imap?.close();
      await smtp?.close();
      await running;
      await queue.idle();
    },
  };
}
