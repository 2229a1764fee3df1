import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { iso } from '../../platform/schemas.ts';
import { type ItemAnswer, itemsOf, round2, type ScorecardDefinition, scoreReview } from './qa-scoring.ts';
import { currentVersion, getVersion } from './scorecards.service.ts';

/**
 * Calibration: several reviewers score the same conversation blind (none sees another's scores
 * before submitting their own); the result shows, per item and overall, how far they agree and
 * how each compares with the reference reviewer.
 */

/** Opens a calibration session. Throws ticket_not_found, scorecard_not_found, validation_failed. */
export async function createCalibration(
  ctx: Context,
  actor: UserActor,
  input: {
    ticket_id: number;
    title?: string | undefined;
    reviewer_ids: number[];
    reference_reviewer_id?: number | undefined;
    scorecard_id?: number | undefined;
  },
) {
  const reviewers = [...new Set(input.reviewer_ids)];
  if (reviewers.length < 2)
    throw validationError('A calibration needs at least two reviewers.', [{ path: 'reviewer_ids', message: 'at least two' }]);
  const reference = input.reference_reviewer_id ?? (reviewers.includes(actor.userId) ? actor.userId : undefined);
  if (reference !== undefined && !reviewers.includes(reference))
    throw validationError('The reference reviewer must take part.', [{ path: 'reference_reviewer_id', message: 'not among reviewer_ids' }]);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'subject', 'assignee_id'])
      .where('id', '=', input.ticket_id)
      .executeTakeFirst();
    if (!ticket) throw notFound('ticket_not_found', 'Ticket', input.ticket_id);
    if (ticket.assignee_id === null) throw new AppError('unprocessable', 'The ticket has no assignee to calibrate on.');
    const users = await trx.selectFrom('users').select(['id', 'role']).where('id', 'in', reviewers).where('active', '=', true).execute();
    const bad = reviewers.filter((r) => {
      const user = users.find((u) => u.id === r);
      return !user || !can(user.role, 'qa.review') || r === ticket.assignee_id;
    });
    if (bad.length)
      throw validationError(`These users cannot take part (not QA reviewers, inactive, or the reviewed agent): ${bad.join(', ')}.`, [
        { path: 'reviewer_ids', message: 'not eligible' },
      ]);
    const version = await currentVersion(trx, input.scorecard_id);
    const now = ctx.clock.now();
    const row = await trx
      .insertInto('qa_calibrations')
      .values({
        ticket_id: ticket.id,
        scorecard_version_id: version.id,
        title: input.title ?? `Calibration on #${ticket.id}: ${ticket.subject}`.slice(0, 200),
        reference_reviewer_id: reference ?? null,
        created_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('qa_calibration_participants')
      .values(reviewers.map((reviewer_id) => ({ calibration_id: row.id, reviewer_id })))
      .execute();
    await recordAudit(trx, actor, now, { action: 'qa_calibration.created', entityType: 'qa_calibration', entityId: row.id, after: input });
    return row.id;
  });
  return getCalibration(ctx, actor, id);
}

async function loadSession(ctx: Context, id: number) {
  const session = await ctx.db.selectFrom('qa_calibrations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) throw notFound('not_found', 'Calibration', id);
  const participants = await ctx.db
    .selectFrom('qa_calibration_participants as p')
    .innerJoin('users as u', 'u.id', 'p.reviewer_id')
    .select(['u.id', 'u.name'])
    .where('p.calibration_id', '=', id)
    .orderBy('u.id')
    .execute();
  const reviews = await ctx.db.selectFrom('qa_reviews').selectAll().where('calibration_id', '=', id).orderBy('id').execute();
  return { session, participants, reviews };
}

/** Blind until you have submitted: a participant sees the others once their own review is in; organisers who do not take part see all. */
function maySeeResults(actor: UserActor, loaded: Awaited<ReturnType<typeof loadSession>>): boolean {
  if (loaded.session.status === 'closed') return true;
  const participant = loaded.participants.some((p) => p.id === actor.userId);
  if (!participant) return can(actor.role, 'qa.manage');
  return loaded.reviews.some((r) => r.reviewer_id === actor.userId && r.status === 'submitted');
}

export async function listCalibrations(ctx: Context, actor: UserActor) {
  const rows = await ctx.db
    .selectFrom('qa_calibrations as c')
    .select((eb) => [
      'c.id',
      'c.title',
      'c.ticket_id',
      'c.status',
      'c.created_at',
      eb
        .selectFrom('qa_calibration_participants as p')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('p.calibration_id', '=', 'c.id')
        .as('participants'),
      eb
        .selectFrom('qa_reviews as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.calibration_id', '=', 'c.id')
        .where('r.status', '=', 'submitted')
        .as('submitted'),
      eb
        .exists(
          eb
            .selectFrom('qa_calibration_participants as me')
            .select('me.reviewer_id')
            .whereRef('me.calibration_id', '=', 'c.id')
            .where('me.reviewer_id', '=', actor.userId),
        )
        .as('taking_part'),
    ])
    .orderBy('c.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    ...r,
    participants: Number(r.participants),
    submitted: Number(r.submitted),
    taking_part: Boolean(r.taking_part),
    created_at: iso(r.created_at) as string,
  }));
}

/** The session and, when the caller may see them, the results. Throws not_found, forbidden. */
export async function getCalibration(ctx: Context, actor: UserActor, id: number) {
  const loaded = await loadSession(ctx, id);
  const { session, participants, reviews } = loaded;
  const participant = participants.some((p) => p.id === actor.userId);
  if (!participant && !can(actor.role, 'qa.read')) throw notFound('not_found', 'Calibration', id);
  const version = await getVersion(ctx.db, session.scorecard_version_id);
  const mine = reviews.find((r) => r.reviewer_id === actor.userId);
  return {
    id: session.id,
    title: session.title,
    ticket_id: session.ticket_id,
    status: session.status,
    scorecard_version_id: session.scorecard_version_id,
    reference_reviewer_id: session.reference_reviewer_id,
    participants: participants.map((p) => ({ ...p, submitted: reviews.some((r) => r.reviewer_id === p.id && r.status === 'submitted') })),
    my_review_id: mine?.id ?? null,
    created_at: iso(session.created_at) as string,
    closed_at: iso(session.closed_at),
    results: maySeeResults(actor, loaded)
      ? await calibrationResults(ctx, loaded, version.definition as ScorecardDefinition, version.pass_score)
      : null,
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function calibrationResults(
  ctx: Context,
  loaded: Awaited<ReturnType<typeof loadSession>>,
  definition: ScorecardDefinition,
  passScore: number,
) {
  const submitted = loaded.reviews.filter((r) => r.status === 'submitted');
  const answersBy = new Map<number, Record<string, ItemAnswer>>();
  for (const review of submitted) {
    const rows = await ctx.db.selectFrom('qa_review_answers').selectAll().where('review_id', '=', review.id).execute();
    answersBy.set(
      review.reviewer_id,
      Object.fromEntries(rows.map((r) => [r.item_key, { score: r.score, not_applicable: r.not_applicable }])),
    );
  }
  const names = new Map(loaded.participants.map((p) => [p.id, p.name]));
  const referenceId = loaded.session.reference_reviewer_id;
  const reference = referenceId !== null ? answersBy.get(referenceId) : undefined;
  const scores = submitted.map((r) => ({
    reviewer_id: r.reviewer_id,
    ...scoreReview(definition, answersBy.get(r.reviewer_id) ?? {}, passScore),
  }));
  const referenceScore = scores.find((s) => s.reviewer_id === referenceId)?.score ?? null;
  const numeric = scores.map((s) => s.score).filter((s): s is number => s !== null);
  const label = (a: ItemAnswer | undefined) => (!a ? null : a.not_applicable ? 'na' : a.score === null ? null : String(a.score));

  const items = itemsOf(definition).map((item) => {
    const given = submitted
      .map((r) => ({ reviewer_id: r.reviewer_id, answer: label(answersBy.get(r.reviewer_id)?.[item.key]) }))
      .filter((g) => g.answer !== null);
    const counts = new Map<string, number>();
    for (const g of given) counts.set(g.answer as string, (counts.get(g.answer as string) ?? 0) + 1);
    const modal = Math.max(0, ...counts.values());
    const fractions = given.filter((g) => g.answer !== 'na').map((g) => Number(g.answer) / item.max_score);
    const ref = label(reference?.[item.key]);
    return {
      key: item.key,
      label: item.label,
      answers: given.map((g) => ({ reviewer_id: g.reviewer_id, answer: g.answer as string })),
      reference: ref,
      agreement: given.length ? round2(modal / given.length) : null,
      matches_reference: ref === null ? null : given.filter((g) => g.answer === ref).length,
      spread: fractions.length ? round2(Math.max(...fractions) - Math.min(...fractions)) : null,
    };
  });
  const agreements = items.map((i) => i.agreement).filter((a): a is number => a !== null);
  const avg = numeric.length ? mean(numeric) : null;
  return {
    reviewers: scores.map((s) => ({
      reviewer_id: s.reviewer_id,
      name: names.get(s.reviewer_id) ?? '',
      score: s.score,
      auto_failed: s.auto_failed,
      difference_from_reference: s.score !== null && referenceScore !== null ? round2(s.score - referenceScore) : null,
    })),
    reference_score: referenceScore,
    mean: avg === null ? null : round2(avg),
    variance: avg === null ? null : round2(mean(numeric.map((x) => (x - avg) ** 2))),
    std_dev: avg === null ? null : round2(Math.sqrt(mean(numeric.map((x) => (x - avg) ** 2)))),
    range: numeric.length ? round2(Math.max(...numeric) - Math.min(...numeric)) : null,
    agreement: agreements.length ? round2(mean(agreements)) : null,
    items,
  };
}

/** Closes a session: results become visible to every participant and reviews can no longer change. Throws not_found, forbidden. */
export async function closeCalibration(ctx: Context, actor: UserActor, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const session = await trx.selectFrom('qa_calibrations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!session) throw notFound('not_found', 'Calibration', id);
    if (session.created_by !== actor.userId && !can(actor.role, 'qa.manage'))
      throw forbidden('Only the organiser or a QA manager may close a calibration.');
    const now = ctx.clock.now();
    await trx.updateTable('qa_calibrations').set({ status: 'closed', closed_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, now, { action: 'qa_calibration.closed', entityType: 'qa_calibration', entityId: id });
  });
  return getCalibration(ctx, actor, id);
}
