import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SurveyKind } from './feedback.schemas.ts';

/** The SQL of the surveys: the only file of the module that knows the tables. */

export async function findSurvey(db: Db, id: number, lock = false) {
  let query = db.selectFrom('surveys').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export type SurveyRow = NonNullable<Awaited<ReturnType<typeof findSurvey>>>;

export function answersOf(db: Db, surveyIds: number[]) {
  if (surveyIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('survey_answers').selectAll().where('survey_id', 'in', surveyIds).orderBy('id').execute();
}

export type AnswerRow = Awaited<ReturnType<typeof answersOf>>[number];

/** A survey this customer was sent (or is about to be sent) since `since`, other than `exceptId`. */
export async function recentSurveyOf(db: Db, customerId: number, since: Date, exceptId?: number) {
  let query = db
    .selectFrom('surveys')
    .select(['id', 'ticket_id', 'created_at'])
    .where('customer_id', '=', customerId)
    .where('status', 'in', ['scheduled', 'sent', 'answered'])
    .where((eb) => eb.or([eb('sent_at', '>', since), eb.and([eb('sent_at', 'is', null), eb('created_at', '>', since)])]));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.orderBy('id').executeTakeFirst();
}

export function surveyOfTicket(db: Db, ticketId: number) {
  return db
    .selectFrom('surveys')
    .select(['id', 'status'])
    .where('ticket_id', '=', ticketId)
    .where('status', '!=', 'skipped')
    .executeTakeFirst();
}

/** Serialises the throttle decision for one customer (two solves at once must not both send). */
export async function lockCustomer(db: Db, customerId: number): Promise<void> {
  await db.selectFrom('customers').select('id').where('id', '=', customerId).forUpdate().execute();
}

export async function customerEmail(db: Db, customerId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('customer_identities')
    .select('value')
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'email')
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return row?.value;
}

export async function ticketFacts(db: Db, ticketId: number) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select([
      't.id',
      't.subject',
      't.status',
      't.requester_id',
      't.assignee_id',
      't.group_id',
      't.channel',
      't.category_id',
      'u.name as agent_name',
    ])
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
}

/** Inserts or changes the answer to one question; returns the row as it now is and the score before. */
export async function upsertAnswer(
  db: Db,
  survey: SurveyRow,
  answer: { kind: SurveyKind; score: number; comment: string | undefined },
  now: Date,
): Promise<{ row: AnswerRow; previous: number | null }> {
  const existing = await db
    .selectFrom('survey_answers')
    .selectAll()
    .where('survey_id', '=', survey.id)
    .where('kind', '=', answer.kind)
    .forUpdate()
    .executeTakeFirst();
  if (existing) {
    const changed = existing.score !== answer.score;
    const row = await db
      .updateTable('survey_answers')
      .set({
        score: answer.score,
        ...(answer.comment !== undefined ? { comment: answer.comment } : {}),
        changes: changed ? sql`changes + 1` : sql`changes`,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, previous: existing.score };
  }
  const row = await db
    .insertInto('survey_answers')
    .values({
      survey_id: survey.id,
      kind: answer.kind,
      score: answer.score,
      first_score: answer.score,
      comment: answer.comment ?? '',
      ticket_id: survey.ticket_id,
      customer_id: survey.customer_id,
      agent_id: survey.agent_id,
      group_id: survey.group_id,
      channel: survey.channel,
      category_id: survey.category_id,
      answered_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, previous: null };
}

/** The managers of the ticket's group, or every active manager when the group has none. */
export async function leadsFor(db: Db, groupId: number | null): Promise<{ email: string; name: string }[]> {
  if (groupId !== null) {
    const inGroup = await db
      .selectFrom('group_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.email', 'u.name'])
      .where('m.group_id', '=', groupId)
      .where('u.role', 'in', ['manager', 'head_of_support'])
      .where('u.active', '=', true)
      .orderBy('u.id')
      .execute();
    if (inGroup.length) return inGroup;
  }
  return db.selectFrom('users').select(['email', 'name']).where('role', '=', 'manager').where('active', '=', true).orderBy('id').execute();
}
