import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database, IntakeSettingsTable, TicketIntakeTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type IntakeSettingsRow = Selectable<IntakeSettingsTable>;
export type TicketIntakeRow = Selectable<TicketIntakeTable>;

/** The newest model's id with the settings: what the creation hook reads on every ticket. */
export async function findIntakeState(db: Db): Promise<{ modelId: number | null; settings: IntakeSettingsRow }> {
  const row = await db
    .selectFrom('intake_settings as s')
    .selectAll('s')
    .select((eb) => eb.selectFrom('intake_models').select(eb.fn.max('id').as('m')).as('model_id'))
    .where('s.id', '=', 1)
    .executeTakeFirstOrThrow();
  const { model_id, ...settings } = row;
  return { modelId: model_id === null ? null : Number(model_id), settings };
}

export async function findModelBlob(db: Db, id: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('intake_models').select('model').where('id', '=', id).executeTakeFirst();
  return row?.model;
}

export function findLatestModelSummary(db: Db) {
  return db
    .selectFrom('intake_models')
    .select(['id', 'trained_at', 'trained_by_user_id', 'examples', 'categories', 'accuracy', 'training_ms', 'metrics'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function insertModel(db: Db, values: Insertable<Database['intake_models']>) {
  return db.insertInto('intake_models').values(values).returning(['id']).executeTakeFirstOrThrow();
}

/** Keeps the newest `keep` models (each is a few megabytes). */
export async function pruneModels(db: Db, keep: number): Promise<void> {
  await sql`delete from intake_models where id not in (select id from intake_models order by id desc limit ${keep})`.execute(db);
}

export interface TrainingRow {
  ticket_id: number;
  category_id: number;
  text: string;
  /** The agent changed the category from what the model predicted. */
  corrected: boolean;
}

/** Every categorised ticket's subject and first message, newest first, with whether an agent corrected a prediction. */
export async function listTrainingRows(db: Db, limit: number): Promise<TrainingRow[]> {
  const result = await sql<TrainingRow>`
    select t.id::int as ticket_id, t.category_id::int as category_id,
      t.subject || E'\n' || coalesce((select c.body from ticket_comments c where c.ticket_id = t.id order by c.id limit 1), '') as text,
      (i.predicted_category_id is not null and i.predicted_category_id <> t.category_id) as corrected
    from tickets t
    left join ticket_intake i on i.ticket_id = t.id
    where t.category_id is not null and t.merged_into_id is null
    order by t.id desc
    limit ${limit}`.execute(db);
  return result.rows;
}

export async function firstMessage(db: Db, ticketId: number): Promise<string> {
  const row = await db
    .selectFrom('ticket_comments')
    .select('body')
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.body ?? '';
}

export async function insertTicketIntake(db: Db, values: Insertable<TicketIntakeTable>): Promise<void> {
  await db
    .insertInto('ticket_intake')
    .values(values)
    .onConflict((oc) => oc.column('ticket_id').doUpdateSet(values))
    .execute();
}

export function findTicketIntake(db: Db, ticketId: number) {
  return db
    .selectFrom('ticket_intake as i')
    .leftJoin('categories as k', 'k.id', 'i.predicted_category_id')
    .selectAll('i')
    .select(['k.name as category_name', 'k.path as category_path'])
    .where('i.ticket_id', '=', ticketId)
    .executeTakeFirst();
}

/** The requester's other open tickets of the last `days` days, with their first message. */
export async function listOpenTicketsOfRequester(db: Db, requesterId: number, exceptId: number, since: Date) {
  const result = await sql<{ id: number; text: string }>`
    select t.id::int as id,
      t.subject || E'\n' || coalesce((select c.body from ticket_comments c where c.ticket_id = t.id order by c.id limit 1), '') as text
    from tickets t
    where t.requester_id = ${requesterId} and t.id <> ${exceptId} and t.merged_into_id is null
      and t.status in ('new', 'open', 'pending', 'on_hold') and t.created_at >= ${since}
    order by t.id desc limit 20`.execute(db);
  return result.rows;
}

/** Tickets predicted (or set) in a category since a time, one per requester: a spike's members. */
export async function listRecentTicketsInCategory(db: Db, categoryId: number, since: Date) {
  const result = await sql<{ id: number; requester_id: number }>`
    select distinct on (t.requester_id) t.id::int as id, t.requester_id::int as requester_id
    from tickets t left join ticket_intake i on i.ticket_id = t.id
    where coalesce(t.category_id, i.predicted_category_id) = ${categoryId} and t.created_at >= ${since} and t.merged_into_id is null
    order by t.requester_id, t.id`.execute(db);
  return result.rows;
}

/** An open problem record for the category opened since `since`, to link further tickets to. */
export function findRecentOpenProblem(db: Db, categoryId: number, since: Date) {
  return db
    .selectFrom('problems')
    .select('id')
    .where('category_id', '=', categoryId)
    .where('status', '=', 'open')
    .where('created_at', '>=', since)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function openSpikeProblem(db: Db, categoryId: number, title: string, description: string, now: Date): Promise<number> {
  const row = await db
    .insertInto('problems')
    .values({ title, description, category_id: categoryId, created_at: now, updated_at: now, window_days: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function linkProblemTickets(db: Db, problemId: number, ticketIds: number[], now: Date): Promise<void> {
  if (!ticketIds.length) return;
  await db
    .insertInto('problem_tickets')
    .values(ticketIds.map((ticket_id) => ({ problem_id: problemId, ticket_id, linked_by_user_id: null, created_at: now })))
    .onConflict((oc) => oc.columns(['problem_id', 'ticket_id']).doNothing())
    .execute();
  await db.updateTable('ticket_intake').set({ problem_id: problemId }).where('ticket_id', 'in', ticketIds).execute();
}

export function categoryName(db: Db, id: number) {
  return db.selectFrom('categories').select(['name', 'path']).where('id', '=', id).executeTakeFirst();
}

export function categoryNames(db: Db) {
  return db.selectFrom('categories').select(['id', 'name', 'path']).execute();
}

/** Per category: tickets in the last day against the daily mean of the `days` before it. */
export async function categoryVolumes(db: Db, now: Date, days: number) {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const start = new Date(dayAgo.getTime() - days * 86_400_000);
  const result = await sql<{ category_id: number; name: string; last_day: number; baseline_total: number }>`
    select k.id::int as category_id, k.name,
      count(*) filter (where t.created_at >= ${dayAgo})::int as last_day,
      count(*) filter (where t.created_at < ${dayAgo})::int as baseline_total
    from tickets t left join ticket_intake i on i.ticket_id = t.id
    join categories k on k.id = coalesce(t.category_id, i.predicted_category_id)
    where t.created_at >= ${start} and t.created_at <= ${now}
    group by k.id, k.name`.execute(db);
  return result.rows;
}

export function updateSettings(db: Db, values: Updateable<IntakeSettingsTable>) {
  return db.updateTable('intake_settings').set(values).where('id', '=', 1).returningAll().executeTakeFirstOrThrow();
}

export function findSettings(db: Db) {
  return db.selectFrom('intake_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}
