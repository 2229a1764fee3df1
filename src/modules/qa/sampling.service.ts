import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import { type Conversation, mixSeed, type SamplingRule, sampleWeek, weekOf } from './sampling.ts';

const DAY_MS = 86_400_000;

function presentRule(row: { id: number; name: string; kind: SamplingRule['kind']; params: unknown; active: boolean; updated_at: Date }) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    params: (row.params ?? {}) as Record<string, unknown>,
    active: row.active,
    updated_at: iso(row.updated_at) as string,
  };
}

export async function listRules(ctx: Context) {
  const rows = await ctx.db.selectFrom('qa_sampling_rules').selectAll().orderBy('id').execute();
  return rows.map(presentRule);
}

export async function createRule(
  ctx: Context,
  actor: Actor,
  input: { name: string; kind: SamplingRule['kind']; params?: SamplingRule['params'] | undefined; active?: boolean | undefined },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const row = await trx
      .insertInto('qa_sampling_rules')
      .values({
        name: input.name,
        kind: input.kind,
        params: JSON.stringify(input.params ?? {}),
        active: input.active ?? true,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'qa_sampling_rule.created',
      entityType: 'qa_sampling_rule',
      entityId: row.id,
      after: input,
    });
    return presentRule(row);
  });
}

/** Throws not_found. */
export async function updateRule(
  ctx: Context,
  actor: Actor,
  id: number,
  patch: { name?: string | undefined; params?: SamplingRule['params'] | undefined; active?: boolean | undefined },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('qa_sampling_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('not_found', 'Sampling rule', id);
    const now = ctx.clock.now();
    const row = await trx
      .updateTable('qa_sampling_rules')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.params !== undefined ? { params: JSON.stringify(patch.params) } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, now, {
      action: 'qa_sampling_rule.updated',
      entityType: 'qa_sampling_rule',
      entityId: id,
      before,
      after: patch,
    });
    return presentRule(row);
  });
}

/** Throws not_found. */
export async function deleteRule(ctx: Context, actor: Actor, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.deleteFrom('qa_sampling_rules').where('id', '=', id).returningAll().executeTakeFirst();
    if (!before) throw notFound('not_found', 'Sampling rule', id);
    await recordAudit(trx, actor, ctx.clock.now(), {
      action: 'qa_sampling_rule.deleted',
      entityType: 'qa_sampling_rule',
      entityId: id,
      before,
    });
  });
}

/** The week's solved conversations not yet queued or reviewed, with their lowest CSAT and whether they were escalated. */
async function conversationsOf(db: Db, from: Date, to: Date): Promise<Conversation[]> {
  const rows = await db
    .selectFrom('tickets as t')
    .select((eb) => [
      't.id',
      't.assignee_id',
      eb
        .selectFrom('survey_answers as a')
        .select(sql<number>`min(a.score)`.as('m'))
        .whereRef('a.ticket_id', '=', 't.id')
        .where('a.kind', '=', 'csat')
        .as('csat'),
      eb
        .exists(
          eb
            .selectFrom('ticket_events as e')
            .select('e.id')
            .whereRef('e.ticket_id', '=', 't.id')
            .where((w) =>
              w.or([
                w('e.type', '=', 'ticket.escalated'),
                w.and([
                  w('e.field', '=', 'tier'),
                  sql<boolean>`jsonb_typeof(e.after) = 'number' and jsonb_typeof(e.before) = 'number' and (e.after #>> '{}')::numeric > (e.before #>> '{}')::numeric`,
                ]),
              ]),
            ),
        )
        .as('escalated'),
    ])
    .where('t.status', 'in', ['solved', 'closed'])
    .where('t.solved_at', '>=', from)
    .where('t.solved_at', '<', to)
    .where('t.assignee_id', 'is not', null)
    .where('t.merged_into_id', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('qa_queue_items as q').select('q.id').whereRef('q.ticket_id', '=', 't.id'))))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('qa_reviews as r').select('r.id').whereRef('r.ticket_id', '=', 't.id').where('r.calibration_id', 'is', null),
        ),
      ),
    )
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    ticketId: r.id,
    agentId: r.assignee_id as number,
    csat: r.csat === null ? null : Number(r.csat),
    escalated: Boolean(r.escalated),
  }));
}

export function queueQuery(db: Db) {
  return db
    .selectFrom('qa_queue_items as q')
    .innerJoin('tickets as t', 't.id', 'q.ticket_id')
    .innerJoin('users as a', 'a.id', 'q.agent_id')
    .select([
      'q.id',
      'q.ticket_id',
      't.subject as ticket_subject',
      't.channel',
      'q.agent_id',
      'a.name as agent_name',
      'q.reviewer_id',
      'q.reason',
      sql<string>`q.week::text`.as('week'),
      'q.status',
      'q.review_id',
    ]);
}

/**
 * Samples a week's conversations by the active rules and puts them in reviewers' queues. The same
 * seed (default: derived from the week) and data give the same picks; tickets already queued or
 * reviewed are not picked again.
 */
export async function runSampling(
  ctx: Context,
  actor: Actor,
  input: { week: string; seed?: number | undefined; reviewer_ids?: number[] | undefined },
) {
  const week = weekOf(input.week);
  const from = new Date(`${week}T00:00:00Z`);
  const to = new Date(from.getTime() + 7 * DAY_MS);
  const seed = input.seed ?? mixSeed('frontline-qa', week);
  const ids = await ctx.db.transaction().execute(async (trx) => {
    const rules = (await trx.selectFrom('qa_sampling_rules').selectAll().where('active', '=', true).orderBy('id').execute()).map((r) => ({
      id: r.id,
      kind: r.kind,
      params: (r.params ?? {}) as SamplingRule['params'],
    }));
    const conversations = await conversationsOf(trx, from, to);
    const agentIds = [...new Set(conversations.map((c) => c.agentId))];
    const joined = new Map<number, Date>();
    if (agentIds.length) {
      for (const u of await trx.selectFrom('users').select(['id', 'created_at']).where('id', 'in', agentIds).execute())
        joined.set(u.id, new Date(u.created_at));
    }
    const reviewers = input.reviewer_ids?.length
      ? input.reviewer_ids
      : (
          await trx
            .selectFrom('users')
            .select('id')
            .where('role', 'in', ['manager', 'head_of_support'])
            .where('active', '=', true)
            .orderBy('id')
            .execute()
        ).map((u) => u.id);
    const picks = sampleWeek({ week, seed, conversations, rules, joined, reviewers });
    const now = ctx.clock.now();
    const inserted: number[] = [];
    for (const pick of picks) {
      const row = await trx
        .insertInto('qa_queue_items')
        .values({
          ticket_id: pick.ticketId,
          agent_id: pick.agentId,
          reviewer_id: pick.reviewerId,
          rule_id: pick.ruleId,
          reason: pick.reason,
          week,
          created_at: now,
        })
        .onConflict((oc) => oc.column('ticket_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) inserted.push(row.id);
    }
    await recordAudit(trx, actor, now, {
      action: 'qa_sampling.run',
      entityType: 'qa_sampling',
      entityId: week,
      after: { seed, picked: inserted.length },
    });
    return inserted;
  });
  const picked = ids.length ? await queueQuery(ctx.db).where('q.id', 'in', ids).orderBy('q.id').execute() : [];
  return { week, seed, picked };
}

/** A reviewer's queue: their own pending picks, everyone's, or the unassigned ones. */
export async function reviewQueue(
  ctx: Context,
  actor: Actor,
  query: { reviewer: 'me' | 'all' | 'unassigned'; status: 'pending' | 'done' | 'skipped' },
) {
  let q = queueQuery(ctx.db).where('q.status', '=', query.status);
  if (query.reviewer === 'me') q = q.where('q.reviewer_id', '=', actor.userId);
  if (query.reviewer === 'unassigned') q = q.where('q.reviewer_id', 'is', null);
  return q.orderBy('q.week', 'desc').orderBy('q.id').limit(500).execute();
}

/** The weekly job: samples last week (Monday to Sunday, UTC). */
export async function sampleLastWeek(ctx: Context, actor: Actor) {
  const lastWeek = new Date(new Date(`${weekOf(ctx.clock.now())}T00:00:00Z`).getTime() - 7 * DAY_MS);
  return runSampling(ctx, actor, { week: lastWeek.toISOString().slice(0, 10) });
}
