import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { forbidden, notFound, validationError } from '../../platform/errors.ts';
import { can } from '../../platform/permissions.ts';
import { iso } from '../../platform/schemas.ts';
import { weekOf } from './sampling.ts';

/** Coaching: weekly 1:1 notes and goals tied to reviews; each agent's QA and CSAT trend. */

type GoalRow = {
  id: number;
  agent_id: number;
  session_id: number | null;
  title: string;
  due_on: string | null;
  status: 'open' | 'achieved' | 'dropped';
  created_at: Date;
};

const presentGoal = (g: GoalRow) => ({ ...g, created_at: iso(g.created_at) as string });

function goalsQuery(db: Db) {
  return db
    .selectFrom('qa_coaching_goals')
    .select(['id', 'agent_id', 'session_id', 'title', sql<string | null>`due_on::text`.as('due_on'), 'status', 'created_at']);
}

async function sessionsOf(db: Db, where: { agentId?: number | undefined; id?: number }, withPrivate: boolean) {
  let q = db
    .selectFrom('qa_coaching_sessions as s')
    .leftJoin('users as c', 'c.id', 's.coach_id')
    .select([
      's.id',
      's.agent_id',
      's.coach_id',
      'c.name as coach_name',
      sql<string>`s.held_on::text`.as('held_on'),
      's.notes',
      's.private_notes',
      's.review_ids',
      's.created_at',
      's.updated_at',
    ]);
  if (where.agentId !== undefined) q = q.where('s.agent_id', '=', where.agentId);
  if (where.id !== undefined) q = q.where('s.id', '=', where.id);
  const rows = await q.orderBy('s.held_on', 'desc').orderBy('s.id', 'desc').limit(200).execute();
  const goals = rows.length
    ? await goalsQuery(db)
        .where(
          'session_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    agent_id: r.agent_id,
    coach: r.coach_id === null ? null : { id: r.coach_id, name: r.coach_name ?? '' },
    held_on: r.held_on,
    notes: r.notes,
    ...(withPrivate ? { private_notes: r.private_notes } : {}),
    review_ids: (r.review_ids ?? []).map(Number),
    goals: goals.filter((g) => g.session_id === r.id).map(presentGoal),
    created_at: iso(r.created_at) as string,
    updated_at: iso(r.updated_at) as string,
  }));
}

async function oneSession(db: Db, id: number) {
  const [session] = await sessionsOf(db, { id }, true);
  if (!session) throw notFound('not_found', 'Coaching session', id);
  return session;
}

async function checkReviews(db: Db, agentId: number, reviewIds: number[] | undefined): Promise<void> {
  if (!reviewIds?.length) return;
  const found = await db.selectFrom('qa_reviews').select('id').where('id', 'in', reviewIds).where('agent_id', '=', agentId).execute();
  const missing = reviewIds.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw validationError(`Reviews ${missing.join(', ')} are not reviews of this agent.`, [
      { path: 'review_ids', message: 'not this agent’s reviews' },
    ]);
}

/** Records a 1:1 with its notes, linked reviews and new goals. Throws user_not_found, validation_failed. */
export async function createCoachingSession(
  ctx: Context,
  actor: UserActor,
  input: {
    agent_id: number;
    held_on: string;
    notes?: string | undefined;
    private_notes?: string | undefined;
    review_ids?: number[] | undefined;
    goals?: { title: string; due_on?: string | undefined }[] | undefined;
  },
) {
  if (input.agent_id === actor.userId) throw forbidden('You cannot coach yourself.');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const agent = await trx.selectFrom('users').select(['id', 'role']).where('id', '=', input.agent_id).executeTakeFirst();
    if (!agent || agent.role === 'customer') throw notFound('user_not_found', 'Agent', input.agent_id);
    await checkReviews(trx, input.agent_id, input.review_ids);
    const now = ctx.clock.now();
    const row = await trx
      .insertInto('qa_coaching_sessions')
      .values({
        agent_id: input.agent_id,
        coach_id: actor.userId,
        held_on: input.held_on,
        notes: input.notes ?? '',
        private_notes: input.private_notes ?? '',
        review_ids: input.review_ids ?? [],
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const goal of input.goals ?? []) {
      await trx
        .insertInto('qa_coaching_goals')
        .values({
          agent_id: input.agent_id,
          session_id: row.id,
          title: goal.title,
          due_on: goal.due_on ?? null,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await recordAudit(trx, actor, now, {
      action: 'qa_coaching.created',
      entityType: 'qa_coaching_session',
      entityId: row.id,
      after: { agent_id: input.agent_id, held_on: input.held_on },
    });
    return row.id;
  });
  return oneSession(ctx.db, id);
}

/** Changes a session's notes or linked reviews (its coach or a QA manager). Throws not_found, forbidden, validation_failed. */
export async function updateCoachingSession(
  ctx: Context,
  actor: UserActor,
  id: number,
  patch: {
    held_on?: string | undefined;
    notes?: string | undefined;
    private_notes?: string | undefined;
    review_ids?: number[] | undefined;
  },
) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('qa_coaching_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('not_found', 'Coaching session', id);
    if (row.coach_id !== actor.userId && !can(actor.role, 'qa.manage'))
      throw forbidden('Only the coach (or a QA manager) may change these notes.');
    await checkReviews(trx, row.agent_id, patch.review_ids);
    await trx
      .updateTable('qa_coaching_sessions')
      .set({
        ...(patch.held_on !== undefined ? { held_on: patch.held_on } : {}),
        ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
        ...(patch.private_notes !== undefined ? { private_notes: patch.private_notes } : {}),
        ...(patch.review_ids !== undefined ? { review_ids: patch.review_ids } : {}),
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
  });
  return oneSession(ctx.db, id);
}

export const listCoachingSessions = (ctx: Context, agentId?: number) => sessionsOf(ctx.db, { agentId }, true);

/** Adds a goal for an agent, optionally tied to a session. Throws user_not_found. */
export async function createGoal(
  ctx: Context,
  actor: UserActor,
  input: { agent_id: number; title: string; due_on?: string | undefined; session_id?: number | undefined },
) {
  const agent = await ctx.db.selectFrom('users').select(['id', 'role']).where('id', '=', input.agent_id).executeTakeFirst();
  if (!agent || agent.role === 'customer') throw notFound('user_not_found', 'Agent', input.agent_id);
  if (input.session_id !== undefined) {
    const session = await ctx.db
      .selectFrom('qa_coaching_sessions')
      .select('agent_id')
      .where('id', '=', input.session_id)
      .executeTakeFirst();
    if (!session || session.agent_id !== input.agent_id)
      throw validationError('The session is not this agent’s.', [{ path: 'session_id', message: 'not this agent’s session' }]);
  }
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('qa_coaching_goals')
    .values({
      agent_id: input.agent_id,
      session_id: input.session_id ?? null,
      title: input.title,
      due_on: input.due_on ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return presentGoal(await goalsQuery(ctx.db).where('id', '=', row.id).executeTakeFirstOrThrow());
}

/** Marks a goal achieved or dropped, or changes it: the coach side, or the agent for their own goal's status. Throws not_found, forbidden. */
export async function updateGoal(
  ctx: Context,
  actor: UserActor,
  id: number,
  patch: { title?: string | undefined; due_on?: string | null | undefined; status?: 'open' | 'achieved' | 'dropped' | undefined },
) {
  const goal = await ctx.db.selectFrom('qa_coaching_goals').selectAll().where('id', '=', id).executeTakeFirst();
  const coachSide = can(actor.role, 'qa.review') && goal?.agent_id !== actor.userId;
  if (!goal || (!coachSide && goal.agent_id !== actor.userId)) throw notFound('not_found', 'Goal', id);
  if (!coachSide && (patch.title !== undefined || patch.due_on !== undefined))
    throw forbidden('Only your coach can change the goal itself.');
  await ctx.db
    .updateTable('qa_coaching_goals')
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.due_on !== undefined ? { due_on: patch.due_on } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: ctx.clock.now(),
    })
    .where('id', '=', id)
    .execute();
  return presentGoal(await goalsQuery(ctx.db).where('id', '=', id).executeTakeFirstOrThrow());
}

/** An agent's weekly QA average (submitted, non-calibration reviews) and CSAT (share of 4–5) for the last `weeks` weeks (UTC). */
export async function agentTrend(ctx: Context, agentId: number, weeks: number) {
  const thisWeek = new Date(`${weekOf(ctx.clock.now())}T00:00:00Z`);
  const from = new Date(thisWeek.getTime() - (weeks - 1) * 7 * 86_400_000);
  const bucket = (col: string) => sql<string>`to_char(date_trunc('week', ${sql.ref(col)} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const qa = await ctx.db
    .selectFrom('qa_reviews')
    .select([bucket('submitted_at').as('week'), sql<number>`count(*)`.as('n'), sql<number | null>`avg(score)`.as('score')])
    .where('agent_id', '=', agentId)
    .where('status', '=', 'submitted')
    .where('calibration_id', 'is', null)
    .where('submitted_at', '>=', from)
    .groupBy(sql`1`)
    .execute();
  const csat = await ctx.db
    .selectFrom('survey_answers')
    .select([bucket('answered_at').as('week'), sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where score >= 4)`.as('ok')])
    .where('agent_id', '=', agentId)
    .where('kind', '=', 'csat')
    .where('answered_at', '>=', from)
    .groupBy(sql`1`)
    .execute();
  const out = [];
  for (let i = 0; i < weeks; i++) {
    const week = new Date(from.getTime() + i * 7 * 86_400_000).toISOString().slice(0, 10);
    const q = qa.find((r) => r.week === week);
    const c = csat.find((r) => r.week === week);
    const n = Number(c?.n ?? 0);
    out.push({
      week,
      reviews: Number(q?.n ?? 0),
      qa_score: q?.score == null ? null : Math.round(Number(q.score) * 100) / 100,
      csat_responses: n,
      csat: n ? Math.round((1000 * Number(c?.ok ?? 0)) / n) / 10 : null,
    });
  }
  return { agent_id: agentId, weeks: out };
}

/** An agent's own quality page: reviews of them, their disputes, shared coaching notes, goals and trend. */
export async function myQuality(ctx: Context, actor: UserActor) {
  const sessions = await sessionsOf(ctx.db, { agentId: actor.userId }, false);
  const goals = await goalsQuery(ctx.db).where('agent_id', '=', actor.userId).orderBy('id', 'desc').limit(100).execute();
  return { sessions, goals: goals.map(presentGoal), trend: await agentTrend(ctx, actor.userId, 12) };
}
