import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { retentionJob } from './retention.service.ts';

let env: TestEnvironment;
let admin: TestUser;
let agent: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
  agent = await makeUser(env.ctx, 'associate');
});

afterAll(async () => {
  await env?.close();
});

async function closedTicket(daysAgo: number, fields: Parameters<typeof makeTicket>[1] = {}) {
  const ticket = await makeTicket(env.ctx, fields);
  const closedAt = new Date(env.clock.now().getTime() - daysAgo * 86_400_000);
  await env.ctx.db.updateTable('tickets').set({ status: 'closed', closed_at: closedAt }).where('id', '=', ticket.id).execute();
  return ticket;
}

const subjectOf = async (id: number) =>
  (await env.ctx.db.selectFrom('tickets').select('subject').where('id', '=', id).executeTakeFirstOrThrow()).subject;

describe('retention', () => {
  it('validates policies and holds', async () => {
    const bad = await api(env.app, 'POST', '/api/v1/privacy/retention-policies', {
      as: admin,
      body: { name: 'x', action: 'shred', after_days: 0 },
    });
    expect(bad.status).toBe(400);
    const two = await api(env.app, 'POST', '/api/v1/privacy/legal-holds', {
      as: admin,
      body: { customer_id: 1, ticket_id: 1, reason: 'r' },
    });
    expect(two.status).toBe(400);
    const missing = await api(env.app, 'POST', '/api/v1/privacy/legal-holds', { as: admin, body: { ticket_id: 987654, reason: 'r' } });
    expect(missing.status).toBe(404);
    expect((await api(env.app, 'GET', '/api/v1/privacy/retention-policies', { as: agent })).status).toBe(403);
  });

  it('anonymises old closed tickets, skips held and recent ones, and reports what it removed', async () => {
    const old = await closedTicket(400);
    const held = await closedTicket(400);
    const recent = await closedTicket(10);
    const open = await makeTicket(env.ctx);
    const policy = await api(env.app, 'POST', '/api/v1/privacy/retention-policies', {
      as: admin,
      body: { name: 'Closed tickets after a year', action: 'anonymise', after_days: 365 },
    });
    expect(policy.status).toBe(201);
    const hold = await api(env.app, 'POST', '/api/v1/privacy/legal-holds', {
      as: admin,
      body: { customer_id: held.requester.id, reason: 'Dispute 2026-04' },
    });
    expect(hold.status).toBe(201);

    const run = await api(env.app, 'POST', '/api/v1/privacy/retention-runs', { as: admin });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ tickets_anonymised: 1, tickets_deleted: 0, tickets_held: 1 });
    expect(run.body.report.policies[0]).toMatchObject({ tickets: [old.id], held: [held.id] });
    expect(await subjectOf(old.id)).toBe('[erased]');
    expect(await subjectOf(held.id)).toBe(held.subject);
    expect(await subjectOf(recent.id)).toBe(recent.subject);
    expect(await subjectOf(open.id)).toBe(open.subject);
    const comments = await env.ctx.db.selectFrom('ticket_comments').select('body').where('ticket_id', '=', old.id).execute();
    expect(comments.every((c) => c.body === '[erased]')).toBe(true);

    // Released, the held ticket goes on the next daily run, which comes through the job queue.
    expect((await api(env.app, 'POST', `/api/v1/privacy/legal-holds/${hold.body.id}/release`, { as: admin })).status).toBe(200);
    await env.ctx.jobs.send(retentionJob, {});
    expect(await env.ctx.jobs.drain({ names: [retentionJob] })).toBe(1);
    expect(await subjectOf(held.id)).toBe('[erased]');
    const runs = await api(env.app, 'GET', '/api/v1/privacy/retention-runs', { as: admin });
    expect(runs.body.data).toHaveLength(2);
    expect(runs.body.data[0]).toMatchObject({ tickets_anonymised: 1, tickets_held: 0 });
  });

  it('scopes a delete policy to a channel, and a ticket hold suspends it', async () => {
    const email = await closedTicket(100, { channel: 'email' });
    const heldEmail = await closedTicket(100, { channel: 'email' });
    const web = await closedTicket(100, { channel: 'web' });
    await env.ctx.db
      .insertInto('channel_messages')
      .values({
        comment_id: (
          await env.ctx.db.selectFrom('ticket_comments').select('id').where('ticket_id', '=', email.id).executeTakeFirstOrThrow()
        ).id,
        ticket_id: email.id,
        channel: 'email',
        direction: 'inbound',
        source: 'smtp',
        full_text: 'old mail',
        metadata: '{}',
        created_at: env.clock.now(),
      })
      .execute();
    await api(env.app, 'POST', '/api/v1/privacy/retention-policies', {
      as: admin,
      body: { name: 'Email after 90 days', channel: 'email', action: 'delete', after_days: 90 },
    });
    await api(env.app, 'POST', '/api/v1/privacy/legal-holds', { as: admin, body: { ticket_id: heldEmail.id, reason: 'Audit' } });
    const run = await api(env.app, 'POST', '/api/v1/privacy/retention-runs', { as: admin });
    expect(run.body.tickets_deleted).toBe(1);
    expect(await subjectOf(email.id)).toBe('[erased]');
    expect(await subjectOf(heldEmail.id)).toBe(heldEmail.subject);
    expect(await subjectOf(web.id)).toBe(web.subject);
    const left = await env.ctx.db.selectFrom('channel_messages').select('ticket_id').where('ticket_id', '=', email.id).execute();
    expect(left).toHaveLength(0);
    // The ticket row stays: the month's count does not change.
    expect(await env.ctx.db.selectFrom('tickets').select('id').where('id', '=', email.id).executeTakeFirst()).toBeDefined();
  });
});

describe('card numbers in agent-written text, subjects, custom fields and text attachments', () => {
  it('are masked before they are stored', async () => {
    await api(env.app, 'POST', '/api/v1/custom-fields', { as: admin, body: { key: 'payment_note', label: 'Payment note', type: 'text' } });
    const created = await api(env.app, 'POST', '/api/v1/tickets', {
      as: agent,
      body: {
        subject: 'Refund to 4111 1111 1111 1111',
        description: 'Customer called.',
        requester: { email: 'pci@example.com' },
        priority: 'p3',
        type: 'question',
        custom_fields: { payment_note: 'card 5500-0000-0000-0004' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.subject).toBe('Refund to ************1111');
    expect(created.body.custom_fields.payment_note).toBe('card ************0004');
    const comment = await api(env.app, 'POST', `/api/v1/tickets/${created.body.id}/comments`, {
      as: agent,
      body: { body: 'Noted card 378282246310005, order no. 4111111111111111', public: false },
    });
    expect(comment.status).toBe(201);
    const stored = await env.ctx.db
      .selectFrom('ticket_comments')
      .select('body')
      .where('id', '=', comment.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe('Noted card ***********0005, order no. 4111111111111111');
    const patched = await api(env.app, 'PATCH', `/api/v1/tickets/${created.body.id}`, {
      as: agent,
      body: { subject: 'Card 6011111111111117' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.subject).toBe('Card ************1117');
    const boundary = 'x-boundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cards.csv"\r\nContent-Type: text/csv\r\n\r\nname,card\r\nA,4111111111111111\r\n--${boundary}--\r\n`;
    const upload = await env.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${created.body.id}/attachments`,
      headers: { ...agent.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(upload.statusCode).toBe(201);
    const file = await env.app.inject({ method: 'GET', url: `/api/v1/attachments/${upload.json().id}`, headers: agent.auth });
    expect(file.body).toBe('name,card\r\nA,************1111');
  });
});
