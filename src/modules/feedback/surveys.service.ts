import type { Db } from '../../db/connection.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, validationError } from '../../platform/errors.ts';
import { getTicketForActor, type TicketChange } from '../tickets/index.ts';
import { type AnswerInput, isValidScore, type PublicSurvey, type SurveySettings, scales } from './feedback.schemas.ts';
import { presentPublicSurvey, questionPrompts } from './surveys.presenter.ts';
import * as repo from './surveys.repository.ts';
import { renderSurveyEmail } from './survey-page.ts';
import { signingKeys, signSurveyToken, verifySurveyToken } from './survey-links.ts';
import { getSurveySettings } from './survey-settings.ts';

export const sendSurveyJob = 'feedback.send-survey';
export const followUpJob = 'feedback.follow-up';

const DAY_MS = 86_400_000;
const isSolved = (status: string) => status === 'solved' || status === 'closed';

/** Whether a score is "bad" under the follow-up rules (CSAT and CES: at or below the limit; NPS likewise). */
export function isBadScore(rules: SurveySettings['follow_up'], kind: keyof typeof scales, score: number): boolean {
  if (kind === 'csat') return score <= rules.csat_at_most;
  if (kind === 'nps') return score <= rules.nps_at_most;
  return score <= rules.ces_at_most;
}

/** The link a customer follows to rate; `score` makes it a one-click rating of the first question. */
export function surveyUrl(ctx: Context, token: string, score?: number): string {
  const base = `${ctx.config.publicUrl.replace(/\/$/, '')}/survey/${token}`;
  return score === undefined ? base : `${base}?score=${score}`;
}

/**
 * Ticket-change hook: when a ticket becomes solved, schedules its survey (in the solving
 * transaction, through the job queue) unless the customer was surveyed within the throttle period,
 * in which case the skipped survey is recorded with the reason.
 */
export async function scheduleSurveyOnSolve(trx: Db, change: TicketChange): Promise<void> {
  const solved = change.events.some((e) => e.type === 'ticket.field_changed' && e.field === 'status' && e.after === 'solved');
  if (!solved) return;
  const settings = await getSurveySettings(trx);
  if (!settings.enabled) return;
  const ticket = await repo.ticketFacts(trx, change.ticketId);
  if (!ticket || !(settings.channels as string[]).includes(ticket.channel)) return;
  if (await repo.surveyOfTicket(trx, ticket.id)) return;
  await repo.lockCustomer(trx, ticket.requester_id);
  const now = change.now;
  const throttled =
    settings.throttle_days > 0 &&
    (await repo.recentSurveyOf(trx, ticket.requester_id, new Date(now.getTime() - settings.throttle_days * DAY_MS)));
  const scheduledFor = new Date(now.getTime() + settings.delay_minutes * 60_000);
  const survey = await trx
    .insertInto('surveys')
    .values({
      ticket_id: ticket.id,
      customer_id: ticket.requester_id,
      questions: settings.questions,
      via: 'email',
      status: throttled ? 'skipped' : 'scheduled',
      skip_reason: throttled ? 'throttled' : null,
      agent_id: ticket.assignee_id,
      group_id: ticket.group_id,
      channel: ticket.channel,
      category_id: ticket.category_id,
      scheduled_for: scheduledFor,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!throttled) await change.ctx.jobs.send(sendSurveyJob, { survey_id: survey.id }, { db: trx, startAfter: scheduledFor });
}

async function skip(trx: Db, id: number, reason: string, now: Date): Promise<'skipped'> {
  await trx.updateTable('surveys').set({ status: 'skipped', skip_reason: reason, updated_at: now }).where('id', '=', id).execute();
  return 'skipped';
}

/**
 * The send-survey job: checks again (the ticket may have been reopened, another survey may have gone
 * out meanwhile), then emails the one-click links. The mail is sent inside the transaction, so a
 * failed send leaves the survey scheduled and the job retries.
 */
export async function sendScheduledSurvey(ctx: Context, surveyId: number): Promise<'sent' | 'skipped' | 'ignored'> {
  return ctx.db.transaction().execute(async (trx) => {
    const survey = await repo.findSurvey(trx, surveyId, true);
    if (survey?.status !== 'scheduled') return 'ignored';
    const now = ctx.clock.now();
    const settings = await getSurveySettings(trx);
    if (!settings.enabled) return skip(trx, survey.id, 'disabled', now);
    const ticket = await repo.ticketFacts(trx, survey.ticket_id);
    if (!ticket || !isSolved(ticket.status)) return skip(trx, survey.id, 'ticket_reopened', now);
    await repo.lockCustomer(trx, survey.customer_id);
    if (settings.throttle_days > 0) {
      const since = new Date(now.getTime() - settings.throttle_days * DAY_MS);
      const other = await repo.recentSurveyOf(trx, survey.customer_id, since, survey.id);
      if (other && other.id < survey.id) return skip(trx, survey.id, 'throttled', now);
    }
    const email = await repo.customerEmail(trx, survey.customer_id);
    if (!email) return skip(trx, survey.id, 'no_email', now);
    const expiresAt = new Date(now.getTime() + settings.link_valid_days * DAY_MS);
    await trx
      .updateTable('surveys')
      .set({ status: 'sent', sent_at: now, expires_at: expiresAt, recipient: email, updated_at: now })
      .where('id', '=', survey.id)
      .execute();
    const [key] = await signingKeys(trx);
    if (!key) throw new Error('no survey signing key');
    const token = signSurveyToken(key, survey.id, expiresAt);
    const first = survey.questions[0] ?? 'csat';
    const links = [];
    for (let score = scales[first].min; score <= scales[first].max; score++) links.push({ score, url: surveyUrl(ctx, token, score) });
    await ctx.mailer.send({
      to: email,
      ...renderSurveyEmail({
        ticketId: ticket.id,
        subject: ticket.subject,
        agentName: ticket.agent_name,
        kind: first,
        links,
        pageUrl: surveyUrl(ctx, token),
      }),
      headers: { 'X-Frontline-Survey': String(survey.id), 'Auto-Submitted': 'auto-generated' },
    });
    return 'sent';
  });
}

/** The survey a link points to. Throws survey_link_invalid (403), survey_link_expired (410), survey_not_found. */
async function surveyForToken(db: Db, token: string, now: Date, lock = false): Promise<repo.SurveyRow> {
  const check = verifySurveyToken(await signingKeys(db), token, now);
  if (!check.ok) {
    if (check.reason === 'expired')
      throw new AppError(
        'survey_link_expired',
        'This rating link has expired; thank you all the same. Reply to the ticket to tell us more.',
      );
    throw new AppError('survey_link_invalid', 'This rating link is not valid: it was changed or not issued by us.');
  }
  const survey = await repo.findSurvey(db, check.surveyId, lock);
  if (!survey || (survey.status !== 'sent' && survey.status !== 'answered'))
    throw new AppError('survey_not_found', 'This survey is no longer available.');
  return survey;
}

async function publicView(db: Db, survey: repo.SurveyRow): Promise<PublicSurvey> {
  const ticket = await repo.ticketFacts(db, survey.ticket_id);
  const agent = survey.agent_id
    ? await db.selectFrom('users').select('name').where('id', '=', survey.agent_id).executeTakeFirst()
    : undefined;
  return presentPublicSurvey(survey, ticket?.subject ?? '', agent?.name ?? null, await repo.answersOf(db, [survey.id]));
}

/** What a rating link shows. Throws survey_link_invalid, survey_link_expired, survey_not_found. */
export async function getPublicSurvey(ctx: Context, token: string): Promise<PublicSurvey> {
  return publicView(ctx.db, await surveyForToken(ctx.db, token, ctx.clock.now()));
}

/**
 * Records (or changes) answers through a rating link, and queues the follow-up of each bad one.
 * Throws survey_link_invalid, survey_link_expired, survey_not_found, validation_failed.
 */
export async function answerSurvey(ctx: Context, token: string, answers: AnswerInput[]): Promise<PublicSurvey> {
  const kinds = answers.map((a) => a.kind);
  if (new Set(kinds).size !== kinds.length)
    throw validationError('Answer each question once.', [{ path: 'answers', message: 'duplicate kind' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const survey = await surveyForToken(trx, token, now, true);
    const problems = answers.flatMap((answer, i) => {
      if (!survey.questions.includes(answer.kind))
        return [{ path: `answers.${i}.kind`, message: `this survey does not ask ${answer.kind}` }];
      if (!isValidScore(answer.kind, answer.score))
        return [{ path: `answers.${i}.score`, message: `${answer.kind} is rated ${scales[answer.kind].min}–${scales[answer.kind].max}` }];
      return [];
    });
    if (problems.length) throw validationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
    const settings = await getSurveySettings(trx);
    for (const answer of answers) {
      const { row, previous } = await repo.upsertAnswer(
        trx,
        survey,
        { kind: answer.kind, score: answer.score, comment: answer.comment?.trim() },
        now,
      );
      // Followed up once per answer: when it first becomes bad (a bad rating changed to another bad one is not news).
      const becameBad =
        isBadScore(settings.follow_up, row.kind, row.score) && (previous === null || !isBadScore(settings.follow_up, row.kind, previous));
      if (becameBad && row.follow_up_at === null) {
        await ctx.jobs.send(followUpJob, { answer_id: row.id }, { db: trx });
      }
    }
    if (survey.status !== 'answered')
      await trx.updateTable('surveys').set({ status: 'answered', updated_at: now }).where('id', '=', survey.id).execute();
    return publicView(trx, survey);
  });
}

/** The answer's survey id, for the page to build its form. */
export function promptsOf(kinds: readonly (keyof typeof scales)[]) {
  return kinds.map((kind) => ({ kind, ...questionPrompts[kind], ...scales[kind] }));
}

/**
 * A survey offered at the end of a chat or in the portal: reuses the ticket's survey when there is
 * one (a still-scheduled email survey is taken over, so it is not sent too), otherwise opens one
 * unless the customer was surveyed within the throttle period. Throws ticket_not_found.
 */
export async function offerSurvey(
  ctx: Context,
  actor: Actor,
  ticketId: number,
  input: { via: 'chat' | 'portal'; questions?: (keyof typeof scales)[] | undefined },
) {
  await getTicketForActor(ctx, actor, ticketId);
  const none = (reason: string) => ({ offered: false, reason, survey_id: null, token: null, url: null, questions: [], expires_at: null });
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const settings = await getSurveySettings(trx);
    if (!settings.enabled) return none('disabled');
    const ticket = await repo.ticketFacts(trx, ticketId);
    if (!ticket) return none('disabled');
    await repo.lockCustomer(trx, ticket.requester_id);
    const expiresAt = new Date(now.getTime() + settings.link_valid_days * DAY_MS);
    const [key] = await signingKeys(trx);
    if (!key) throw new Error('no survey signing key');
    const existing = await repo.surveyOfTicket(trx, ticketId);
    let survey: repo.SurveyRow | undefined;
    if (existing) {
      survey = await repo.findSurvey(trx, existing.id, true);
      if (survey && survey.status === 'scheduled') {
        survey = await trx
          .updateTable('surveys')
          .set({ status: 'sent', via: input.via, sent_at: now, expires_at: expiresAt, updated_at: now })
          .where('id', '=', survey.id)
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      if (!survey?.expires_at || survey.expires_at <= now) return none('already_surveyed');
    } else {
      const since = new Date(now.getTime() - settings.throttle_days * DAY_MS);
      if (settings.throttle_days > 0 && (await repo.recentSurveyOf(trx, ticket.requester_id, since))) return none('throttled');
      survey = await trx
        .insertInto('surveys')
        .values({
          ticket_id: ticket.id,
          customer_id: ticket.requester_id,
          questions: input.questions ?? settings.questions,
          via: input.via,
          status: 'sent',
          agent_id: ticket.assignee_id,
          group_id: ticket.group_id,
          channel: ticket.channel,
          category_id: ticket.category_id,
          scheduled_for: now,
          sent_at: now,
          expires_at: expiresAt,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const token = signSurveyToken(key, survey.id, survey.expires_at as Date);
    return {
      offered: true,
      reason: null,
      survey_id: survey.id,
      token,
      url: surveyUrl(ctx, token),
      questions: survey.questions,
      expires_at: (survey.expires_at as Date).toISOString(),
    };
  });
}

/** A signed-in customer's surveys still open for rating (the portal shows them). */
export async function mySurveys(ctx: Context, actor: Actor) {
  if (actor.customerId === null) return [];
  const now = ctx.clock.now();
  const rows = await ctx.db
    .selectFrom('surveys as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .select(['s.id', 's.ticket_id', 't.subject', 's.questions', 's.status', 's.expires_at'])
    .where('s.customer_id', '=', actor.customerId)
    .where('s.status', 'in', ['sent', 'answered'])
    .where('s.expires_at', '>', now)
    .orderBy('s.id', 'desc')
    .limit(50)
    .execute();
  const [key] = await signingKeys(ctx.db);
  if (!key) return [];
  return rows.map((row) => {
    const token = signSurveyToken(key, row.id, row.expires_at as Date);
    return {
      survey_id: row.id,
      ticket_id: row.ticket_id,
      ticket_subject: row.subject,
      questions: row.questions,
      answered: row.status === 'answered',
      token,
      url: surveyUrl(ctx, token),
      expires_at: (row.expires_at as Date).toISOString(),
    };
  });
}
