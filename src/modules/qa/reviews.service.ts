import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { can } from '../../platform/permissions.ts';
import { iso } from '../../platform/schemas.ts';
import { answerProblems, type ItemAnswer, type ScorecardDefinition, scoreReview } from './qa-scoring.ts';
import type { CreateReviewInput, ListReviewsQuery, ReviewView, UpdateReviewInput } from './qa.schemas.ts';
import { currentVersion, getVersion } from './scorecards.service.ts';

type AnswersInput = NonNullable<CreateReviewInput['answers']>;

function normalise(answers: AnswersInput | undefined): Record<string, ItemAnswer> {
  const out: Record<string, ItemAnswer> = {};
  for (const [key, a] of Object.entries(answers ?? {})) {
    out[key] = { score: a.score ?? null, not_applicable: a.not_applicable === true, comment: a.comment ?? '' };
  }
  return out;
}

async function storedAnswers(db: Db, reviewId: number): Promise<Record<string, ItemAnswer & { comment: string }>> {
  const rows = await db.selectFrom('qa_review_answers').selectAll().where('review_id', '=', reviewId).execute();
  return Object.fromEntries(rows.map((r) => [r.item_key, { score: r.score, not_applicable: r.not_applicable, comment: r.comment }]));
}

/** Validates, stores and scores a review's answers (merged over what is stored); returns the score. */
async function saveAnswers(
  trx: Db,
  reviewId: number,
  definition: ScorecardDefinition,
  passScore: number,
  input: AnswersInput | undefined,
  submit: boolean,
) {
  const given = normalise(input);
  const problems = answerProblems(definition, given);
  if (problems.length) throw validationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  for (const [key, answer] of Object.entries(given)) {
    await trx
      .insertInto('qa_review_answers')
      .values({
        review_id: reviewId,
        item_key: key,
        score: answer.score,
        not_applicable: answer.not_applicable,
        comment: answer.comment ?? '',
      })
      .onConflict((oc) =>
        oc
          .columns(['review_id', 'item_key'])
          .doUpdateSet({ score: answer.score, not_applicable: answer.not_applicable, comment: answer.comment ?? '' }),
      )
      .execute();
  }
  const all = await storedAnswers(trx, reviewId);
  const result = scoreReview(definition, all, passScore);
  if (submit && result.unanswered.length)
    throw validationError(
      `Score every item or mark it N/A before submitting (missing: ${result.unanswered.join(', ')}).`,
      result.unanswered.map((key) => ({ path: `answers.${key}`, message: 'unanswered' })),
    );
  return result;
}

/** Who may read a review: QA readers and its reviewer; the agent once it is submitted; calibration reviews stay blind. */
async function assertCanRead(
  db: Db,
  actor: UserActor,
  review: { reviewer_id: number; agent_id: number; status: string; calibration_id: number | null },
): Promise<boolean> {
  if (review.reviewer_id === actor.userId) return true;
  if (review.calibration_id !== null) {
    const session = await db.selectFrom('qa_calibrations').select('status').where('id', '=', review.calibration_id).executeTakeFirst();
    if (session?.status === 'closed' && can(actor.role, 'qa.read')) return true;
    const own = await db
      .selectFrom('qa_reviews')
      .select('id')
      .where('calibration_id', '=', review.calibration_id)
      .where('reviewer_id', '=', actor.userId)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    return own !== undefined;
  }
  if (can(actor.role, 'qa.read')) return true;
  return review.agent_id === actor.userId && review.status === 'submitted';
}

/** A review with its scorecard version, answers, section scores and disputes. Throws review_not_found. */
export async function getReview(ctx: Context, actor: UserActor, id: number, db: Db = ctx.db): Promise<ReviewView> {
  const review = await db
    .selectFrom('qa_reviews as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('qa_scorecard_versions as v', 'v.id', 'r.scorecard_version_id')
    .innerJoin('qa_scorecards as s', 's.id', 'v.scorecard_id')
    .leftJoin('users as a', 'a.id', 'r.agent_id')
    .leftJoin('users as w', 'w.id', 'r.reviewer_id')
    .selectAll('r')
    .select([
      't.subject',
      't.channel',
      'v.definition',
      'v.pass_score',
      'v.version',
      's.id as scorecard_id',
      's.name as scorecard_name',
      'a.name as agent_name',
      'w.name as reviewer_name',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!review || !(await assertCanRead(db, actor, review))) throw notFound('review_not_found', 'Review', id);
  const definition = review.definition as ScorecardDefinition;
  const answers = await storedAnswers(db, id);
  const result = scoreReview(definition, answers, review.pass_score);
  const disputes = await db.selectFrom('qa_disputes').selectAll().where('review_id', '=', id).orderBy('id').execute();
  return {
    id: review.id,
    ticket: { id: review.ticket_id, subject: review.subject, channel: review.channel },
    agent: review.agent_name === null ? null : { id: review.agent_id, name: review.agent_name },
    reviewer: review.reviewer_name === null ? null : { id: review.reviewer_id, name: review.reviewer_name },
    scorecard: {
      id: review.scorecard_id,
      name: review.scorecard_name,
      version: review.version,
      version_id: review.scorecard_version_id,
      pass_score: review.pass_score,
    },
    definition,
    calibration_id: review.calibration_id,
    status: review.status,
    score: result.score,
    auto_failed: result.auto_failed,
    failed_items: result.failed_items,
    passed: result.passed,
    sections: result.sections,
    unanswered: result.unanswered,
    answers: Object.fromEntries(
      Object.entries(answers).map(([k, a]) => [k, { score: a.score, not_applicable: a.not_applicable, comment: a.comment }]),
    ),
    comment: review.comment,
    disputes: disputes.map(presentDispute),
    created_at: iso(review.created_at) as string,
    updated_at: iso(review.updated_at) as string,
    submitted_at: iso(review.submitted_at),
  };
}

export function presentDispute(row: {
  id: number;
  review_id: number;
  agent_id: number;
  reason: string;
  status: 'open' | 'accepted' | 'rejected';
  resolution: string;
  resolved_by: number | null;
  created_at: Date;
  resolved_at: Date | null;
}) {
  return { ...row, created_at: iso(row.created_at) as string, resolved_at: iso(row.resolved_at) };
}

/**
 * Starts (and with `submit`, submits) a review of a ticket's conversation against a scorecard
 * version, which the review keeps. Throws ticket_not_found, scorecard_not_found, not_found (calibration),
 * validation_failed, unprocessable, conflict.
 */
export async function createReview(ctx: Context, actor: UserActor, input: CreateReviewInput): Promise<ReviewView> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const ticket = await trx.selectFrom('tickets').select(['id', 'assignee_id']).where('id', '=', input.ticket_id).executeTakeFirst();
    if (!ticket) throw notFound('ticket_not_found', 'Ticket', input.ticket_id);
    const agentId = input.agent_id ?? ticket.assignee_id;
    if (agentId === null)
      throw validationError('This ticket has no assignee: name the agent to review.', [
        { path: 'agent_id', message: 'required when the ticket has no assignee' },
      ]);
    const agent = await trx.selectFrom('users').select(['id', 'role']).where('id', '=', agentId).executeTakeFirst();
    if (!agent || agent.role === 'customer')
      throw validationError('The agent must be a staff user.', [{ path: 'agent_id', message: 'not an agent' }]);
    if (agentId === actor.userId) throw new AppError('unprocessable', 'You cannot review your own conversation.');

    let versionId: number;
    if (input.calibration_id !== undefined) {
      const session = await trx.selectFrom('qa_calibrations').selectAll().where('id', '=', input.calibration_id).executeTakeFirst();
      const taking = await trx
        .selectFrom('qa_calibration_participants')
        .select('reviewer_id')
        .where('calibration_id', '=', input.calibration_id)
        .where('reviewer_id', '=', actor.userId)
        .executeTakeFirst();
      if (!session || !taking) throw notFound('not_found', 'Calibration', input.calibration_id);
      if (session.status !== 'open') throw new AppError('unprocessable', 'This calibration is closed.');
      if (session.ticket_id !== input.ticket_id)
        throw validationError('A calibration review is of the calibration’s ticket.', [
          { path: 'ticket_id', message: 'not the calibration ticket' },
        ]);
      const mine = await trx
        .selectFrom('qa_reviews')
        .select('id')
        .where('calibration_id', '=', session.id)
        .where('reviewer_id', '=', actor.userId)
        .executeTakeFirst();
      if (mine)
        throw new AppError('conflict', `You have a review in this calibration already (review ${mine.id}); change that one.`, {
          review_id: mine.id,
        });
      versionId = session.scorecard_version_id;
    } else {
      versionId = (await currentVersion(trx, input.scorecard_id)).id;
    }
    const version = await getVersion(trx, versionId);
    const row = await trx
      .insertInto('qa_reviews')
      .values({
        ticket_id: ticket.id,
        agent_id: agentId,
        reviewer_id: actor.userId,
        scorecard_version_id: versionId,
        calibration_id: input.calibration_id ?? null,
        status: 'draft',
        comment: input.comment ?? '',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const submit = input.submit === true;
    const result = await saveAnswers(trx, row.id, version.definition as ScorecardDefinition, version.pass_score, input.answers, submit);
    await trx
      .updateTable('qa_reviews')
      .set({
        score: result.score,
        auto_failed: result.auto_failed,
        passed: result.passed,
        ...(submit ? { status: 'submitted', submitted_at: now } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    if (input.queue_item_id !== undefined) {
      const item = await trx
        .selectFrom('qa_queue_items')
        .select(['id', 'ticket_id'])
        .where('id', '=', input.queue_item_id)
        .executeTakeFirst();
      if (!item || item.ticket_id !== ticket.id)
        throw validationError('The queue item is not this ticket’s.', [{ path: 'queue_item_id', message: 'does not match the ticket' }]);
      await trx
        .updateTable('qa_queue_items')
        .set({ review_id: row.id, ...(submit ? { status: 'done' } : {}) })
        .where('id', '=', item.id)
        .execute();
    } else if (input.calibration_id === undefined) {
      // A conversation reviewed from anywhere leaves the queue.
      await trx
        .updateTable('qa_queue_items')
        .set({ review_id: row.id, ...(submit ? { status: 'done' } : {}) })
        .where('ticket_id', '=', ticket.id)
        .where('status', '=', 'pending')
        .execute();
    }
    return row.id;
  });
  return getReview(ctx, actor, id);
}

/**
 * Changes a review's answers or comment, or submits it; a submitted review can be re-scored by its
 * reviewer or a QA manager (after a dispute, say), audited. Throws review_not_found, forbidden,
 * validation_failed, unprocessable.
 */
export async function updateReview(ctx: Context, actor: UserActor, id: number, input: UpdateReviewInput): Promise<ReviewView> {
  await ctx.db.transaction().execute(async (trx) => {
    const review = await trx.selectFrom('qa_reviews').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!review || !(await assertCanRead(trx, actor, review))) throw notFound('review_not_found', 'Review', id);
    if (review.reviewer_id !== actor.userId && !(can(actor.role, 'qa.manage') && review.calibration_id === null))
      throw forbidden('Only the reviewer (or a QA manager) may change a review.');
    if (review.calibration_id !== null) {
      const session = await trx.selectFrom('qa_calibrations').select('status').where('id', '=', review.calibration_id).executeTakeFirst();
      if (session?.status === 'closed') throw new AppError('unprocessable', 'This calibration is closed.');
    }
    const now = ctx.clock.now();
    const version = await getVersion(trx, review.scorecard_version_id);
    const submit = input.submit === true || review.status === 'submitted';
    const before = review.status === 'submitted' ? { score: review.score, answers: await storedAnswers(trx, id) } : undefined;
    const result = await saveAnswers(trx, id, version.definition as ScorecardDefinition, version.pass_score, input.answers, submit);
    await trx
      .updateTable('qa_reviews')
      .set({
        score: result.score,
        auto_failed: result.auto_failed,
        passed: result.passed,
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
        ...(submit && review.status === 'draft' ? { status: 'submitted', submitted_at: now } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (submit) await trx.updateTable('qa_queue_items').set({ status: 'done' }).where('review_id', '=', id).execute();
    if (before)
      await recordAudit(trx, actor, now, {
        action: 'qa_review.rescored',
        entityType: 'qa_review',
        entityId: id,
        before,
        after: { score: result.score, answers: input.answers },
      });
  });
  return getReview(ctx, actor, id);
}

/** Reviews, newest first: everyone's for QA readers; calibration reviews only with `calibration_id`. */
export async function listReviews(ctx: Context, query: ListReviewsQuery & { onlySubmitted?: boolean }) {
  const after = decodeCursor(query.cursor, 1);
  let q = ctx.db
    .selectFrom('qa_reviews as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('users as a', 'a.id', 'r.agent_id')
    .innerJoin('users as w', 'w.id', 'r.reviewer_id')
    .innerJoin('qa_scorecard_versions as v', 'v.id', 'r.scorecard_version_id')
    .innerJoin('qa_scorecards as s', 's.id', 'v.scorecard_id')
    .select((eb) => [
      'r.id',
      'r.ticket_id',
      't.subject as ticket_subject',
      't.channel',
      'r.agent_id',
      'a.name as agent_name',
      'r.reviewer_id',
      'w.name as reviewer_name',
      's.name as scorecard_name',
      'v.version as scorecard_version',
      'r.calibration_id',
      'r.status',
      'r.score',
      'r.auto_failed',
      'r.passed',
      'r.submitted_at',
      'r.updated_at',
      eb
        .exists(eb.selectFrom('qa_disputes as d').select('d.id').whereRef('d.review_id', '=', 'r.id').where('d.status', '=', 'open'))
        .as('open_dispute'),
    ])
    .where('r.calibration_id', 'is', null);
  if (query.agent_id) q = q.where('r.agent_id', '=', query.agent_id);
  if (query.reviewer_id) q = q.where('r.reviewer_id', '=', query.reviewer_id);
  if (query.ticket_id) q = q.where('r.ticket_id', '=', query.ticket_id);
  if (query.status) q = q.where('r.status', '=', query.status);
  if (query.onlySubmitted) q = q.where('r.status', '=', 'submitted');
  if (after) {
    const last = after[0];
    if (typeof last !== 'number' || !Number.isSafeInteger(last))
      throw validationError('The cursor is not valid.', [{ path: 'cursor', message: 'invalid cursor' }]);
    q = q.where('r.id', '<', last);
  }
  const rows = await q
    .orderBy('r.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return toPage(
    rows,
    query.limit,
    (row) => [row.id],
    (row) => ({
      ...row,
      open_dispute: Boolean(row.open_dispute),
      submitted_at: iso(row.submitted_at),
      updated_at: iso(row.updated_at) as string,
    }),
  );
}

/** The reviewed agent disputes a submitted review (one open dispute at a time). Throws review_not_found, forbidden, conflict. */
export async function disputeReview(ctx: Context, actor: UserActor, reviewId: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const review = await trx.selectFrom('qa_reviews').selectAll().where('id', '=', reviewId).executeTakeFirst();
    if (!review || !(await assertCanRead(trx, actor, review))) throw notFound('review_not_found', 'Review', reviewId);
    if (review.agent_id !== actor.userId || review.calibration_id !== null)
      throw forbidden('Only the reviewed agent can dispute a review.');
    if (review.status !== 'submitted') throw new AppError('unprocessable', 'Only a submitted review can be disputed.');
    const open = await trx
      .selectFrom('qa_disputes')
      .select('id')
      .where('review_id', '=', reviewId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) throw new AppError('conflict', `This review has an open dispute already (${open.id}).`, { dispute_id: open.id });
    const now = ctx.clock.now();
    const row = await trx
      .insertInto('qa_disputes')
      .values({ review_id: reviewId, agent_id: actor.userId, reason, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, { action: 'qa_dispute.opened', entityType: 'qa_review', entityId: reviewId, after: { reason } });
    return presentDispute(row);
  });
}

/** A reviewer or lead accepts or rejects a dispute (not about their own review as agent). Throws not_found, unprocessable, forbidden. */
export async function resolveDispute(
  ctx: Context,
  actor: UserActor,
  id: number,
  input: { status: 'accepted' | 'rejected'; resolution?: string | undefined },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const dispute = await trx.selectFrom('qa_disputes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!dispute) throw notFound('not_found', 'Dispute', id);
    if (dispute.agent_id === actor.userId) throw forbidden('You cannot decide your own dispute.');
    if (dispute.status !== 'open') throw new AppError('unprocessable', `This dispute was ${dispute.status} already.`);
    const now = ctx.clock.now();
    const row = await trx
      .updateTable('qa_disputes')
      .set({ status: input.status, resolution: input.resolution ?? '', resolved_by: actor.userId, resolved_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: `qa_dispute.${input.status}`,
      entityType: 'qa_review',
      entityId: dispute.review_id,
      after: input,
    });
    return presentDispute(row);
  });
}

export async function listDisputes(ctx: Context, status?: 'open' | 'accepted' | 'rejected') {
  let q = ctx.db.selectFrom('qa_disputes').selectAll();
  if (status) q = q.where('status', '=', status);
  const rows = await q.orderBy('id', 'desc').limit(200).execute();
  return rows.map(presentDispute);
}
