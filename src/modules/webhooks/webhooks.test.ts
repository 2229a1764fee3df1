import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { updateTicket } from '../tickets/index.ts';
import { signPayload, verifySignature } from './index.ts';

interface Received {
  event: string;
  delivery: string;
  body: string;
  valid: boolean;
}

/** A receiver on loopback that verifies every signature and answers the statuses it is told to, in order (then 200). */
class Receiver {
  received: Received[] = [];
  secret = '';
  statuses: number[] = [];
  private server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const nowSeconds = Math.floor(env.clock.now().getTime() / 1000);
      const valid = verifySignature(this.secret, request.headers['frontline-signature'] as string | undefined, body, nowSeconds);
      this.received.push({
        event: String(request.headers['frontline-event']),
        delivery: String(request.headers['frontline-delivery']),
        body,
        valid,
      });
      response.statusCode = valid ? (this.statuses.shift() ?? 200) : 401;
      response.end('ok');
    });
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let env: TestEnvironment;
let admin: TestUser;
let agent: TestUser;
const receiver = new Receiver();

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
  agent = await makeUser(env.ctx, 'associate');
  await receiver.start();
});
afterAll(async () => {
  await receiver.close();
  await env.close();
});

const deliver = () => env.ctx.jobs.drain({ names: ['webhook.deliver'], ignoreStartAfter: true });
/** Each test listens alone: earlier subscriptions (signed with other secrets) go. */
async function removeSubscriptions() {
  for (const s of (await api(env.app, 'GET', '/api/v1/webhooks', { as: admin })).body.data)
    expect((await api(env.app, 'DELETE', `/api/v1/webhooks/${s.id}`, { as: admin })).status).toBe(204);
  await deliver();
}

describe('webhook signatures', () => {
  it('verify only the exact body, with the right secret, within the tolerance', () => {
    const header = signPayload('s3cret', 1_000_000, '{"a":1}');
    expect(header).toMatch(/^t=1000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', header, '{"a":1}', 1_000_100)).toBe(true);
    expect(verifySignature('s3cret', header, '{"a":2}', 1_000_100)).toBe(false);
    expect(verifySignature('other', header, '{"a":1}', 1_000_100)).toBe(false);
    expect(verifySignature('s3cret', header, '{"a":1}', 1_000_000 + 301)).toBe(false);
    expect(verifySignature('s3cret', undefined, '{"a":1}', 1_000_000)).toBe(false);
    expect(verifySignature('s3cret', 't=x,v1=zz', '{"a":1}', 1_000_000)).toBe(false);
  });
});

describe('outbound webhooks', () => {
  it('deliver signed events, retry failures with backoff, and log every attempt', async () => {
    expect((await api(env.app, 'POST', '/api/v1/webhooks', { as: agent, body: {} })).status).toBe(403);
    for (const body of [
      { name: 'x', url: 'ftp://example.com', event_types: ['ticket.created'] },
      { name: 'x', url: receiver.url, event_types: [] },
      { name: 'x', url: receiver.url, event_types: ['ticket.exploded'] },
      { name: 'x', url: receiver.url, event_types: ['ticket.created'], colour: 'red' },
    ])
      expect((await api(env.app, 'POST', '/api/v1/webhooks', { as: admin, body })).status).toBe(400);
    const created = await api(env.app, 'POST', '/api/v1/webhooks', {
      as: admin,
      body: { name: 'CRM', url: receiver.url, event_types: ['ticket.created', 'ticket.solved'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    receiver.secret = created.body.secret;
    expect((await api(env.app, 'GET', `/api/v1/webhooks/${created.body.id}`, { as: admin })).body.secret).toBeUndefined();

    // The first two attempts fail; the queue retries until the receiver accepts.
    receiver.statuses = [500, 503];
    const ticket = await makeTicket(env.ctx, { subject: 'Webhook me' });
    await updateTicket(env.ctx, agent.actor, ticket.id, { priority: 'p2' }); // not subscribed
    expect(await env.ctx.jobs.drain({ names: ['webhook.deliver'] })).toBe(1);
    const waiting = await env.ctx.db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, response_status: 500 });
    expect(await deliver()).toBe(2);

    expect(receiver.received.map((r) => [r.event, r.valid])).toEqual([
      ['ticket.created', true],
      ['ticket.created', true],
      ['ticket.created', true],
    ]);
    expect(new Set(receiver.received.map((r) => r.delivery)).size).toBe(1);
    const payload = JSON.parse(receiver.received[0]?.body ?? '{}');
    expect(payload).toMatchObject({ type: 'ticket.created', data: { ticket: { id: ticket.id, subject: 'Webhook me' } } });

    const log = await api(env.app, 'GET', `/api/v1/webhooks/${created.body.id}/deliveries`, { as: admin });
    expect(log.status).toBe(200);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({ status: 'succeeded', attempts: 3, response_status: 200, event_type: 'ticket.created' });
    expect(log.body.data[0].attempt_log.map((a: { response_status: number }) => a.response_status)).toEqual([500, 503, 200]);
    const subscription = (await api(env.app, 'GET', `/api/v1/webhooks/${created.body.id}`, { as: admin })).body;
    expect(subscription).toMatchObject({ active: true, consecutive_failures: 0 });

    // Solving publishes ticket.solved (ticket.updated is not subscribed).
    receiver.received = [];
    await updateTicket(env.ctx, agent.actor, ticket.id, { status: 'solved' });
    await deliver();
    expect(receiver.received.map((r) => r.event)).toEqual(['ticket.solved']);
  });

  it('disable a subscription after repeated failures, until an admin enables it again', async () => {
    await removeSubscriptions();
    const created = await api(env.app, 'POST', '/api/v1/webhooks', {
      as: admin,
      body: { name: 'Flaky', url: receiver.url, event_types: ['ticket.updated'], disable_after_failures: 3 },
    });
    expect(created.status).toBe(201);
    receiver.secret = created.body.secret;
    receiver.received = [];
    receiver.statuses = [500, 500, 500, 500, 500];
    const ticket = await makeTicket(env.ctx);
    await updateTicket(env.ctx, agent.actor, ticket.id, { priority: 'p1' });
    await deliver();
    expect(receiver.received).toHaveLength(3);
    const disabled = (await api(env.app, 'GET', `/api/v1/webhooks/${created.body.id}`, { as: admin })).body;
    expect(disabled).toMatchObject({ active: false, consecutive_failures: 3 });
    expect(disabled.disabled_reason).toContain('3 consecutive failed deliveries');
    const deliveries = (await api(env.app, 'GET', `/api/v1/webhooks/${created.body.id}/deliveries`, { as: admin })).body.data;
    expect(deliveries[0]).toMatchObject({ status: 'failed', attempts: 3 });

    // While disabled, changes are not queued for it.
    await updateTicket(env.ctx, agent.actor, ticket.id, { priority: 'p2' });
    expect(await deliver()).toBe(0);

    const enabled = await api(env.app, 'POST', `/api/v1/webhooks/${created.body.id}/enable`, { as: admin });
    expect(enabled.body).toMatchObject({ active: true, consecutive_failures: 0, disabled_reason: null });
    receiver.statuses = [];
    const redelivered = await api(env.app, 'POST', `/api/v1/webhooks/${created.body.id}/deliveries/${deliveries[0].id}/redeliver`, {
      as: admin,
    });
    expect(redelivered.status).toBe(202);
    await updateTicket(env.ctx, agent.actor, ticket.id, { priority: 'p3' });
    await deliver();
    const after = (await api(env.app, 'GET', `/api/v1/webhooks/${created.body.id}/deliveries`, { as: admin })).body.data;
    expect(after.map((d: { status: string }) => d.status)).toEqual(['succeeded', 'succeeded']);
    expect(
      (await api(env.app, 'POST', `/api/v1/webhooks/${created.body.id}/deliveries/${deliveries[0].id}/redeliver`, { as: admin })).status,
    ).toBe(422);
  });

  it('a trigger calls a webhook with the ticket', async () => {
    await removeSubscriptions();
    const hook = await api(env.app, 'POST', '/api/v1/webhooks', {
      as: admin,
      body: { name: 'Pager', url: receiver.url, event_types: ['sla.breached'] },
    });
    receiver.secret = hook.body.secret;
    receiver.received = [];
    receiver.statuses = [];
    const trigger = await api(env.app, 'POST', '/api/v1/triggers', {
      as: admin,
      body: {
        name: 'Page on P1',
        conditions: { all: [{ field: 'priority', operator: 'changed_to', value: 'p1' }] },
        actions: [{ type: 'call_webhook', subscription_id: hook.body.id }],
      },
    });
    expect(trigger.status, JSON.stringify(trigger.body)).toBe(201);
    const ticket = await makeTicket(env.ctx, { priority: 'p1' });
    await deliver();
    expect(receiver.received.map((r) => [r.event, r.valid])).toEqual([['trigger.fired', true]]);
    expect(JSON.parse(receiver.received[0]?.body ?? '{}').data).toMatchObject({
      source: { type: 'trigger', name: 'Page on P1' },
      ticket: { id: ticket.id, priority: 'p1' },
    });
  });
});
