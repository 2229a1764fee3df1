import { openSecret } from '../../../platform/secrets.ts';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dovecot, hasDovecot, startDovecot } from '../../../../test/dovecot.ts';
import { api, makeUser, type TestUser } from '../../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../../test/harness.ts';
import { InboundQueue } from '../email/inbound-queue.ts';
import { pollMailbox, startImapPollers } from './imap-poller.ts';

const user = 'help@example.test';
const password = 'imap-secret-1';
// A second account on the same server keeps the tests' mail apart.
const other = 'moved@example.test';
let env: TestEnvironment;
let dovecot: Dovecot;
let admin: TestUser;
let seq = 0;

const message = (id: string, subject: string, body: string) =>
  [`From: Pat <pat@customer.test>`, `To: ${user}`, `Subject: ${subject}`, `Message-ID: <${id}@customer.test>`, '', body, ''].join('\r\n');

async function connect(mailboxId: number): Promise<ImapFlow> {
  const row = await env.ctx.db.selectFrom('imap_mailboxes').selectAll().where('id', '=', mailboxId).executeTakeFirstOrThrow();
  const client = new ImapFlow({
    host: row.host,
    port: row.port,
    secure: row.tls,
    auth: { user: row.username, pass: openSecret(env.ctx.config, row.password) },
    logger: false,
  });
  await client.connect();
  return client;
}

async function ticketsWithSubject(subject: string) {
  return env.ctx.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute();
}

describe.skipIf(!hasDovecot)('IMAP mailboxes against a real Dovecot', () => {
  beforeAll(async () => {
    dovecot = await startDovecot([
      { user, password },
      { user: other, password },
    ]);
    env = await createTestEnvironment();
    admin = await makeUser(env.ctx, 'admin');
  }, 30_000);

  afterAll(async () => {
    await env?.close();
    await dovecot?.stop();
  });

  async function addMailbox(fields: Record<string, unknown> = {}) {
    const created = await api(env.app, 'POST', '/api/v1/channels/mailboxes', {
      as: admin,
      body: { name: `Help ${++seq}`, host: '127.0.0.1', port: dovecot.port, tls: false, username: user, password, ...fields },
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('password');
    return created.body.id as number;
  }

  it('turns new mail into tickets, marks it seen, and resumes after a restart without duplicates', async () => {
    const mailboxId = await addMailbox();
    await dovecot.append(user, message('imap-1', 'Imap one', 'First'));
    await dovecot.append(user, message('imap-2', 'Imap two', 'Second'));
    const queue = new InboundQueue(env.ctx);
    let client = await connect(mailboxId);
    expect(await pollMailbox(env.ctx, queue, client, mailboxId)).toBe(2);
    await queue.idle();
    expect(await ticketsWithSubject('Imap one')).toHaveLength(1);
    expect(await ticketsWithSubject('Imap two')).toHaveLength(1);
    const flags: string[][] = [];
    await client.mailboxOpen('INBOX');
    for await (const m of client.fetch('1:*', { flags: true })) flags.push([...(m.flags ?? [])]);
    expect(flags.every((f) => f.includes('\\Seen'))).toBe(true);
    await client.logout();

    // A restart that lost its place (as if it died before saving the last UID) takes nothing twice.
    await env.ctx.db.updateTable('imap_mailboxes').set({ last_uid: 0 }).where('id', '=', mailboxId).execute();
    await dovecot.append(user, message('imap-3', 'Imap three', 'Third'));
    client = await connect(mailboxId);
    expect(await pollMailbox(env.ctx, queue, client, mailboxId)).toBe(1);
    await queue.idle();
    await client.logout();
    expect(await ticketsWithSubject('Imap one')).toHaveLength(1);
    expect(await ticketsWithSubject('Imap three')).toHaveLength(1);
    const rows = await env.ctx.db.selectFrom('inbound_emails').select('message_id').where('mailbox_id', '=', mailboxId).execute();
    expect(rows.map((r) => r.message_id).sort()).toEqual(['<imap-1@customer.test>', '<imap-2@customer.test>', '<imap-3@customer.test>']);
    await api(env.app, 'PATCH', `/api/v1/channels/mailboxes/${mailboxId}`, { as: admin, body: { active: false } });
  });

  it('moves processed mail to a folder when one is set, and hears of new mail through IDLE', async () => {
    const mailboxId = await addMailbox({ username: other, processed_folder: 'Processed' });
    await env.ctx.db.updateTable('imap_mailboxes').set({ active: false }).where('id', '!=', mailboxId).execute();
    const queue = new InboundQueue(env.ctx);
    const pollers = await startImapPollers(env.ctx, queue, { pollMs: 600_000, refreshMs: 600_000 });
    try {
      // Wait for the first poll to finish, so that the message can only arrive through IDLE.
      for (let i = 0; i < 100; i++) {
        const row = await env.ctx.db.selectFrom('imap_mailboxes').select('last_polled_at').where('id', '=', mailboxId).executeTakeFirst();
        if (row?.last_polled_at) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await dovecot.append(other, message('idle-1', 'Idle one', 'Heard through IDLE'));
      let found = 0;
      for (let i = 0; i < 100 && found === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await queue.idle();
        found = (await ticketsWithSubject('Idle one')).length;
      }
      expect(found).toBe(1);
    } finally {
      await pollers.close();
    }
    const client = await dovecot.client(other);
    const inbox = await client.status('INBOX', { messages: true });
    const processed = await client.status('Processed', { messages: true });
    await client.logout();
    expect(inbox.messages).toBe(0);
    expect(processed.messages).toBe(1);
    const mailbox = await api(env.app, 'GET', '/api/v1/channels/mailboxes', { as: admin });
    expect(mailbox.body.data.find((m: { id: number }) => m.id === mailboxId)).toMatchObject({ last_error: null });
  });
});
