import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser, type TestUser } from '../../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../../test/harness.ts';
import { startSmtpSink } from '../../../../test/smtp-sink.ts';
import { type ChannelsRuntime, startChannels } from '../channels-runtime.ts';

let env: TestEnvironment;
let channels: ChannelsRuntime;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let agent: TestUser;
let admin: TestUser;
let seq = 0;

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: channels.smtpPort, secure: false, ignoreTLS: true });

async function send(message: SendMailOptions | { envelope: { from: string; to: string[] }; raw: string }) {
  const info = await transport().sendMail(message as SendMailOptions);
  await channels.queue.idle();
  return info;
}

const unique = () => `${Date.now().toString(36)}-${++seq}`;

async function inbound(messageId: string) {
  return env.ctx.db.selectFrom('inbound_emails').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await createTestEnvironment({ smtpUrl: sink.url, supportEmail: 'support@example.test' });
  channels = await startChannels(env.ctx, {
    smtpPort: 0,
    smtpHost: '127.0.0.1',
    imap: false,
    sweepMs: 3_600_000,
    maxMessageBytes: 200_000,
  });
  agent = await makeUser(env.ctx, 'associate');
  admin = await makeUser(env.ctx, 'admin');
});

afterAll(async () => {
  await channels?.close();
  await env?.close();
  await sink?.close();
});

describe('inbound email over SMTP', () => {
  it('opens a ticket for a new message: the sender is the requester, CCs follow, the quote and signature are hidden but kept', async () => {
    const id = `<new-${unique()}@customer.test>`;
    await send({
      from: 'Ada Lovelace <ada@customer.test>',
      to: 'support@example.test',
      cc: 'Charles Babbage <charles@customer.test>',
      subject: 'Printer makes a noise',
      messageId: id,
      text: 'It clicks every ten seconds.\n\n-- \nAda\nAnalytical Engines Ltd',
      html: '<p>It clicks every ten seconds.</p><script>alert(1)</script><img src="cid:logo@x"><p onclick="x()">Ada</p>',
      attachments: [
        { filename: 'noise.txt', content: 'click click', contentType: 'text/plain' },
        { filename: 'logo.png', cid: 'logo@x', content: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), contentType: 'image/png' },
      ],
    });
    const row = await inbound(id);
    expect(row.status).toBe('processed');
    const ticket = await api(env.app, 'GET', `/api/v1/tickets/${row.ticket_id}`, { as: agent });
    expect(ticket.body.subject).toBe('Printer makes a noise');
    expect(ticket.body.channel).toBe('email');
    expect(ticket.body.requester.email).toBe('ada@customer.test');
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${row.ticket_id}/comments`, { as: agent });
    expect(comments.body.data).toHaveLength(1);
    expect(comments.body.data[0].body).toBe('It clicks every ten seconds.');
    expect(comments.body.data[0].attachments.map((a: { filename: string }) => a.filename).sort()).toEqual(['logo.png', 'noise.txt']);
    const message = await api(env.app, 'GET', `/api/v1/channels/messages/${row.comment_id}`, { as: agent });
    expect(message.status).toBe(200);
    expect(message.body.full_text).toContain('Analytical Engines Ltd');
    expect(message.body.html).not.toContain('<script');
    expect(message.body.html).not.toContain('onclick');
    expect(message.body.html).toMatch(/src="\/api\/v1\/attachments\/\d+"/);
    const followers = await env.ctx.db
      .selectFrom('ticket_followers as f')
      .innerJoin('customer_identities as i', 'i.customer_id', 'f.customer_id')
      .select('i.value')
      .where('f.ticket_id', '=', row.ticket_id as number)
      .execute();
    expect(followers.map((f) => f.value)).toEqual(['charles@customer.test']);
  });

  it('keeps a thread of three customer emails and an agent reply as one ticket with four messages in order', async () => {
    const first = `<thread-1-${unique()}@customer.test>`;
    await send({
      from: 'grace@customer.test',
      to: 'support@example.test',
      subject: 'Invoice missing',
      messageId: first,
      text: 'Where is my invoice?',
    });
    const opened = await inbound(first);
    const ticketId = opened.ticket_id as number;

    const reply = await api(env.app, 'POST', `/api/v1/tickets/${ticketId}/comments`, {
      as: agent,
      body: { body: 'We are looking into it.' },
    });
    expect(reply.status).toBe(201);
    await channels.dispatch();
    const outbound = await sink.next();
    expect(outbound.to).toEqual(['grace@customer.test']);
    expect(outbound.subject).toBe(`[#${ticketId}] Invoice missing`);
    expect(outbound.raw).toMatch(new RegExp(`In-Reply-To: ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(outbound.raw).toMatch(/Reply-To: support@example\.test/);
    const agentMessageId = /^Message-ID: (<[^>]+>)/im.exec(outbound.raw)?.[1] as string;
    expect(agentMessageId).toMatch(new RegExp(`^<ticket-${ticketId}-reply-`));

    const second = `<thread-2-${unique()}@customer.test>`;
    await send({
      from: 'grace@customer.test',
      to: 'support@example.test',
      subject: `Re: [#${ticketId}] Invoice missing`,
      messageId: second,
      inReplyTo: agentMessageId,
      references: [first, agentMessageId],
      text: `Thanks, any news?\n\nOn Mon, 2 Mar 2026 at 09:00, Support <support@example.test> wrote:\n> We are looking into it.\n`,
    });
    const third = `<thread-3-${unique()}@customer.test>`;
    // No threading headers: the subject's ticket reference finds the ticket.
    await send({
      from: 'grace@customer.test',
      to: 'support@example.test',
      subject: `Re: [#${ticketId}] Invoice missing`,
      messageId: third,
      text: 'Found it, thanks!',
    });
    expect((await inbound(second)).ticket_id).toBe(ticketId);
    expect((await inbound(third)).ticket_id).toBe(ticketId);
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${ticketId}/comments`, { as: agent });
    expect(comments.body.data.map((c: { body: string }) => c.body)).toEqual([
      'Where is my invoice?',
      'We are looking into it.',
      'Thanks, any news?',
      'Found it, thanks!',
    ]);
    expect(comments.body.data.map((c: { channel: string }) => c.channel)).toEqual(['email', 'api', 'email', 'email']);
  });

  it('does not let a stranger write into a ticket by naming its number in the subject', async () => {
    const first = `<own-${unique()}@customer.test>`;
    await send({ from: 'owner@customer.test', to: 'support@example.test', subject: 'Mine', messageId: first, text: 'My question' });
    const ticketId = (await inbound(first)).ticket_id as number;
    const intruder = `<intruder-${unique()}@elsewhere.test>`;
    await send({
      from: 'mallory@elsewhere.test',
      to: 'support@example.test',
      subject: `[#${ticketId}] Mine`,
      messageId: intruder,
      text: 'Let me in',
    });
    const row = await inbound(intruder);
    expect(row.status).toBe('processed');
    expect(row.ticket_id).not.toBe(ticketId);
  });

  it('answers 550 for an address that is not a support address', async () => {
    await expect(send({ from: 'a@customer.test', to: 'nobody@example.test', subject: 'x', text: 'x' })).rejects.toMatchObject({
      responseCode: 550,
    });
  });

  it('accepts mail for a support address added by an admin and routes its tickets to the address group', async () => {
    const group = await env.ctx.db
      .insertInto('groups')
      .values({ name: `Billing ${unique()}`, tier: 1, created_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await api(env.app, 'POST', '/api/v1/channels/support-addresses', {
      as: admin,
      body: { email: 'billing@example.test', name: 'Billing', group_id: group.id },
    });
    expect(created.status).toBe(201);
    const id = `<billing-${unique()}@customer.test>`;
    await send({ from: 'payer@customer.test', to: 'billing@example.test', subject: 'Refund', messageId: id, text: 'Please refund' });
    const row = await inbound(id);
    const ticket = await api(env.app, 'GET', `/api/v1/tickets/${row.ticket_id}`, { as: agent });
    expect(ticket.body.group_id).toBe(group.id);
  });

  it('refuses a message over the size limit with SMTP 552', async () => {
    await expect(
      send({ from: 'big@customer.test', to: 'support@example.test', subject: 'big', text: 'x'.repeat(300_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
  });

  it('opens no ticket for an out-of-office reply', async () => {
    const id = `<ooo-${unique()}@customer.test>`;
    await send({
      from: 'away@customer.test',
      to: 'support@example.test',
      subject: 'Out of office: Re: your ticket',
      messageId: id,
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'I am away until Monday.',
    });
    const row = await inbound(id);
    expect(row.status).toBe('ignored');
    expect(row.flag).toBe('auto_reply');
    expect(row.ticket_id).toBeNull();
  });

  it('records a bounce as an undelivered reply on the ticket, not as a new ticket', async () => {
    const first = `<bounce-src-${unique()}@customer.test>`;
    await send({ from: 'gone@customer.test', to: 'support@example.test', subject: 'Hello', messageId: first, text: 'Hi' });
    const ticketId = (await inbound(first)).ticket_id as number;
    await api(env.app, 'POST', `/api/v1/tickets/${ticketId}/comments`, { as: agent, body: { body: 'Hello back' } });
    await channels.dispatch();
    const sent = await sink.next();
    const sentId = /^Message-ID: (<[^>]+>)/im.exec(sent.raw)?.[1] as string;
    const dsnId = `<dsn-${unique()}@mx.customer.test>`;
    const raw = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>',
      'To: support@example.test',
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: ${dsnId}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.test',
      '',
      'Final-Recipient: rfc822; gone@customer.test',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${sentId}`,
      'Subject: Hello',
      '--b1--',
      '',
    ].join('\r\n');
    await send({ envelope: { from: '', to: ['support@example.test'] }, raw });
    const row = await inbound(dsnId);
    expect(row.flag).toBe('bounce');
    expect(row.ticket_id).toBeNull();
    const outbound = await env.ctx.db.selectFrom('email_outbound').selectAll().where('message_id', '=', sentId).executeTakeFirstOrThrow();
    expect(outbound.status).toBe('undelivered');
    const notes = await api(env.app, 'GET', `/api/v1/tickets/${ticketId}/comments`, { as: agent });
    expect(notes.body.data.at(-1)).toMatchObject({ public: false });
    expect(notes.body.data.at(-1).body).toContain('user unknown');
  });

  it('keeps and flags a message that cannot be read, and lists it for admins', async () => {
    const raw =
      'Subject: =?bogus?Q?broken?=\r\nContent-Type: multipart/mixed; boundary="never"\r\n\r\n\u0000\u0001garbage without a boundary';
    await send({ envelope: { from: 'x@customer.test', to: ['support@example.test'] }, raw });
    const flagged = await env.ctx.db.selectFrom('inbound_emails').selectAll().where('status', '=', 'failed').execute();
    expect(flagged.length).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(flagged[0]?.raw as Uint8Array).toString('latin1')).toContain('garbage without a boundary');
    const list = await api(env.app, 'GET', '/api/v1/channels/inbound-emails?status=failed', { as: admin });
    expect(list.status).toBe(200);
    expect(list.body.data.some((m: { flag: string }) => m.flag === 'no_sender')).toBe(true);
    const download = await env.app.inject({
      method: 'GET',
      url: `/api/v1/channels/inbound-emails/${flagged[0]?.id}/raw`,
      headers: admin.auth,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('message/rfc822');
    const forbidden = await api(env.app, 'GET', '/api/v1/channels/inbound-emails', { as: agent });
    expect(forbidden.status).toBe(403);
  });

  it('ignores mail sent from a support address (a loop), and reprocesses a failed message when an admin asks', async () => {
    const loop = `<loop-${unique()}@example.test>`;
    await send({ from: 'support@example.test', to: 'support@example.test', subject: 'Loop', messageId: loop, text: 'echo' });
    expect(await inbound(loop)).toMatchObject({ status: 'ignored', flag: 'loop', ticket_id: null });

    const id = `<retry-${unique()}@customer.test>`;
    await send({ from: 'retry@customer.test', to: 'support@example.test', subject: 'Retry', messageId: id, text: 'Again' });
    const row = await inbound(id);
    // As if it had failed: put it back to failed, then reprocess it through the API.
    await env.ctx.db.updateTable('inbound_emails').set({ status: 'failed', flag: 'rejected' }).where('id', '=', row.id).execute();
    await env.ctx.db
      .deleteFrom('channel_messages')
      .where('comment_id', '=', row.comment_id as number)
      .execute();
    const again = await api(env.app, 'POST', `/api/v1/channels/inbound-emails/${row.id}/reprocess`, { as: admin });
    expect(again.body).toMatchObject({ status: 'received', flag: null });
    const processedAgain = await api(env.app, 'POST', `/api/v1/channels/inbound-emails/${row.id}/reprocess`, { as: admin });
    expect(processedAgain.status).toBe(200);
    await channels.queue.recover();
    await channels.queue.idle();
    const done = await inbound(id);
    expect(done.status).toBe('processed');
    const processed = await api(env.app, 'POST', `/api/v1/channels/inbound-emails/${row.id}/reprocess`, { as: admin });
    expect(processed.status).toBe(422);
  });

  it('reads what it can of a message with broken MIME and flags it', async () => {
    const id = `<broken-${unique()}@customer.test>`;
    const raw = [
      'From: broken@customer.test',
      'To: support@example.test',
      'Subject: Broken',
      `Message-ID: ${id}`,
      'Content-Type: multipart/mixed; boundary="lost"',
      '',
      'Text before any boundary.',
      '',
    ].join('\r\n');
    await send({ envelope: { from: 'broken@customer.test', to: ['support@example.test'] }, raw });
    const row = await inbound(id);
    expect(row.status).toBe('processed');
    expect(row.flag).toBe('malformed_mime');
  });

  it('reads other charsets in subjects and bodies', async () => {
    const id = `<latin-${unique()}@customer.test>`;
    const raw = [
      'From: =?ISO-8859-1?Q?Ren=E9e_Dupr=E9?= <renee@customer.test>',
      'To: support@example.test',
      'Subject: =?ISO-8859-1?Q?Probl=E8me_de_facture?=',
      `Message-ID: ${id}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=windows-1252',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'La facture co=FBte 100 =80.',
      '',
    ].join('\r\n');
    await send({ envelope: { from: 'renee@customer.test', to: ['support@example.test'] }, raw });
    const row = await inbound(id);
    const ticket = await api(env.app, 'GET', `/api/v1/tickets/${row.ticket_id}`, { as: agent });
    expect(ticket.body.subject).toBe('Problème de facture');
    expect(ticket.body.requester.name).toBe('Renée Dupré');
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${row.ticket_id}/comments`, { as: agent });
    expect(comments.body.data[0].body).toBe('La facture coûte 100 €.');
  });

  it('stores a message sent twice with the same Message-ID once', async () => {
    const id = `<twice-${unique()}@customer.test>`;
    const message = { from: 'twice@customer.test', to: 'support@example.test', subject: 'Twice', messageId: id, text: 'Once please' };
    await send(message);
    await send(message);
    const rows = await env.ctx.db.selectFrom('inbound_emails').select('id').where('message_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    const tickets = await env.ctx.db.selectFrom('tickets').select('id').where('subject', '=', 'Twice').execute();
    expect(tickets).toHaveLength(1);
  });

  it('masks card numbers in the stored message', async () => {
    const id = `<card-${unique()}@customer.test>`;
    await send({
      from: 'card@customer.test',
      to: 'support@example.test',
      subject: 'Card',
      messageId: id,
      text: 'My card is 4111 1111 1111 1111, order 1234567890123.',
    });
    const row = await inbound(id);
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${row.ticket_id}/comments`, { as: agent });
    expect(comments.body.data[0].body).toBe('My card is ************1111, order 1234567890123.');
  });
});
