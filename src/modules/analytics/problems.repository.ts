import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ProblemsTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type ProblemRow = Selectable<ProblemsTable>;

export function findProblem(db: Db, id: number, forUpdate = false): Promise<ProblemRow | undefined> {
  const query = db.selectFrom('problems').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export function listProblemRows(db: Db, options: { afterId?: number | undefined; limit: number; status?: string | undefined }) {
  let query = db
    .selectFrom('problems')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.afterId !== undefined) query = query.where('id', '<', options.afterId);
  if (options.status !== undefined) query = query.where('status', '=', options.status as ProblemRow['status']);
  return query.execute();
}

export function insertProblem(db: Db, values: Insertable<ProblemsTable>): Promise<ProblemRow> {
  return db.insertInto('problems').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateProblemRow(db: Db, id: number, values: Updateable<ProblemsTable>): Promise<ProblemRow> {
  return db.updateTable('problems').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteProblemRow(db: Db, id: number) {
  return db.deleteFrom('problems').where('id', '=', id).returningAll().executeTakeFirst();
}

export async function existingTicketIds(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('tickets').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => Number(r.id));
}

export async function linkTickets(db: Db, problemId: number, ticketIds: number[], userId: number | null, now: Date): Promise<void> {
  if (ticketIds.length === 0) return;
  await db
    .insertInto('problem_tickets')
    .values(ticketIds.map((ticket_id) => ({ problem_id: problemId, ticket_id, linked_by_user_id: userId, created_at: now })))
    .onConflict((oc) => oc.columns(['problem_id', 'ticket_id']).doNothing())
    .execute();
}

export async function unlinkTicket(db: Db, problemId: number, ticketId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('problem_tickets')
    .where('problem_id', '=', problemId)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function linkedCount(db: Db, problemId: number): Promise<number> {
  const row = await db
    .selectFrom('problem_tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('problem_id', '=', problemId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function checkReferences(
  db: Db,
  refs: { category_id?: number | null | undefined; owner_user_id?: number | null | undefined; resolution_code?: string | null | undefined },
) {
  const problems: { path: string; message: string }[] = [];
  if (refs.category_id != null && !(await db.selectFrom('categories').select('id').where('id', '=', refs.category_id).executeTakeFirst()))
    problems.push({ path: 'category_id', message: `no category ${refs.category_id}` });
  if (
    refs.owner_user_id != null &&
    !(await db.selectFrom('users').select('id').where('id', '=', refs.owner_user_id).where('role', '!=', 'customer').executeTakeFirst())
  )
    problems.push({ path: 'owner_user_id', message: `no agent ${refs.owner_user_id}` });
  if (
    refs.resolution_code != null &&
    !(await db.selectFrom('resolution_codes').select('code').where('code', '=', refs.resolution_code).executeTakeFirst())
  )
    problems.push({ path: 'resolution_code', message: `unknown resolution code "${refs.resolution_code}"` });
  return problems;
}
