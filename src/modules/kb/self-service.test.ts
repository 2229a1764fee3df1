import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';

let env: TestEnvironment;
let agent: TestUser;
let customer: TestUser;
let refundArticle: number;
let internalArticle: number;
const HOUR = 60 * 60 * 1000;

const analytics = async () => (await api(env.app, 'GET', '/api/v1/kb/analytics?days=30', { as: agent })).body;

beforeAll(async () => {
  env = await createTestEnvironment();
  agent = await makeUser(env.ctx, 'engineer');
  customer = await makeUser(env.ctx, 'customer');
  const create = async (body: Record<string, unknown>) =>
    (await api(env.app, 'POST', '/api/v1/kb/articles', { as: agent, body })).body.id as number;
  refundArticle = await create({ title: 'How refunds work', body: 'Refunds reach your card within 10 days.', visibility: 'public' });
  internalArticle = await create({
    title: 'Refund escalation for chargebacks',
    body: 'Send chargebacks to Finance.',
    visibility: 'internal',
  });
});
afterAll(() => env?.close());

describe('deflection', () => {
  it('counts a visit that saw suggestions and left without a ticket, and confirms it after 24 hours', async () => {
    const key = 'visitor-aaaaaaaaaaaaaaaa';
    const suggested = await api(env.app, 'POST', '/api/v1/kb/suggestions', {
      as: customer,
      body: { text: 'where is my refund', visitor_key: key },
    });
    expect(suggested.body.data.map((r: { id: number }) => r.id)).toEqual([refundArticle]);
    expect(
      (await api(env.app, 'POST', `/api/v1/kb/articles/${refundArticle}/views`, { as: customer, body: { visitor_key: key } })).status,
    ).toBe(204);
    expect((await analytics()).deflections).toBe(0);
    const left = await api(env.app, 'POST', '/api/v1/kb/help-sessions/leave', { as: customer, body: { visitor_key: key } });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ suggested_article_ids: [refundArticle], viewed_article_ids: [refundArticle], ticket_id: null });
    expect(await analytics()).toMatchObject({ help_sessions: 1, deflections: 1, deflections_confirmed: 0, deflection_rate: 1 });
    env.clock.advance(25 * HOUR);
    expect(await analytics()).toMatchObject({ deflections: 1, deflections_confirmed: 1 });
    const figures = await api(env.app, 'GET', `/api/v1/kb/articles/${refundArticle}/analytics`, { as: agent });
    expect(figures.body).toMatchObject({ suggested: 1, deflections: 1, views: 1 });
  });

  it('does not count a visit followed by a ticket within 24 hours', async () => {
    const key = 'visitor-bbbbbbbbbbbbbbbb';
    await api(env.app, 'POST', '/api/v1/kb/suggestions', { as: customer, body: { text: 'refund missing', visitor_key: key } });
    await api(env.app, 'POST', '/api/v1/kb/help-sessions/leave', { as: customer, body: { visitor_key: key } });
    const before = await analytics();
    env.clock.advance(2 * HOUR);
    const ticket = await api(env.app, 'POST', '/api/v1/tickets', {
      as: customer,
      body: { subject: 'Refund missing', description: 'Still nothing.' },
    });
    expect(ticket.status).toBe(201);
    const after = await analytics();
    expect(after.deflections).toBe(before.deflections - 1);
    expect(after.tickets_after_help).toBe(before.tickets_after_help + 1);
  });

  it('links a ticket sent from the form to the visit', async () => {
    const key = 'visitor-cccccccccccccccc';
    await api(env.app, 'POST', '/api/v1/kb/suggestions', { body: { text: 'refund', visitor_key: key } });
    const ticket = await api(env.app, 'POST', '/api/v1/tickets', { as: customer, body: { subject: 'Refund', description: 'Please.' } });
    const linked = await api(env.app, 'POST', '/api/v1/kb/help-sessions/ticket', {
      as: customer,
      body: { visitor_key: key, ticket_id: ticket.body.id },
    });
    expect(linked.body.ticket_id).toBe(ticket.body.id);
    const other = await makeTicket(env.ctx);
    expect(
      (await api(env.app, 'POST', '/api/v1/kb/help-sessions/ticket', { as: customer, body: { visitor_key: key, ticket_id: other.id } }))
        .status,
    ).toBe(404);
    expect((await api(env.app, 'POST', '/api/v1/kb/help-sessions/leave', { body: { visitor_key: 'visitor-unknown-000000' } })).status).toBe(
      404,
    );
    expect((await api(env.app, 'POST', '/api/v1/kb/help-sessions/leave', { body: { visitor_key: 'short' } })).status).toBe(400);
  });
});

describe('agents at a ticket', () => {
  it('get suggested articles, internal ones included, from the ticket’s subject and messages', async () => {
    const ticket = await makeTicket(env.ctx, { subject: 'Chargeback on my account', description: 'The bank says I asked for a refund.' });
    const suggestions = await api(env.app, 'GET', `/api/v1/kb/tickets/${ticket.id}/suggestions`, { as: agent });
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.data.map((r: { id: number }) => r.id)).toEqual(expect.arrayContaining([refundArticle, internalArticle]));
    expect((await api(env.app, 'GET', `/api/v1/kb/tickets/${ticket.id}/suggestions`, { as: customer })).status).toBe(403);
  });

  it('mark a ticket solved with an article, see it counted, and find similar solved tickets with their solution', async () => {
    const solved = await makeTicket(env.ctx, { subject: 'Refund not received after cancellation' });
    await api(env.app, 'POST', `/api/v1/tickets/${solved.id}/comments`, {
      as: agent,
      body: { body: 'Refunds take 10 days; see the article.', status: 'solved' },
    });
    const linked = await api(env.app, 'POST', `/api/v1/kb/tickets/${solved.id}/solved-with`, {
      as: agent,
      body: { article_id: refundArticle },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.data).toMatchObject([{ id: refundArticle, title: 'How refunds work', linked_by: { id: agent.user.id } }]);
    expect(
      (await api(env.app, 'POST', `/api/v1/kb/tickets/${solved.id}/solved-with`, { as: agent, body: { article_id: refundArticle } })).body
        .data,
    ).toHaveLength(1);
    expect(
      (await api(env.app, 'POST', `/api/v1/kb/tickets/${solved.id}/solved-with`, { as: agent, body: { article_id: 999999 } })).status,
    ).toBe(404);
    const open = await makeTicket(env.ctx, { subject: 'Refund not received' });
    const similar = await api(env.app, 'GET', `/api/v1/kb/tickets/${open.id}/similar`, { as: agent });
    expect(similar.status).toBe(200);
    expect(similar.body.data[0]).toMatchObject({
      id: solved.id,
      solution: 'Refunds take 10 days; see the article.',
      solved_with: [{ id: refundArticle }],
    });
    expect((await analytics()).solved_with).toBeGreaterThanOrEqual(1);
    const removed = await api(env.app, 'DELETE', `/api/v1/kb/tickets/${solved.id}/solved-with/${refundArticle}`, { as: agent });
    expect(removed.body.data).toEqual([]);
  });
});
