import { sql } from 'kysely';
import type { Context } from '../../platform/context.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { iso } from '../../platform/schemas.ts';
import { validationError } from '../../platform/errors.ts';
import type { ResultRow, ResultsQuery } from './feedback.schemas.ts';
import { presentSurvey } from './surveys.presenter.ts';
import { answersOf } from './surveys.repository.ts';

/**
 * Survey figures, as DESIGN.md defines them: CSAT = share of 4–5 ratings on 1–5; NPS = % promoters
 * (9–10) − % detractors (0–6); CES = mean on 1–7. Computed from the answers (the facts) on each call.
 */
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The id a page cursor carries. Throws validation_failed for a cursor not made here. */
function cursorId(values: (string | number | null)[]): number {
  const id = values[0];
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    throw validationError('The cursor is not valid.', [{ path: 'cursor', message: 'invalid cursor' }]);
  return id;
}

/** A date (start of that day, UTC) or a timestamp. */
const instant = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value);

interface Aggregate {
  key: string | number | null;
  label: string | null;
  csat_n: number;
  csat_ok: number;
  nps_n: number;
  nps_pro: number;
  nps_det: number;
  ces_n: number;
  ces_sum: number;
}

function toResult(row: Aggregate, label: string): ResultRow {
  const csat = Number(row.csat_n);
  const nps = Number(row.nps_n);
  const ces = Number(row.ces_n);
  const promoters = Number(row.nps_pro);
  const detractors = Number(row.nps_det);
  return {
    key: row.key === null ? null : String(row.key),
    label,
    csat: { responses: csat, satisfied: Number(row.csat_ok), score: csat ? round1((100 * Number(row.csat_ok)) / csat) : null },
    nps: {
      responses: nps,
      promoters,
      passives: nps - promoters - detractors,
      detractors,
      score: nps ? round1((100 * (promoters - detractors)) / nps) : null,
    },
    ces: { responses: ces, mean: ces ? round2(Number(row.ces_sum) / ces) : null },
  };
}

/** Results per agent, group, channel, category or period (day/week/month, UTC), with the total. */
export async function surveyResults(ctx: Context, query: ResultsQuery) {
  const from = query.from ? instant(query.from) : undefined;
  const to = query.to ? instant(query.to) : undefined;
  let base = ctx.db
    .selectFrom('survey_answers as a')
    .leftJoin('users as u', 'u.id', 'a.agent_id')
    .leftJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('categories as c', 'c.id', 'a.category_id');
  if (from) base = base.where('a.answered_at', '>=', from);
  if (to) base = base.where('a.answered_at', '<', to);
  if (query.agent_id) base = base.where('a.agent_id', '=', query.agent_id);
  if (query.group_id) base = base.where('a.group_id', '=', query.group_id);
  const figures = [
    sql<number>`count(*) filter (where a.kind = 'csat')`.as('csat_n'),
    sql<number>`count(*) filter (where a.kind = 'csat' and a.score >= 4)`.as('csat_ok'),
    sql<number>`count(*) filter (where a.kind = 'nps')`.as('nps_n'),
    sql<number>`count(*) filter (where a.kind = 'nps' and a.score >= 9)`.as('nps_pro'),
    sql<number>`count(*) filter (where a.kind = 'nps' and a.score <= 6)`.as('nps_det'),
    sql<number>`count(*) filter (where a.kind = 'ces')`.as('ces_n'),
    sql<number>`coalesce(sum(a.score) filter (where a.kind = 'ces'), 0)`.as('ces_sum'),
  ];
  const total = (await base
    .select([sql<null>`null`.as('key'), sql<null>`null`.as('label'), ...figures])
    .executeTakeFirstOrThrow()) as Aggregate;

  let rows: Aggregate[] = [];
  const by = query.group_by;
  if (by === 'agent' || by === 'group' || by === 'category' || by === 'channel') {
    const key = { agent: sql`a.agent_id`, group: sql`a.group_id`, category: sql`a.category_id`, channel: sql`a.channel` }[by];
    const label = { agent: sql`u.name`, group: sql`g.name`, category: sql`c.path`, channel: sql`a.channel` }[by];
    rows = (await base
      .select([key.as('key'), sql<string | null>`min(${label})`.as('label'), ...figures])
      .groupBy(key)
      .orderBy(sql`min(${label})`)
      .execute()) as Aggregate[];
  } else if (by === 'day' || by === 'week' || by === 'month') {
    const bucket = sql`to_char(date_trunc(${sql.lit(by)}, a.answered_at at time zone 'UTC'), 'YYYY-MM-DD')`;
    rows = (await base
      .select([bucket.as('key'), bucket.as('label'), ...figures])
      .groupBy(bucket)
      .orderBy(bucket)
      .execute()) as Aggregate[];
  }
  const fallback = {
    agent: 'Unassigned',
    group: 'No group',
    category: 'Uncategorised',
    channel: '',
    day: '',
    week: '',
    month: '',
    none: '',
  }[by];
  return {
    group_by: by,
    from: from ? from.toISOString() : null,
    to: to ? to.toISOString() : null,
    total: toResult(total, 'All'),
    data: rows.map((row) => toResult(row, row.label ?? fallback)),
  };
}

/** The answers one by one (newest first), with their comments and what they are tied to. */
export async function listAnswers(
  ctx: Context,
  query: {
    kind?: 'csat' | 'nps' | 'ces' | undefined;
    agent_id?: number | undefined;
    group_id?: number | undefined;
    max_score?: number | undefined;
    with_comment?: 'true' | 'false' | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = decodeCursor(query.cursor, 1);
  let q = ctx.db
    .selectFrom('survey_answers as a')
    .innerJoin('tickets as t', 't.id', 'a.ticket_id')
    .innerJoin('customers as k', 'k.id', 'a.customer_id')
    .leftJoin('users as u', 'u.id', 'a.agent_id')
    .leftJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('categories as c', 'c.id', 'a.category_id')
    .selectAll('a')
    .select([
      't.subject as ticket_subject',
      'k.name as customer_name',
      'u.name as agent_name',
      'g.name as group_name',
      'c.path as category_path',
    ]);
  if (query.kind) q = q.where('a.kind', '=', query.kind);
  if (query.agent_id) q = q.where('a.agent_id', '=', query.agent_id);
  if (query.group_id) q = q.where('a.group_id', '=', query.group_id);
  if (query.max_score !== undefined) q = q.where('a.score', '<=', query.max_score);
  if (query.with_comment === 'true') q = q.where('a.comment', '!=', '');
  if (query.from) q = q.where('a.answered_at', '>=', instant(query.from));
  if (query.to) q = q.where('a.answered_at', '<', instant(query.to));
  if (after) q = q.where('a.id', '<', cursorId(after));
  const rows = await q
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return toPage(
    rows,
    query.limit,
    (row) => [row.id],
    (row) => ({
      id: row.id,
      survey_id: row.survey_id,
      kind: row.kind,
      score: row.score,
      first_score: row.first_score,
      comment: row.comment,
      changes: row.changes,
      ticket_id: row.ticket_id,
      ticket_subject: row.ticket_subject,
      customer_id: row.customer_id,
      customer_name: row.customer_name,
      agent_id: row.agent_id,
      agent_name: row.agent_name,
      group_id: row.group_id,
      group_name: row.group_name,
      channel: row.channel,
      category_id: row.category_id,
      category_path: row.category_path,
      follow_up_at: iso(row.follow_up_at),
      answered_at: iso(row.answered_at) as string,
      updated_at: iso(row.updated_at) as string,
    }),
  );
}

/** Surveys (sent, scheduled, skipped with the reason), newest first. */
export async function listSurveys(
  ctx: Context,
  query: {
    ticket_id?: number | undefined;
    customer_id?: number | undefined;
    status?: 'scheduled' | 'sent' | 'answered' | 'skipped' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = decodeCursor(query.cursor, 1);
  let q = ctx.db.selectFrom('surveys').selectAll();
  if (query.ticket_id) q = q.where('ticket_id', '=', query.ticket_id);
  if (query.customer_id) q = q.where('customer_id', '=', query.customer_id);
  if (query.status) q = q.where('status', '=', query.status);
  if (after) q = q.where('id', '<', cursorId(after));
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const answers = await answersOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (row) => [row.id],
    (row) => presentSurvey(row, answers),
  );
}
