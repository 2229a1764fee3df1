import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, Context } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/schemas.ts';
import { itemsOf, type ScorecardDefinition } from './qa-scoring.ts';
import type { DefinitionInput } from './qa.schemas.ts';

export interface VersionRow {
  id: number;
  scorecard_id: number;
  version: number;
  pass_score: number;
  definition: unknown;
  created_at: Date;
}

export function presentVersion(row: VersionRow) {
  const definition = row.definition as ScorecardDefinition;
  return {
    id: row.id,
    scorecard_id: row.scorecard_id,
    version: row.version,
    pass_score: row.pass_score,
    definition,
    item_count: itemsOf(definition).length,
    created_at: iso(row.created_at) as string,
  };
}

export async function getVersion(db: Db, versionId: number): Promise<VersionRow> {
  const row = await db.selectFrom('qa_scorecard_versions').selectAll().where('id', '=', versionId).executeTakeFirst();
  if (!row) throw notFound('scorecard_not_found', 'Scorecard version', versionId);
  return row;
}

/** The current version of a scorecard (or of the default one). Throws scorecard_not_found. */
export async function currentVersion(db: Db, scorecardId?: number): Promise<VersionRow & { name: string }> {
  let query = db
    .selectFrom('qa_scorecards as s')
    .innerJoin('qa_scorecard_versions as v', (j) => j.onRef('v.scorecard_id', '=', 's.id').onRef('v.version', '=', 's.current_version'))
    .selectAll('v')
    .select('s.name');
  query =
    scorecardId === undefined ? query.where('s.is_default', '=', true).where('s.active', '=', true) : query.where('s.id', '=', scorecardId);
  const row = await query.executeTakeFirst();
  if (!row)
    throw scorecardId === undefined
      ? new AppError('scorecard_not_found', 'No default scorecard is set.')
      : notFound('scorecard_not_found', 'Scorecard', scorecardId);
  return row;
}

async function present(db: Db, id: number) {
  const scorecard = await db.selectFrom('qa_scorecards').selectAll().where('id', '=', id).executeTakeFirst();
  if (!scorecard) throw notFound('scorecard_not_found', 'Scorecard', id);
  const version = await currentVersion(db, id);
  return {
    id: scorecard.id,
    name: scorecard.name,
    description: scorecard.description,
    active: scorecard.active,
    is_default: scorecard.is_default,
    current_version: presentVersion(version),
    updated_at: iso(scorecard.updated_at) as string,
  };
}

export async function listScorecards(ctx: Context) {
  const rows = await ctx.db.selectFrom('qa_scorecards').select('id').orderBy('is_default', 'desc').orderBy('name').execute();
  return Promise.all(rows.map((row) => present(ctx.db, row.id)));
}

export const getScorecard = (ctx: Context, id: number) => present(ctx.db, id);

/** One version of a scorecard, as reviews that used it saw it. Throws scorecard_not_found. */
export async function getScorecardVersion(ctx: Context, id: number, version: number) {
  const row = await ctx.db
    .selectFrom('qa_scorecard_versions')
    .selectAll()
    .where('scorecard_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw notFound('scorecard_not_found', 'Scorecard version', `${id}/${version}`);
  return presentVersion(row);
}

/** A new scorecard at version 1. Throws name_taken. */
export async function createScorecard(
  ctx: Context,
  actor: Actor,
  input: { name: string; description?: string | undefined; pass_score: number; definition: DefinitionInput },
) {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const taken = await trx.selectFrom('qa_scorecards').select('id').where('name', '=', input.name).executeTakeFirst();
    if (taken) throw new AppError('name_taken', `A scorecard named "${input.name}" exists already.`);
    const row = await trx
      .insertInto('qa_scorecards')
      .values({ name: input.name, description: input.description ?? '', current_version: 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('qa_scorecard_versions')
      .values({
        scorecard_id: row.id,
        version: 1,
        definition: JSON.stringify(input.definition),
        pass_score: input.pass_score,
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, actor, now, { action: 'qa_scorecard.created', entityType: 'qa_scorecard', entityId: row.id, after: input });
    return row.id;
  });
  return present(ctx.db, id);
}

/**
 * Saves a changed definition as the scorecard's next version; reviews already made keep theirs.
 * Throws scorecard_not_found.
 */
export async function publishVersion(ctx: Context, actor: Actor, id: number, input: { pass_score: number; definition: DefinitionInput }) {
  await ctx.db.transaction().execute(async (trx) => {
    const scorecard = await trx.selectFrom('qa_scorecards').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!scorecard) throw notFound('scorecard_not_found', 'Scorecard', id);
    const now = ctx.clock.now();
    const next = scorecard.current_version + 1;
    await trx
      .insertInto('qa_scorecard_versions')
      .values({
        scorecard_id: id,
        version: next,
        definition: JSON.stringify(input.definition),
        pass_score: input.pass_score,
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
    await trx.updateTable('qa_scorecards').set({ current_version: next, updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, now, {
      action: 'qa_scorecard.version_published',
      entityType: 'qa_scorecard',
      entityId: id,
      after: { version: next, ...input },
    });
  });
  return present(ctx.db, id);
}

/** Renames, (de)activates or makes a scorecard the default. Throws scorecard_not_found, name_taken. */
export async function updateScorecard(
  ctx: Context,
  actor: Actor,
  id: number,
  patch: { name?: string | undefined; description?: string | undefined; active?: boolean | undefined; is_default?: true | undefined },
) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('qa_scorecards').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('scorecard_not_found', 'Scorecard', id);
    if (patch.name && patch.name !== before.name) {
      const taken = await trx.selectFrom('qa_scorecards').select('id').where('name', '=', patch.name).executeTakeFirst();
      if (taken) throw new AppError('name_taken', `A scorecard named "${patch.name}" exists already.`);
    }
    if (before.is_default && patch.active === false)
      throw new AppError('unprocessable', 'The default scorecard cannot be deactivated; make another one the default first.');
    const now = ctx.clock.now();
    if (patch.is_default) await trx.updateTable('qa_scorecards').set({ is_default: false }).where('is_default', '=', true).execute();
    await trx
      .updateTable('qa_scorecards')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.is_default ? { is_default: true, active: true } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, now, { action: 'qa_scorecard.updated', entityType: 'qa_scorecard', entityId: id, before, after: patch });
  });
  return present(ctx.db, id);
}
