import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { systemActor } from '../../platform/context.ts';
import { updateTicket } from '../tickets/index.ts';

let env: TestEnvironment;
let lead: TestUser;
let lead2: TestUser;
let head: TestUser;
let agent: TestUser;
let otherAgent: TestUser;
let analyst: TestUser;

interface Item {
  key: string;
  max_score: number;
  allow_na?: boolean;
  auto_fail?: boolean;
  weight: number;
}
let defaultCard: { id: number; current_version: { version: number; pass_score: number; definition: { sections: { items: Item[] }[] } } };
const items = () => defaultCard.current_version.definition.sections.flatMap((s) => s.items);
const perfect = () => Object.fromEntries(items().map((i) => [i.key, { score: i.max_score }]));

async function ticketOf(user: TestUser, solvedAt?: string) {
  const ticket = await makeTicket(env.ctx, { channel: 'chat' });
  await updateTicket(env.ctx, systemActor, ticket.id, { assignee_id: user.user.id });
  if (solvedAt) {
    await updateTicket(env.ctx, systemActor, ticket.id, { status: 'solved' });
    await env.ctx.db.updateTable('tickets').set({ solved_at: solvedAt }).where('id', '=', ticket.id).execute();
  }
  return ticket;
}

/** A scorecard definition with n pass/fail items of weight 1 in one section. */
const cardOf = (n: number, extra: Partial<Item> = {}) => ({
  sections: [
    {
      key: 'main',
      title: 'Main',
      items: Array.from({ length: n }, (_, i) => ({
        key: `item_${i}`,
        label: `Item ${i}`,
        weight: 1,
        max_score: 1,
        ...(i === 0 ? extra : {}),
      })),
    },
  ],
});

beforeAll(async () => {
  env = await createTestEnvironment();
  lead = await makeUser(env.ctx, 'manager', { name: 'Lena Lead' });
  lead2 = await makeUser(env.ctx, 'manager', { name: 'Omar Lead' });
  head = await makeUser(env.ctx, 'head_of_support');
  agent = await makeUser(env.ctx, 'associate', { name: 'Ada Agent' });
  otherAgent = await makeUser(env.ctx, 'associate');
  analyst = await makeUser(env.ctx, 'analyst');
  const list = await api(env.app, 'GET', '/api/v1/qa/scorecards', { as: agent });
  expect(list.status).toBe(200);
  defaultCard = list.body.data.find((c: { is_default: boolean }) => c.is_default);
});

afterAll(async () => {
  await env?.close();
});

describe('the default scorecard', () => {
  it('is the seeds’ 15–25 item rubric in sections, with weights, N/A items and auto-fail items', () => {
    const all = items();
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(all.length).toBeLessThanOrEqual(25);
    expect(defaultCard.current_version.definition.sections.length).toBeGreaterThanOrEqual(4);
    expect(all.some((i) => i.key === 'empathy')).toBe(true);
    expect(all.filter((i) => i.auto_fail).every((i) => i.max_score === 1)).toBe(true);
    expect(all.some((i) => i.auto_fail)).toBe(true);
    expect(all.some((i) => i.allow_na)).toBe(true);
    expect(new Set(all.map((i) => i.weight)).size).toBeGreaterThan(1);
  });
});

describe('scorecards', () => {
  it('must have 15–25 items and pass/fail auto-fail items', async () => {
    const tooFew = await api(env.app, 'POST', '/api/v1/qa/scorecards', {
      as: head,
      body: { name: 'Tiny', pass_score: 80, definition: cardOf(5) },
    });
    expect(tooFew.status).toBe(400);
    expect(JSON.stringify(tooFew.body)).toContain('15–25 items');
    const badAutoFail = await api(env.app, 'POST', '/api/v1/qa/scorecards', {
      as: head,
      body: { name: 'Bad', pass_score: 80, definition: cardOf(15, { auto_fail: true, max_score: 2 }) },
    });
    expect(badAutoFail.status).toBe(400);
    expect(
      (await api(env.app, 'POST', '/api/v1/qa/scorecards', { as: agent, body: { name: 'X', pass_score: 80, definition: cardOf(15) } }))
        .status,
    ).toBe(403);
  });

  it('are versioned: a review keeps the version it was made with', async () => {
    const created = await api(env.app, 'POST', '/api/v1/qa/scorecards', {
      as: head,
      body: { name: 'Voice calls', pass_score: 70, definition: cardOf(15) },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const ticket = await ticketOf(agent);
    const answers = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`item_${i}`, { score: i < 12 ? 1 : 0 }]));
    const first = await api(env.app, 'POST', '/api/v1/qa/reviews', {
      as: lead,
      body: { ticket_id: ticket.id, scorecard_id: id, answers, submit: true },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', score: 80, passed: true, scorecard: { version: 1, pass_score: 70 } });

    const v2 = await api(env.app, 'POST', `/api/v1/qa/scorecards/${id}/versions`, {
      as: head,
      body: { pass_score: 90, definition: cardOf(16) },
    });
    expect(v2.status).toBe(201);
    expect(v2.body.current_version).toMatchObject({ version: 2, item_count: 16 });
    const again = await api(env.app, 'GET', `/api/v1/qa/reviews/${first.body.id}`, { as: lead });
    expect(again.body).toMatchObject({ score: 80, passed: true, scorecard: { version: 1, pass_score: 70 } });
    expect(again.body.definition.sections[0].items).toHaveLength(15);
    const old = await api(env.app, 'GET', `/api/v1/qa/scorecards/${id}/versions/1`, { as: agent });
    expect(old.body.item_count).toBe(15);
  });
});

describe('reviews', () => {
  it('compute the score from the version’s weights, leave N/A out, and refuse to submit with items unanswered', async () => {
    const ticket = await ticketOf(agent);
    const answers: Record<string, { score?: number; not_applicable?: boolean; comment?: string }> = perfect();
    delete answers.empathy;
    const incomplete = await api(env.app, 'POST', '/api/v1/qa/reviews', {
      as: lead,
      body: { ticket_id: ticket.id, answers, submit: true },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.detail).toContain('empathy');

    const draft = await api(env.app, 'POST', '/api/v1/qa/reviews', { as: lead, body: { ticket_id: ticket.id, answers } });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', unanswered: ['empathy'], agent: { id: agent.user.id } });
    // empathy (weight 2, 0–2) scored 1, every N/A-able item N/A: earned = possible − 1 → exact ratio below.
    const na = Object.fromEntries(
      items()
        .filter((i) => i.allow_na)
        .map((i) => [i.key, { not_applicable: true }]),
    );
    const scored = items().filter((i) => !i.allow_na);
    const possible = scored.reduce((sum, i) => sum + i.weight, 0);
    const expected = Math.round(((100 * (possible - 1)) / possible) * 100) / 100;
    const done = await api(env.app, 'PATCH', `/api/v1/qa/reviews/${draft.body.id}`, {
      as: lead,
      body: { answers: { ...na, empathy: { score: 1, comment: 'Acknowledge the frustration first.' } }, submit: true },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'submitted', score: expected, auto_failed: false });
    expect(done.body.answers.empathy.comment).toBe('Acknowledge the frustration first.');

    const naNotAllowed = await api(env.app, 'PATCH', `/api/v1/qa/reviews/${draft.body.id}`, {
      as: lead,
      body: { answers: { empathy: { not_applicable: true } } },
    });
    expect(naNotAllowed.status).toBe(400);
    const offScale = await api(env.app, 'PATCH', `/api/v1/qa/reviews/${draft.body.id}`, {
      as: lead,
      body: { answers: { greeting: { score: 3 } } },
    });
    expect(offScale.status).toBe(400);
  });

  it('score 0 when an auto-fail item fails', async () => {
    const ticket = await ticketOf(agent);
    const autoFail = items().find((i) => i.auto_fail && !i.allow_na) as Item;
    const review = await api(env.app, 'POST', '/api/v1/qa/reviews', {
      as: lead,
      body: {
        ticket_id: ticket.id,
        answers: { ...perfect(), [autoFail.key]: { score: 0, comment: 'Card number pasted in reply.' } },
        submit: true,
      },
    });
    expect(review.body).toMatchObject({ score: 0, auto_failed: true, passed: false, failed_items: [autoFail.key] });
  });

  it('are seen by the reviewed agent (who may dispute once at a time), not by other agents', async () => {
    const ticket = await ticketOf(agent);
    const review = await api(env.app, 'POST', '/api/v1/qa/reviews', {
      as: lead,
      body: { ticket_id: ticket.id, answers: perfect(), submit: true },
    });
    const id = review.body.id;
    expect((await api(env.app, 'GET', `/api/v1/qa/reviews/${id}`, { as: agent })).status).toBe(200);
    expect((await api(env.app, 'GET', `/api/v1/qa/reviews/${id}`, { as: otherAgent })).status).toBe(404);
    expect((await api(env.app, 'GET', `/api/v1/qa/reviews/${id}`, { as: analyst })).status).toBe(200);
    const mine = await api(env.app, 'GET', '/api/v1/my/qa/reviews', { as: agent });
    expect(mine.body.data.some((r: { id: number }) => r.id === id)).toBe(true);

    const dispute = await api(env.app, 'POST', `/api/v1/qa/reviews/${id}/disputes`, {
      as: agent,
      body: { reason: 'The customer asked for the refund policy, I linked it.' },
    });
    expect(dispute.status).toBe(201);
    expect((await api(env.app, 'POST', `/api/v1/qa/reviews/${id}/disputes`, { as: agent, body: { reason: 'again' } })).status).toBe(409);
    expect((await api(env.app, 'POST', `/api/v1/qa/reviews/${id}/disputes`, { as: otherAgent, body: { reason: 'me too' } })).status).toBe(
      404,
    );
    const listed = await api(env.app, 'GET', '/api/v1/qa/reviews?agent_id=' + agent.user.id, { as: lead });
    expect(listed.body.data.find((r: { id: number }) => r.id === id).open_dispute).toBe(true);
    const resolved = await api(env.app, 'PATCH', `/api/v1/qa/disputes/${dispute.body.id}`, {
      as: lead2,
      body: { status: 'accepted', resolution: 'Fair, rescored.' },
    });
    expect(resolved.body).toMatchObject({ status: 'accepted', resolved_by: lead2.user.id });
    expect(
      (await api(env.app, 'PATCH', `/api/v1/qa/disputes/${dispute.body.id}`, { as: lead2, body: { status: 'rejected' } })).status,
    ).toBe(422);
  });

  it('cannot be made by agents or of one’s own conversation', async () => {
    const ticket = await ticketOf(lead);
    expect((await api(env.app, 'POST', '/api/v1/qa/reviews', { as: agent, body: { ticket_id: ticket.id } })).status).toBe(403);
    expect((await api(env.app, 'POST', '/api/v1/qa/reviews', { as: lead, body: { ticket_id: ticket.id } })).status).toBe(422);
  });
});

describe('sampling and the reviewer’s queue', () => {
  it('fills the queues from the week’s solved conversations, the same way for the same seed, once per conversation', async () => {
    for (let i = 0; i < 5; i++) await ticketOf(otherAgent, `2026-02-1${i}T12:00:00Z`);
    const escalated = await ticketOf(otherAgent, '2026-02-12T13:00:00Z');
    await updateTicket(env.ctx, systemActor, escalated.id, { tier: 2 });
    const run = await api(env.app, 'POST', '/api/v1/qa/sampling/run', {
      as: head,
      body: { week: '2026-02-11', seed: 42, reviewer_ids: [lead.user.id, lead2.user.id] },
    });
    expect(run.status).toBe(200);
    expect(run.body.week).toBe('2026-02-09');
    const picked = run.body.picked as { ticket_id: number; reason: string; reviewer_id: number }[];
    expect(picked.find((p) => p.ticket_id === escalated.id)?.reason).toBe('escalated');
    expect(picked.filter((p) => p.reason === 'random')).toHaveLength(3);
    expect(new Set(picked.map((p) => p.reviewer_id))).toEqual(new Set([lead.user.id, lead2.user.id]));

    const rerun = await api(env.app, 'POST', '/api/v1/qa/sampling/run', { as: head, body: { week: '2026-02-11', seed: 42 } });
    expect(rerun.body.picked).toHaveLength(0);

    const queue = await api(env.app, 'GET', '/api/v1/qa/queue', { as: lead });
    const mine = queue.body.data.filter((q: { week: string }) => q.week === '2026-02-09');
    expect(mine.length).toBe(picked.filter((p) => p.reviewer_id === lead.user.id).length);
    const item = mine[0];
    const review = await api(env.app, 'POST', '/api/v1/qa/reviews', {
      as: lead,
      body: { ticket_id: item.ticket_id, queue_item_id: item.id, answers: perfect(), submit: true },
    });
    expect(review.status).toBe(201);
    const after = await api(env.app, 'GET', '/api/v1/qa/queue', { as: lead });
    expect(after.body.data.some((q: { id: number }) => q.id === item.id)).toBe(false);
  });
});

describe('calibration', () => {
  it('is blind until a reviewer submits, then shows agreement, variance and the difference from the reference', async () => {
    const ticket = await ticketOf(agent);
    const session = await api(env.app, 'POST', '/api/v1/qa/calibrations', {
      as: head,
      body: { ticket_id: ticket.id, reviewer_ids: [lead.user.id, lead2.user.id], reference_reviewer_id: lead.user.id },
    });
    expect(session.status).toBe(201);
    const id = session.body.id;
    const a = await api(env.app, 'POST', '/api/v1/qa/reviews', {
      as: lead,
      body: { ticket_id: ticket.id, calibration_id: id, answers: perfect(), submit: true },
    });
    expect(a.status).toBe(201);
    const blind = await api(env.app, 'GET', `/api/v1/qa/calibrations/${id}`, { as: lead2 });
    expect(blind.body.results).toBeNull();
    expect((await api(env.app, 'GET', `/api/v1/qa/reviews/${a.body.id}`, { as: lead2 })).status).toBe(404);
    // The second reviewer finds empathy weaker (1 of 2) and marks the knowledge-base item N/A.
    const answers = { ...perfect(), empathy: { score: 1 }, knowledge_base: { not_applicable: true } };
    await api(env.app, 'POST', '/api/v1/qa/reviews', {
      as: lead2,
      body: { ticket_id: ticket.id, calibration_id: id, answers, submit: true },
    });
    const results = (await api(env.app, 'GET', `/api/v1/qa/calibrations/${id}`, { as: lead2 })).body.results;
    expect(results.reference_score).toBe(100);
    const second = results.reviewers.find((r: { reviewer_id: number }) => r.reviewer_id === lead2.user.id);
    expect(second.score).toBeLessThan(100);
    expect(second.difference_from_reference).toBeCloseTo(second.score - 100, 2);
    expect(results.range).toBeCloseTo(100 - second.score, 2);
    expect(results.std_dev).toBeCloseTo((100 - second.score) / 2, 2);
    expect(results.variance).toBeCloseTo(((100 - second.score) / 2) ** 2, 1);
    const empathy = results.items.find((i: { key: string }) => i.key === 'empathy');
    expect(empathy).toMatchObject({ agreement: 0.5, reference: '2', matches_reference: 1, spread: 0.5 });
    expect(results.items.find((i: { key: string }) => i.key === 'greeting')).toMatchObject({ agreement: 1, spread: 0 });
    // Calibration reviews are not the agent's reviews.
    const mine = await api(env.app, 'GET', '/api/v1/my/qa/reviews', { as: agent });
    expect(mine.body.data.some((r: { id: number }) => r.id === a.body.id)).toBe(false);
    const closed = await api(env.app, 'POST', `/api/v1/qa/calibrations/${id}/close`, { as: head });
    expect(closed.body.status).toBe('closed');
    expect((await api(env.app, 'PATCH', `/api/v1/qa/reviews/${a.body.id}`, { as: lead, body: { comment: 'late' } })).status).toBe(422);
  });
});

describe('coaching', () => {
  it('keeps weekly 1:1 notes and goals tied to reviews; the agent sees the shared part and their trend', async () => {
    const ticket = await ticketOf(agent);
    const review = await api(env.app, 'POST', '/api/v1/qa/reviews', {
      as: lead,
      body: { ticket_id: ticket.id, answers: perfect(), submit: true },
    });
    const session = await api(env.app, 'POST', '/api/v1/qa/coaching-sessions', {
      as: lead,
      body: {
        agent_id: agent.user.id,
        held_on: '2026-03-02',
        notes: 'Great ownership on the refund case.',
        private_notes: 'Consider for Tier 2.',
        review_ids: [review.body.id],
        goals: [{ title: 'Link a KB article in every how-to answer', due_on: '2026-03-30' }],
      },
    });
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({
      review_ids: [review.body.id],
      private_notes: 'Consider for Tier 2.',
      goals: [{ due_on: '2026-03-30', status: 'open' }],
    });
    const wrongReview = await api(env.app, 'POST', '/api/v1/qa/coaching-sessions', {
      as: lead,
      body: { agent_id: otherAgent.user.id, held_on: '2026-03-02', review_ids: [review.body.id] },
    });
    expect(wrongReview.status).toBe(400);

    const mine = await api(env.app, 'GET', '/api/v1/my/quality', { as: agent });
    expect(mine.status).toBe(200);
    expect(mine.body.sessions[0].notes).toBe('Great ownership on the refund case.');
    expect(mine.body.sessions[0].private_notes).toBeUndefined();
    const thisWeek = mine.body.trend.weeks.at(-1);
    expect(thisWeek.reviews).toBeGreaterThanOrEqual(1);
    expect(thisWeek.qa_score).not.toBeNull();

    const goalId = session.body.goals[0].id;
    expect(
      (await api(env.app, 'PATCH', `/api/v1/qa/coaching-goals/${goalId}`, { as: agent, body: { status: 'achieved' } })).body.status,
    ).toBe('achieved');
    expect((await api(env.app, 'PATCH', `/api/v1/qa/coaching-goals/${goalId}`, { as: agent, body: { title: 'easier goal' } })).status).toBe(
      403,
    );
    expect(
      (await api(env.app, 'PATCH', `/api/v1/qa/coaching-goals/${goalId}`, { as: otherAgent, body: { status: 'dropped' } })).status,
    ).toBe(404);
    expect((await api(env.app, 'GET', `/api/v1/qa/agents/${agent.user.id}/trend`, { as: otherAgent })).status).toBe(403);
    expect((await api(env.app, 'GET', '/api/v1/qa/coaching-sessions?agent_id=' + agent.user.id, { as: otherAgent })).status).toBe(403);
  });
});
