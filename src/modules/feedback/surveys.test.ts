import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { systemActor } from '../../platform/context.ts';
import { updateTicket } from '../tickets/index.ts';
import { followUpJob, sendSurveyJob } from './surveys.service.ts';

let env: TestEnvironment;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let agent: TestUser;
let manager: TestUser;
let admin: TestUser;
let analyst: TestUser;
let groupId: number;

const DAY = 86_400_000;
let counter = 0;
const freshEmail = () => `rater-${++counter}-${Date.now()}@example.com`;

/** A ticket from `email`, assigned to the agent in the group, then solved. */
async function solvedTicket(email: string) {
  const ticket = await makeTicket(env.ctx, { requesterEmail: email, channel: 'email' });
  await updateTicket(env.ctx, systemActor, ticket.id, { assignee_id: agent.user.id, group_id: groupId });
  await updateTicket(env.ctx, systemActor, ticket.id, { status: 'solved' });
  return ticket;
}

const surveysOf = (ticketId: number) => env.ctx.db.selectFrom('surveys').selectAll().where('ticket_id', '=', ticketId).execute();
const sendDue = () => env.ctx.jobs.drain({ names: [sendSurveyJob], ignoreStartAfter: true });
/** Runs every pending survey job and forgets the mail they sent, so that a test starts clean. */
async function settle() {
  await env.ctx.jobs.drain({ names: [sendSurveyJob, followUpJob], ignoreStartAfter: true });
  sink.messages.length = 0;
}
const linksIn = (text: string) =>
  [...text.matchAll(/https?:\/\/\S+\/survey\/(\S+?)\?score=(\d+)/g)].map((m) => ({ token: m[1] as string, score: Number(m[2]) }));

async function page(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
  const response = await env.app.inject({
    method,
    url,
    ...(form ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() } : {}),
  });
  return { status: response.statusCode, html: response.body, type: String(response.headers['content-type']) };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await createTestEnvironment({ smtpUrl: sink.url, publicUrl: 'https://help.example.com' });
  agent = await makeUser(env.ctx, 'associate', { name: 'Lee Chen' });
  manager = await makeUser(env.ctx, 'manager');
  admin = await makeUser(env.ctx, 'admin');
  analyst = await makeUser(env.ctx, 'analyst');
  const now = env.clock.now();
  const group = await env.ctx.db
    .insertInto('groups')
    .values({ name: 'Tier 1', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  groupId = group.id;
  await env.ctx.db
    .insertInto('group_memberships')
    .values([
      { group_id: groupId, user_id: agent.user.id },
      { group_id: groupId, user_id: manager.user.id },
    ])
    .execute();
  const patch = await api(env.app, 'PATCH', '/api/v1/survey-settings', {
    as: admin,
    body: { questions: ['csat', 'nps', 'ces'], delay_minutes: 30, throttle_days: 7, link_valid_days: 14, follow_up: { reopen: true } },
  });
  expect(patch.status).toBe(200);
});

afterAll(async () => {
  await env?.close();
  await sink?.close();
});

describe('surveys after a solved ticket', () => {
  it('are scheduled in the solving transaction with the configured delay and tied to ticket, agent, group and channel', async () => {
    const ticket = await solvedTicket(freshEmail());
    const [survey] = await surveysOf(ticket.id);
    expect(survey).toMatchObject({ status: 'scheduled', via: 'email', agent_id: agent.user.id, group_id: groupId, channel: 'email' });
    expect(new Date(survey?.scheduled_for as Date).getTime() - env.clock.now().getTime()).toBe(30 * 60_000);
    const queued = await sql<{ data: { survey_id: number } }>`select data from pgboss.job where name = ${sendSurveyJob}`.execute(
      env.ctx.db,
    );
    expect(queued.rows.some((job) => job.data.survey_id === survey?.id)).toBe(true);
  });

  it('are emailed with one-click links; a click records the rating, the page changes it and takes a comment', async () => {
    await settle();
    const email = freshEmail();
    const ticket = await solvedTicket(email);
    await sendDue();
    const mail = await sink.next();
    expect(mail.to).toEqual([email]);
    expect(mail.subject).toContain(`#${ticket.id}`);
    const links = linksIn(mail.text);
    expect(links.map((l) => l.score)).toEqual([1, 2, 3, 4, 5]);
    const token = links[0]?.token as string;

    const clicked = await page('GET', `/survey/${token}?score=5`);
    expect(clicked.status).toBe(200);
    expect(clicked.type).toContain('text/html');
    expect(clicked.html).toContain('your rating (5) is saved');

    const changed = await page('POST', `/survey/${token}`, {
      csat: '2',
      csat_comment: 'Took three emails to get an answer.',
      nps: '6',
      ces: '3',
    });
    expect(changed.status).toBe(200);
    expect(changed.html).toContain('Took three emails');

    const answers = await env.ctx.db.selectFrom('survey_answers').selectAll().where('ticket_id', '=', ticket.id).orderBy('kind').execute();
    expect(answers.map((a) => [a.kind, a.score, a.first_score, a.changes])).toEqual([
      ['ces', 3, 3, 0],
      ['csat', 2, 5, 1],
      ['nps', 6, 6, 0],
    ]);
    expect(answers.every((a) => a.agent_id === agent.user.id && a.group_id === groupId && a.channel === 'email')).toBe(true);
    const [survey] = await surveysOf(ticket.id);
    expect(survey?.status).toBe('answered');
  });

  it('follow up a bad rating: an internal note, the ticket reopened, the group lead emailed', async () => {
    await settle();
    const ticket = await solvedTicket(freshEmail());
    await sendDue();
    const token = linksIn((await sink.next()).text)[0]?.token as string;
    sink.messages.length = 0;
    expect((await page('GET', `/survey/${token}?score=1`)).status).toBe(200);
    expect(await env.ctx.jobs.drain({ names: [followUpJob] })).toBeGreaterThanOrEqual(1);
    const notice = await sink.next();
    expect(notice.to).toEqual([manager.user.email]);
    expect(notice.subject).toContain(`Low CSAT (1) on #${ticket.id}`);
    const detail = await api(env.app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: admin });
    expect(detail.body.status).toBe('open');
    const comments = await api(env.app, 'GET', `/api/v1/tickets/${ticket.id}/comments`, { as: admin });
    expect(comments.body.data.some((c: { public: boolean; body: string }) => !c.public && c.body.includes('CSAT 1 on 1–5'))).toBe(true);
    const [answer] = await env.ctx.db.selectFrom('survey_answers').select('follow_up_at').where('ticket_id', '=', ticket.id).execute();
    expect(answer?.follow_up_at).not.toBeNull();
  });

  it('refuse a forged link with 403 and an expired one with 410, as a page and through the API', async () => {
    await settle();
    await solvedTicket(freshEmail());
    await sendDue();
    const token = linksIn((await sink.next()).text)[0]?.token as string;
    const [id, exp, sig] = token.split('.') as [string, string, string];
    const forged = `${Number(id) + 1}.${exp}.${sig}`;
    const forgedPage = await page('GET', `/survey/${forged}?score=5`);
    expect(forgedPage.status).toBe(403);
    expect(forgedPage.html).toContain('This link is not valid');
    expect((await page('GET', '/survey/garbage')).status).toBe(403);
    const forgedApi = await api(env.app, 'PUT', `/api/v1/survey-links/${forged}`, { body: { answers: [{ kind: 'csat', score: 5 }] } });
    expect(forgedApi.status).toBe(403);
    expect(forgedApi.body.code).toBe('survey_link_invalid');

    env.clock.advance(15 * DAY);
    try {
      const expired = await page('GET', `/survey/${token}?score=5`);
      expect(expired.status).toBe(410);
      expect(expired.html).toContain('expired');
      const expiredApi = await api(env.app, 'GET', `/api/v1/survey-links/${token}`);
      expect(expiredApi.status).toBe(410);
      expect(expiredApi.body.code).toBe('survey_link_expired');
    } finally {
      env.clock.advance(-15 * DAY);
    }
  });

  it('refuse a score off the scale and a question the survey does not ask with a 400', async () => {
    await settle();
    await solvedTicket(freshEmail());
    await sendDue();
    const token = linksIn((await sink.next()).text)[0]?.token as string;
    expect((await page('GET', `/survey/${token}?score=9`)).status).toBe(400);
    expect((await page('GET', `/survey/${token}?score=abc`)).status).toBe(400);
    const offScale = await api(env.app, 'PUT', `/api/v1/survey-links/${token}`, { body: { answers: [{ kind: 'ces', score: 0 }] } });
    expect(offScale.status).toBe(400);
    expect(offScale.body.code).toBe('validation_failed');
    const ok = await api(env.app, 'PUT', `/api/v1/survey-links/${token}`, {
      body: { answers: [{ kind: 'nps', score: 10, comment: 'Great' }] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.answers).toMatchObject([{ kind: 'nps', score: 10, comment: 'Great' }]);
  });
});

describe('the survey throttle', () => {
  it('sends at most one survey per customer in the period, and again once it has passed', async () => {
    await settle();
    const email = freshEmail();
    const first = await solvedTicket(email);
    const second = await solvedTicket(email);
    expect((await surveysOf(first.id))[0]?.status).toBe('scheduled');
    expect((await surveysOf(second.id))[0]).toMatchObject({ status: 'skipped', skip_reason: 'throttled' });
    await sendDue();
    await sink.next();
    env.clock.advance(6 * DAY);
    const third = await solvedTicket(email);
    expect((await surveysOf(third.id))[0]).toMatchObject({ status: 'skipped', skip_reason: 'throttled' });
    env.clock.advance(2 * DAY);
    const fourth = await solvedTicket(email);
    expect((await surveysOf(fourth.id))[0]?.status).toBe('scheduled');
  });

  it('holds when two surveys were scheduled before either went out (checked again at sending)', async () => {
    const email = freshEmail();
    const a = await solvedTicket(email);
    // Simulate a race: a second survey scheduled for the same customer as if the first were not seen.
    const [first] = await surveysOf(a.id);
    const b = await makeTicket(env.ctx, { requesterEmail: email });
    const now = env.clock.now();
    const row = await env.ctx.db
      .insertInto('surveys')
      .values({
        ticket_id: b.id,
        customer_id: first?.customer_id as number,
        questions: ['csat'],
        via: 'email',
        status: 'scheduled',
        channel: 'email',
        scheduled_for: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await updateTicket(env.ctx, systemActor, b.id, { status: 'solved' });
    await env.ctx.jobs.send(sendSurveyJob, { survey_id: row.id });
    sink.messages.length = 0;
    await sendDue();
    const statuses = [
      (await surveysOf(a.id))[0]?.status,
      await env.ctx.db.selectFrom('surveys').select(['status', 'skip_reason']).where('id', '=', row.id).executeTakeFirst(),
    ];
    expect(statuses[0]).toBe('sent');
    expect(statuses[1]).toEqual({ status: 'skipped', skip_reason: 'throttled' });
    expect(sink.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('skips a survey whose ticket was reopened before it went out', async () => {
    const ticket = await solvedTicket(freshEmail());
    await updateTicket(env.ctx, systemActor, ticket.id, { status: 'open' });
    await sendDue();
    expect((await surveysOf(ticket.id))[0]).toMatchObject({ status: 'skipped', skip_reason: 'ticket_reopened' });
  });
});

describe('chat-end and portal surveys', () => {
  it('offer the customer a survey of their own ticket, answered through the JSON API, and refuse others', async () => {
    const customer = await makeUser(env.ctx, 'customer');
    const ticket = await makeTicket(env.ctx, { requesterEmail: customer.user.email, channel: 'chat' });
    const offered = await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/surveys`, {
      as: customer,
      body: { via: 'chat', questions: ['csat'] },
    });
    expect(offered.status).toBe(200);
    expect(offered.body).toMatchObject({ offered: true, questions: ['csat'] });
    const view = await api(env.app, 'GET', `/api/v1/survey-links/${offered.body.token}`);
    const notAsked = await api(env.app, 'PUT', `/api/v1/survey-links/${offered.body.token}`, {
      body: { answers: [{ kind: 'nps', score: 9 }] },
    });
    expect(notAsked.status).toBe(400);
    expect(notAsked.body.detail).toContain('does not ask nps');
    expect(view.body.questions[0]).toMatchObject({ kind: 'csat', min: 1, max: 5 });
    const answered = await api(env.app, 'PUT', `/api/v1/survey-links/${offered.body.token}`, {
      body: { answers: [{ kind: 'csat', score: 4, comment: 'Quick chat' }] },
    });
    expect(answered.status).toBe(200);
    const mine = await api(env.app, 'GET', '/api/v1/my/surveys', { as: customer });
    expect(mine.body.data).toMatchObject([{ ticket_id: ticket.id, answered: true }]);

    const other = await makeUser(env.ctx, 'customer');
    const refused = await api(env.app, 'POST', `/api/v1/tickets/${ticket.id}/surveys`, { as: other, body: { via: 'portal' } });
    expect(refused.status).toBe(404);
    const again = await makeTicket(env.ctx, { requesterEmail: customer.user.email, channel: 'chat' });
    const throttled = await api(env.app, 'POST', `/api/v1/tickets/${again.id}/surveys`, { as: customer, body: { via: 'chat' } });
    expect(throttled.body).toMatchObject({ offered: false, reason: 'throttled' });
  });
});

describe('survey results', () => {
  it('compute CSAT, NPS and CES per agent, group and period as defined (4–5 share, promoters − detractors, mean)', async () => {
    const fresh = await createTestEnvironment();
    try {
      const db = fresh.ctx.db;
      const lead = await makeUser(fresh.ctx, 'admin');
      const a1 = await makeUser(fresh.ctx, 'associate', { name: 'Ana' });
      const a2 = await makeUser(fresh.ctx, 'associate', { name: 'Ben' });
      const t = await makeTicket(fresh.ctx);
      const now = fresh.clock.now();
      const survey = async (agentId: number, answers: [string, number][], at: string) => {
        const s = await db
          .insertInto('surveys')
          .values({
            ticket_id: t.id,
            customer_id: t.requester.id,
            questions: ['csat', 'nps', 'ces'],
            via: 'email',
            status: 'answered',
            agent_id: agentId,
            group_id: null,
            channel: 'email',
            category_id: null,
            scheduled_for: now,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const [kind, score] of answers)
          await db
            .insertInto('survey_answers')
            .values({
              survey_id: s.id,
              kind: kind as 'csat',
              score,
              first_score: score,
              ticket_id: t.id,
              customer_id: t.requester.id,
              agent_id: agentId,
              group_id: null,
              channel: 'email',
              category_id: null,
              answered_at: at,
              updated_at: at,
            })
            .execute();
      };
      await survey(
        a1.user.id,
        [
          ['csat', 5],
          ['nps', 10],
          ['ces', 7],
        ],
        '2026-03-02T10:00:00Z',
      );
      await survey(
        a1.user.id,
        [
          ['csat', 4],
          ['nps', 7],
          ['ces', 5],
        ],
        '2026-03-03T10:00:00Z',
      );
      await survey(
        a1.user.id,
        [
          ['csat', 2],
          ['nps', 3],
          ['ces', 2],
        ],
        '2026-03-10T10:00:00Z',
      );
      await survey(
        a2.user.id,
        [
          ['csat', 3],
          ['nps', 9],
        ],
        '2026-03-10T11:00:00Z',
      );

      const byAgent = await api(fresh.app, 'GET', '/api/v1/survey-results?group_by=agent', { as: lead });
      expect(byAgent.status).toBe(200);
      expect(byAgent.body.total).toMatchObject({
        csat: { responses: 4, satisfied: 2, score: 50 },
        nps: { responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 },
        ces: { responses: 3, mean: 4.67 },
      });
      const ana = byAgent.body.data.find((r: { label: string }) => r.label === 'Ana');
      expect(ana).toMatchObject({ key: String(a1.user.id), csat: { score: 66.7 }, nps: { score: 0 }, ces: { mean: 4.67 } });
      const ben = byAgent.body.data.find((r: { label: string }) => r.label === 'Ben');
      expect(ben).toMatchObject({ csat: { score: 0 }, nps: { score: 100 }, ces: { responses: 0, mean: null } });

      const byWeek = await api(fresh.app, 'GET', '/api/v1/survey-results?group_by=week&from=2026-03-01&to=2026-03-31', { as: lead });
      expect(byWeek.body.data.map((r: { key: string; csat: { responses: number } }) => [r.key, r.csat.responses])).toEqual([
        ['2026-03-02', 2],
        ['2026-03-09', 2],
      ]);
      const onlyAna = await api(fresh.app, 'GET', `/api/v1/survey-results?agent_id=${a1.user.id}&from=2026-03-09`, { as: lead });
      expect(onlyAna.body.total.csat).toMatchObject({ responses: 1, satisfied: 0, score: 0 });

      const low = await api(fresh.app, 'GET', '/api/v1/survey-answers?kind=csat&max_score=2', { as: lead });
      expect(low.body.data).toHaveLength(1);
      expect(low.body.data[0]).toMatchObject({ score: 2, agent_name: 'Ana' });
    } finally {
      await fresh.close();
    }
  });

  it('are readable by analysts and managers but not by agents; only admins and heads of support change the settings', async () => {
    expect((await api(env.app, 'GET', '/api/v1/survey-results', { as: analyst })).status).toBe(200);
    expect((await api(env.app, 'GET', '/api/v1/survey-results', { as: manager })).status).toBe(200);
    expect((await api(env.app, 'GET', '/api/v1/survey-results', { as: agent })).status).toBe(403);
    expect((await api(env.app, 'PATCH', '/api/v1/survey-settings', { as: manager, body: { delay_minutes: 5 } })).status).toBe(403);
    expect((await api(env.app, 'PATCH', '/api/v1/survey-settings', { as: admin, body: { delay_minutes: -5 } })).status).toBe(400);
  });
});
