import type { Selectable } from 'kysely';
import { ImapFlow } from 'imapflow';
import type { ImapMailboxesTable } from '../../../db/schema.ts';
import type { Context } from '../../../platform/context.ts';
import { openSecret } from '../../../platform/secrets.ts';
import { insertInbound } from '../email/email.repository.ts';
import type { InboundQueue } from '../email/inbound-queue.ts';
import { peekMessageId } from '../email/parse-email.ts';

type Mailbox = Selectable<ImapMailboxesTable>;

export interface ImapPollers {
  close(): Promise<void>;
}

function clientFor(mailbox: Mailbox): ImapFlow {
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.tls,
    auth: { user: mailbox.username, pass: mailbox.password },
    logger: false,
    // Keep idling between our polls; the first command after a quiet second breaks IDLE.
    autoIdleDelay: 1000,
    connectionTimeout: 30_000,
  });
}

async function loadMailbox(ctx: Context, id: number): Promise<Mailbox | undefined> {
  const row = await ctx.db.selectFrom('imap_mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  // The password is stored sealed (platform/secrets.ts).
  return row && { ...row, password: openSecret(ctx.config, row.password) };
}

/**
 * Fetches the messages after the last UID taken, stores each raw (the Message-ID keeps a message
 * seen before from being stored twice), records progress, then marks them \Seen or moves them to the
 * processed folder. A changed UIDVALIDITY starts the folder over; the Message-IDs prevent duplicates.
 * Answers how many new messages were stored.
 */
export async function pollMailbox(ctx: Context, queue: InboundQueue, client: ImapFlow, mailboxId: number): Promise<number> {
  const mailbox = await loadMailbox(ctx, mailboxId);
  if (!mailbox) return 0;
  const lock = await client.getMailboxLock(mailbox.folder);
  let stored = 0;
  try {
    const opened = client.mailbox;
    const validity = opened && typeof opened === 'object' ? String(opened.uidValidity) : null;
    let lastUid = validity !== null && validity === mailbox.uid_validity ? mailbox.last_uid : 0;
    const taken: number[] = [];
    const exists = opened && typeof opened === 'object' ? opened.exists : 0;
    if (exists > 0) {
      const batch: { uid: number; source: Buffer }[] = [];
      for await (const message of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
        if (message.uid > lastUid && message.source) batch.push({ uid: message.uid, source: message.source });
      }
      batch.sort((a, b) => a.uid - b.uid);
      for (const message of batch) {
        const result = await insertInbound(ctx.db, {
          source: 'imap',
          mailbox_id: mailbox.id,
          mail_from: null,
          rcpt_to: [],
          message_id: peekMessageId(message.source) ?? null,
          raw: message.source,
          received_at: ctx.clock.now(),
        });
        if (!result.duplicate) {
          queue.enqueue(result.id);
          stored++;
        }
        lastUid = message.uid;
        taken.push(message.uid);
        await ctx.db
          .updateTable('imap_mailboxes')
          .set({ last_uid: lastUid, uid_validity: validity })
          .where('id', '=', mailbox.id)
          .execute();
      }
    }
    if (taken.length) {
      if (mailbox.processed_folder) {
        await client.mailboxCreate(mailbox.processed_folder).catch(() => undefined);
        await client.messageMove(taken, mailbox.processed_folder, { uid: true });
      } else {
        await client.messageFlagsAdd(taken, ['\\Seen'], { uid: true });
      }
    }
    await ctx.db
      .updateTable('imap_mailboxes')
      .set({ uid_validity: validity, last_polled_at: ctx.clock.now(), last_error: null })
      .where('id', '=', mailbox.id)
      .execute();
  } finally {
    lock.release();
  }
  return stored;
}

/** Polls one mailbox until stopped: after each poll it idles (IDLE where the server offers it) until new mail or `pollMs`. */
class MailboxWatcher {
  private stopped = false;
  private client: ImapFlow | undefined;
  private wake: (() => void) | undefined;
  readonly done: Promise<void>;

  constructor(
    private readonly ctx: Context,
    private readonly queue: InboundQueue,
    private readonly mailboxId: number,
    private readonly pollMs: number,
  ) {
    this.done = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const mailbox = await loadMailbox(this.ctx, this.mailboxId);
        if (!mailbox?.active) return;
        if (!this.client?.usable) {
          this.client = clientFor(mailbox);
          this.client.on('exists', () => this.wake?.());
          this.client.on('error', (error: Error) => this.ctx.log.warn({ err: error, mailboxId: this.mailboxId }, 'IMAP connection error'));
          await this.client.connect();
        }
        await pollMailbox(this.ctx, this.queue, this.client, this.mailboxId);
        // Keep the folder selected so the server's IDLE tells us of new mail.
        await this.client.mailboxOpen(mailbox.folder);
        failures = 0;
        await this.sleep(this.pollMs);
      } catch (error) {
        failures++;
        const message = (error as Error).message.slice(0, 500);
        this.ctx.log.warn({ err: error, mailboxId: this.mailboxId }, 'IMAP poll failed');
        await this.ctx.db
          .updateTable('imap_mailboxes')
          .set({ last_error: message })
          .where('id', '=', this.mailboxId)
          .execute()
          .catch(() => undefined);
        await this.client?.logout().catch(() => undefined);
        this.client = undefined;
        await this.sleep(Math.min(300_000, 2000 * 2 ** Math.min(failures, 8)));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      // stop() may have come while a poll ran: its wake-up went to the previous sleep.
      if (this.stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done.catch(() => undefined);
    await this.client?.logout().catch(() => undefined);
  }
}

/** One watcher per active mailbox; mailboxes added, changed or removed are picked up every `refreshMs`. */
export async function startImapPollers(
  ctx: Context,
  queue: InboundQueue,
  options: { pollMs?: number; refreshMs?: number } = {},
): Promise<ImapPollers> {
  const watchers = new Map<number, { watcher: MailboxWatcher; updatedAt: number }>();
  const refresh = async () => {
    const mailboxes = await ctx.db.selectFrom('imap_mailboxes').select(['id', 'active', 'updated_at']).execute();
    const wanted = new Map(mailboxes.filter((m) => m.active).map((m) => [m.id, new Date(m.updated_at).getTime()]));
    for (const [id, entry] of watchers) {
      if (wanted.get(id) !== entry.updatedAt) {
        watchers.delete(id);
        await entry.watcher.stop();
      }
    }
    for (const [id, updatedAt] of wanted) {
      if (!watchers.has(id)) watchers.set(id, { watcher: new MailboxWatcher(ctx, queue, id, options.pollMs ?? 60_000), updatedAt });
    }
  };
  await refresh();
  const timer = setInterval(
    () => void refresh().catch((error: unknown) => ctx.log.warn({ err: error }, 'IMAP mailbox refresh failed')),
    options.refreshMs ?? 30_000,
  );
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await Promise.all([...watchers.values()].map((entry) => entry.watcher.stop()));
      watchers.clear();
    },
  };
}
