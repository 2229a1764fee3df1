import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment, testDatabaseKind } from '../../../test/harness.ts';
import { api, makeUser, type TestUser } from '../../../test/factories.ts';
import { addComment, createTicket, uploadAttachment } from '../tickets/index.ts';
import { systemActor } from '../../platform/context.ts';
import { erasureReference } from './privacy.service.ts';
import { databaseText, directoryBytes, mentions, pgDumpText } from './test-support.ts';

const person = {
  name: 'Zelda Quartermaine',
  email: 'zelda.quartermaine@example.org',
  phone: '+14155550199',
  secret: 'Wallaby Way Sydney',
};

let env: TestEnvironment;
let admin: TestUser;
let agent: TestUser;
let customerId: number;
let controlTicketId: number;

async function monthCounts() {
  const rows = await sql<{ month: string; n: string }>`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM') as month, count(*)::text as n from tickets group by 1 order by 1`.execute(
    env.ctx.db,
  );
  return rows.rows;
}

beforeAll(async () => {
  env = await createTestEnvironment();
  const { ctx } = env;
  admin = await makeUser(ctx, 'admin');
  agent = await makeUser(ctx, 'associate');
  const ticket = await createTicket(ctx, systemActor, {
    subject: `Delivery to ${person.name}`,
    description: `Please deliver to 42 ${person.secret}, call me on ${person.phone}.`,
    requester: { name: person.name, email: person.email, phone: person.phone },
    priority: 'p3',
    type: 'question',
    tags: [],
    custom_fields: {},
  });
  customerId = ticket.requester.id;
  const portal = await makeUser(ctx, 'customer', { email: person.email, name: person.name });
  expect(portal.user.customer_id).toBe(customerId);
  await addComment(ctx, agent.actor, ticket.id, { body: `Hi ${person.name}, we will ship to ${person.secret}.`, public: true });
  const upload = await uploadAttachment(ctx, portal.actor, ticket.id, {
    filename: 'address.txt',
    mimetype: 'text/plain',
    data: Buffer.from(`${person.name}\n42 ${person.secret}\n`),
  });
  await addComment(ctx, portal.actor, ticket.id, { body: 'Here is my address.', public: true, attachment_ids: [upload.id] });
  const now = ctx.clock.now();
  const comment = await ctx.db
    .selectFrom('ticket_comments')
    .select('id')
    .where('ticket_id', '=', ticket.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('inbound_emails')
    .values({
      source: 'smtp',
      mail_from: person.email,
      rcpt_to: ['support@example.com'],
      message_id: '<m1@example.org>',
      raw: Buffer.from(`From: ${person.name} <${person.email}>\r\nSubject: Delivery\r\n\r\nI live at ${person.secret}.\r\n`),
      size_bytes: 100,
      status: 'processed',
      ticket_id: ticket.id,
      received_at: now,
    })
    .execute();
  await ctx.db
    .insertInto('channel_messages')
    .values({
      comment_id: comment.id,
      ticket_id: ticket.id,
      channel: 'email',
      direction: 'inbound',
      source: 'smtp',
      full_text: `I live at ${person.secret}. ${person.name}`,
      metadata: JSON.stringify({ from: person.email }),
      created_at: now,
    })
    .execute();
  await ctx.db
    .insertInto('calls')
    .values({
      call_id: 'call-1',
      from_number: person.phone,
      to_number: '+18005550100',
      customer_id: customerId,
      ticket_id: ticket.id,
      status: 'ended',
      transcript: `Caller said she lives at ${person.secret}`,
      ringing_at: now,
      events: JSON.stringify([{ type: 'ringing', from: person.phone }]),
      created_at: now,
      updated_at: now,
    })
    .execute();
  const widget = await ctx.db
    .insertInto('chat_widgets')
    .values({ key: 'w-privacy', name: 'Site' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const chat = await ctx.db
    .insertInto('chat_conversations')
    .values({
      widget_id: widget.id,
      visitor_token_hash: 'h',
      visitor_name: person.name,
      visitor_email: person.email,
      topic: 'Delivery',
      ticket_id: ticket.id,
      status: 'ended',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('chat_messages')
    .values({ conversation_id: chat.id, seq: 1, author: 'visitor', body: `It is ${person.secret}`, created_at: now })
    .execute();
  const survey = await ctx.db
    .insertInto('surveys')
    .values({
      ticket_id: ticket.id,
      customer_id: customerId,
      recipient: person.email,
      questions: ['csat'],
      via: 'email',
      status: 'answered',
      channel: 'email',
      scheduled_for: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('survey_answers')
    .values({
      survey_id: survey.id,
      kind: 'csat',
      score: 5,
      first_score: 5,
      comment: `Great, thanks from ${person.secret}`,
      ticket_id: ticket.id,
      customer_id: customerId,
      channel: 'email',
      answered_at: now,
      updated_at: now,
    })
    .execute();
  const control = await createTicket(ctx, systemActor, {
    subject: 'Control ticket of someone else',
    description: 'The blue teapot is cracked.',
    requester: { email: 'other.person@example.net', name: 'Other Person' },
    priority: 'p3',
    type: 'question',
    tags: [],
    custom_fields: {},
  });
  controlTicketId = control.id;
});

afterAll(async () => {
  await env?.close();
});

describe('subject access export', () => {
  it('packs the JSON and the files into one archive', async () => {
    const response = await env.app.inject({ method: 'GET', url: `/api/v1/privacy/customers/${customerId}/export`, headers: admin.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/gzip');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sar-test-'));
    try {
      await fs.writeFile(path.join(dir, 'a.tar.gz'), response.rawPayload);
      await tar.extract({ file: path.join(dir, 'a.tar.gz'), cwd: dir });
      const data = JSON.parse(await fs.readFile(path.join(dir, `customer-${customerId}`, 'data.json'), 'utf8'));
      expect(data.customer.name).toBe(person.name);
      expect(data.identities.map((i: { value: string }) => i.value)).toEqual(expect.arrayContaining([person.email]));
      expect(data.messages.some((m: { body: string }) => m.body.includes(person.secret))).toBe(true);
      expect(data.calls).toHaveLength(1);
      expect(data.chat_messages).toHaveLength(1);
      expect(data.surveys[0].comment).toContain(person.secret);
      const file = data.attachments[0].file as string;
      expect(await fs.readFile(path.join(dir, `customer-${customerId}`, file), 'utf8')).toContain(person.secret);
      const emails = await fs.readdir(path.join(dir, `customer-${customerId}`, 'emails'));
      expect(emails).toHaveLength(1);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('is for admins only, and answers 404 for an unknown customer', async () => {
    expect((await api(env.app, 'GET', `/api/v1/privacy/customers/${customerId}/export`, { as: agent })).status).toBe(403);
    const missing = await api(env.app, 'GET', '/api/v1/privacy/customers/999999/export', { as: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('customer_not_found');
  });
});

describe('erasure', () => {
  it('refuses bad input and non-admins', async () => {
    expect((await api(env.app, 'POST', `/api/v1/privacy/customers/${customerId}/erase`, { as: admin, body: {} })).status).toBe(400);
    expect(
      (await api(env.app, 'POST', `/api/v1/privacy/customers/${customerId}/erase`, { as: admin, body: { confirm: true, x: 1 } })).status,
    ).toBe(400);
    expect((await api(env.app, 'POST', '/api/v1/privacy/customers/abc/erase', { as: admin, body: { confirm: true } })).status).toBe(400);
    expect(
      (await api(env.app, 'POST', `/api/v1/privacy/customers/${customerId}/erase`, { as: agent, body: { confirm: true } })).status,
    ).toBe(403);
  });

  it('is refused while a legal hold covers the customer', async () => {
    const hold = await api(env.app, 'POST', '/api/v1/privacy/legal-holds', {
      as: admin,
      body: { customer_id: customerId, reason: 'Litigation 2026-17' },
    });
    expect(hold.status).toBe(201);
    const refused = await api(env.app, 'POST', `/api/v1/privacy/customers/${customerId}/erase`, { as: admin, body: { confirm: true } });
    expect(refused.status).toBe(409);
    expect((await api(env.app, 'POST', `/api/v1/privacy/legal-holds/${hold.body.id}/release`, { as: admin })).status).toBe(200);
  });

  it('leaves the name, email, phone and message text nowhere, and the monthly counts unchanged', async () => {
    const before = await monthCounts();
    const textBefore = await databaseText(env.ctx);
    for (const needle of Object.values(person)) expect(mentions(textBefore, needle), needle).toBe(true);
    expect(mentions(await directoryBytes(env.ctx.config.dataDir), person.secret)).toBe(true);

    const erased = await api(env.app, 'POST', `/api/v1/privacy/customers/${customerId}/erase`, { as: admin, body: { confirm: true } });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ reference: erasureReference(customerId), customers: 1, tickets: 1, attachments_removed: 1 });

    const haystacks = [await databaseText(env.ctx), await directoryBytes(env.ctx.config.dataDir)];
    if (testDatabaseKind === 'postgres') {
      const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(env.ctx.db);
      const url = new URL(process.env.FRONTLINE_TEST_DATABASE_URL as string);
      url.pathname = `/${rows[0]?.db}`;
      haystacks.push(await pgDumpText(url.toString()));
    }
    for (const haystack of haystacks) {
      for (const [what, needle] of Object.entries(person)) expect(mentions(haystack, needle), `${what} still present`).toBe(false);
    }
    expect(await monthCounts()).toEqual(before);
    // The other customer's ticket is untouched, and the erasure is on record without personal data.
    const control = await env.ctx.db.selectFrom('tickets').select('subject').where('id', '=', controlTicketId).executeTakeFirstOrThrow();
    expect(control.subject).toBe('Control ticket of someone else');
    const audit = await env.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.erased').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entity_id).toBe(erasureReference(customerId));
    expect(audit[0]?.after).toEqual({ customers: 1, tickets: 1, attachments_removed: 1 });
    // The survey score still counts.
    const answer = await env.ctx.db.selectFrom('survey_answers').select(['score', 'comment']).executeTakeFirstOrThrow();
    expect(answer).toEqual({ score: 5, comment: '' });
  });
});
