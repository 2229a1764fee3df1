import http from 'node:http';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser, type TestUser } from '../../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../../test/harness.ts';
import { systemActor } from '../../../platform/context.ts';
import { createCustomer } from '../../customers/index.ts';
import { type ChannelsRuntime, startChannels } from '../channels-runtime.ts';
import { SimulatedTelephony } from '../voice/telephony.ts';
import { signBody } from './messaging.service.ts';

let env: TestEnvironment;
let channels: ChannelsRuntime;
let admin: TestUser;
let agent: TestUser;
let provider: http.Server;
let providerUrl: string;
const delivered: { body: Record<string, any>; signature: string | undefined }[] = [];
let connection: { id: number; secret: string };
let seq = 0;

async function post(body: unknown, options: { secret?: string; connectionId?: number } = {}) {
  const raw = JSON.stringify(body);
  const response = await env.app.inject({
    method: 'POST',
    url: `/api/v1/messaging/${options.connectionId ?? connection.id}/inbound`,
    headers: { 'content-type': 'application/json', 'x-frontline-signature': signBody(options.secret ?? connection.secret, raw) },
    payload: raw,
  });
  return { status: response.statusCode, body: response.json() };
}

beforeAll(async () => {
  provider = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      delivered.push({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        signature: request.headers['x-frontline-signature'] as string,
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ message_id: `out-${delivered.length}` }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  const address = provider.address();
  providerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/send`;
  env = await createTestEnvironment({ supportEmail: 'support@example.test' });
  channels = await startChannels(env.ctx, { smtpPort: 0, smtpHost: '127.0.0.1', imap: false, sweepMs: 3_600_000 });
  admin = await makeUser(env.ctx, 'admin');
  agent = await makeUser(env.ctx, 'associate');
  const created = await api(env.app, 'POST', '/api/v1/channels/messaging-connections', {
    as: admin,
    body: { name: 'WhatsApp', kind: 'whatsapp', outbound_url: providerUrl, join_window_minutes: 60 },
  });
  expect(created.status).toBe(201);
  connection = { id: created.body.id, secret: created.body.secret };
});

afterAll(async () => {
  await channels?.close();
  await env?.close();
  await new Promise((resolve) => provider?.close(resolve));
});

describe('messaging webhooks', () => {
  it('opens a ticket, joins the next message within the window, and sends the agent reply through the provider', async () => {
    const phone = '+14155550177';
    const first = await post({ message_id: `wa-${++seq}`, from: { phone, name: 'Marge' }, text: 'My order is late' });
    expect(first.status).toBe(200);
    expect(first.body.created).toBe(true);
    env.clock.advance(10 * 60_000);
    const second = await post({ message_id: `wa-${++seq}`, from: { phone }, text: 'Order 5521' });
    expect(second.body).toMatchObject({ ticket_id: first.body.ticket_id, created: false });
    const repeat = await post({ message_id: `wa-${seq}`, from: { phone }, text: 'Order 5521' });
    expect(repeat.body).toMatchObject({ duplicate: true, comment_id: second.body.comment_id });

    const ticket = await api(env.app, 'GET', `/api/v1/tickets/${first.body.ticket_id}`, { as: agent });
    expect(ticket.body.channel).toBe('messaging');
    await api(env.app, 'POST', `/api/v1/tickets/${first.body.ticket_id}/comments`, { as: agent, body: { body: 'It ships today.' } });
    await channels.dispatch();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.body).toMatchObject({ to: { phone }, text: 'It ships today.', ticket_id: first.body.ticket_id });
    expect(delivered[0]?.signature).toBe(signBody(connection.secret, JSON.stringify(delivered[0]?.body)));
    await channels.dispatch();
    expect(delivered).toHaveLength(1);

    // After the window a new conversation opens a new ticket.
    env.clock.advance(2 * 3_600_000);
    const later = await post({ message_id: `wa-${++seq}`, from: { phone }, text: 'Another question' });
    expect(later.body.created).toBe(true);
    expect(later.body.customer_id).toBe(first.body.customer_id);
  });

  it('refuses a bad signature, an unknown connection and malformed messages with 4xx', async () => {
    expect((await post({ message_id: 'x', from: { phone: '+14155550100' }, text: 'hi' }, { secret: 'wrong' })).status).toBe(401);
    expect((await post({ message_id: 'x', from: { phone: '+14155550100' }, text: 'hi' }, { connectionId: 999_999 })).status).toBe(404);
    expect((await post({ message_id: 'x', from: {}, text: 'hi' })).status).toBe(400);
    expect((await post({ message_id: 'x', from: { phone: 'not a phone' }, text: 'hi' })).status).toBe(400);
    const unsigned = await env.app.inject({
      method: 'POST',
      url: `/api/v1/messaging/${connection.id}/inbound`,
      headers: { 'content-type': 'application/json' },
      payload: '{"message_id":"x"}',
    });
    expect(unsigned.statusCode).toBe(401);
  });

  it('keeps one customer across email, phone and messaging, and one ticket across channels with each message marked', async () => {
    const customer = await createCustomer(env.ctx, systemActor, {
      name: 'Lisa',
      identities: [
        { kind: 'email', value: 'lisa@customer.test' },
        { kind: 'phone', value: '+14155550188' },
      ],
    });
    const phone = new SimulatedTelephony(
      async (payload) => (await api(env.app, 'POST', '/api/v1/voice/events', { as: agent, body: payload })).body,
      env.clock,
    );
    const call = await phone.ring('+14155550188');
    const answered = (await call.send({ event: 'answered', agent_id: agent.user.id }, 5)) as {
      call: { ticket_id: number; customer_id: number };
    };
    expect(answered.call.customer_id).toBe(customer.id);
    const ticketId = answered.call.ticket_id;

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: channels.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'lisa@customer.test',
      to: 'support@example.test',
      subject: `Re: [#${ticketId}] Call`,
      text: 'As discussed on the phone, here is the invoice number: 7781.',
    });
    await channels.queue.idle();

    const whatsapp = await post({ message_id: `wa-${++seq}`, from: { phone: '+1 415 555 0188' }, text: 'Sent you the photo too' });
    expect(whatsapp.body.customer_id).toBe(customer.id);

    const messages = await api(env.app, 'GET', `/api/v1/tickets/${ticketId}/channel-messages`, { as: agent });
    expect(messages.body.data.map((m: { channel: string }) => m.channel)).toEqual(['voice', 'email']);
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${ticketId}/comments`, { as: agent });
    expect(comments.body.data.filter((c: { public: boolean }) => c.public).map((c: { channel: string }) => c.channel)).toEqual([
      'voice',
      'email',
    ]);
    const customerTickets = await env.ctx.db
      .selectFrom('tickets')
      .select(['id', 'channel'])
      .where('requester_id', '=', customer.id)
      .orderBy('id')
      .execute();
    expect(customerTickets.map((t) => t.channel)).toEqual(['voice', 'messaging']);
  });
});
