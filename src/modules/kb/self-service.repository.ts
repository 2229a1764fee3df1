import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** A ticket is taken as the outcome of a help-centre visit when it comes within this time of the visit. */
export const DEFLECTION_WINDOW_HOURS = 24;

export interface HelpTouch {
  visitorKey: string;
  userId: number | null;
  customerId: number | null;
  suggested?: number[];
  viewed?: number[];
  query?: string;
  now: Date;
}

/** Records what a visitor was shown or read, creating their visit on first contact. */
export async function touchHelpSession(db: Db, touch: HelpTouch): Promise<void> {
  const suggested = touch.suggested ?? [];
  const viewed = touch.viewed ?? [];
  await sql`
    insert into kb_help_sessions (visitor_key, user_id, customer_id, last_query, suggested_article_ids, viewed_article_ids, started_at, last_seen_at)
    values (${touch.visitorKey}, ${touch.userId}, ${touch.customerId}, ${touch.query ?? ''}, ${suggested}::bigint[], ${viewed}::bigint[], ${touch.now}, ${touch.now})
    on conflict (visitor_key) do update set
      user_id = coalesce(kb_help_sessions.user_id, excluded.user_id),
      customer_id = coalesce(kb_help_sessions.customer_id, excluded.customer_id),
      last_query = case when excluded.last_query = '' then kb_help_sessions.last_query else excluded.last_query end,
      suggested_article_ids = array(select distinct x from unnest(kb_help_sessions.suggested_article_ids || excluded.suggested_article_ids) x order by x),
      viewed_article_ids = array(select distinct x from unnest(kb_help_sessions.viewed_article_ids || excluded.viewed_article_ids) x order by x),
      last_seen_at = excluded.last_seen_at`.execute(db);
}

export async function findHelpSession(db: Db, visitorKey: string) {
  return db.selectFrom('kb_help_sessions').selectAll().where('visitor_key', '=', visitorKey).executeTakeFirst();
}

/** The visit's outcome, from the facts: what was seen, whether a ticket followed within the window. */
const sessionFacts = (from: Date, to: Date, now: Date) => sql`
  select s.id, s.suggested_article_ids, s.viewed_article_ids,
    cardinality(s.suggested_article_ids) + cardinality(s.viewed_article_ids) > 0 as saw,
    (s.ticket_id is not null or (s.customer_id is not null and exists (
      select 1 from tickets t where t.requester_id = s.customer_id and t.created_at >= s.started_at
        and t.created_at <= coalesce(s.left_at, s.last_seen_at) + make_interval(hours => ${DEFLECTION_WINDOW_HOURS})))) as has_ticket,
    (s.left_at is not null or s.last_seen_at <= ${now}::timestamptz - make_interval(hours => ${DEFLECTION_WINDOW_HOURS})) as ended,
    coalesce(s.left_at, s.last_seen_at) <= ${now}::timestamptz - make_interval(hours => ${DEFLECTION_WINDOW_HOURS}) as window_passed
  from kb_help_sessions s
  where s.started_at >= ${from} and s.started_at < ${to}`;

export async function deflectionTotals(db: Db, from: Date, to: Date, now: Date) {
  const result = await sql<{ help_sessions: number; tickets_after_help: number; deflections: number; deflections_confirmed: number }>`
    with f as (${sessionFacts(from, to, now)})
    select
      count(*) filter (where saw)::int as help_sessions,
      count(*) filter (where saw and has_ticket)::int as tickets_after_help,
      count(*) filter (where saw and not has_ticket and ended)::int as deflections,
      count(*) filter (where saw and not has_ticket and window_passed)::int as deflections_confirmed
    from f`.execute(db);
  return result.rows[0] ?? { help_sessions: 0, tickets_after_help: 0, deflections: 0, deflections_confirmed: 0 };
}

export interface ArticleFigures {
  article_id: number;
  views: number;
  helpful: number;
  unhelpful: number;
  suggested: number;
  deflections: number;
  solved_with: number;
}

/** Views, votes, suggestions, deflections and "solved with" links per article (all articles, or some). */
export async function articleFigures(db: Db, from: Date, to: Date, now: Date, articleIds?: number[]): Promise<ArticleFigures[]> {
  const only = articleIds ? sql`where a.id = any(${articleIds}::bigint[])` : sql``;
  const result = await sql<ArticleFigures>`
    with f as (${sessionFacts(from, to, now)}),
    shown as (
      select x.article_id, x.kind
      from f cross join lateral (
        select unnest(f.suggested_article_ids) as article_id, 'suggested' as kind
        union
        select unnest(f.viewed_article_ids), 'viewed'
      ) x
    ),
    per_article as (
      select article_id,
        count(*) filter (where kind = 'suggested')::int as suggested
      from shown group by article_id
    )
    select a.id::int8 as article_id, a.view_count as views, a.helpful_count as helpful, a.unhelpful_count as unhelpful,
      coalesce(p.suggested, 0) as suggested,
      coalesce((select count(*) from f where not f.has_ticket and f.ended and a.id = any(f.suggested_article_ids || f.viewed_article_ids)), 0)::int as deflections,
      (select count(*) from kb_solved_with w where w.article_id = a.id)::int as solved_with
    from kb_articles a left join per_article p on p.article_id = a.id
    ${only}
    order by a.view_count desc, a.id
    limit 500`.execute(db);
  return result.rows.map((r) => ({ ...r, article_id: Number(r.article_id) }));
}

export async function solvedWithCount(db: Db, from: Date, to: Date): Promise<number> {
  const row = await db
    .selectFrom('kb_solved_with')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirst();
  return row?.n ?? 0;
}

// ── Tickets, read for suggestions and "similar solved tickets" ─────────────

/** The words a ticket is about: its subject and its first customer messages. */
export async function ticketText(db: Db, ticketId: number): Promise<{ subject: string; messages: string } | undefined> {
  const ticket = await db.selectFrom('tickets').select(['subject']).where('id', '=', ticketId).executeTakeFirst();
  if (!ticket) return undefined;
  const comments = await db
    .selectFrom('ticket_comments')
    .select('body')
    .where('ticket_id', '=', ticketId)
    .where('public', '=', true)
    .where('author_customer_id', 'is not', null)
    .orderBy('id')
    .limit(3)
    .execute();
  return { subject: ticket.subject, messages: comments.map((c) => c.body).join('\n') };
}

/** Solved tickets whose subject resembles this one, with the reply that solved each. */
export async function similarSolvedTickets(db: Db, ticketId: number, subject: string, anyQuery: string, limit: number) {
  const lowered = subject.toLowerCase();
  const result = await sql<{
    id: number;
    subject: string;
    status: string;
    resolution_code: string | null;
    solved_at: Date | null;
    score: number;
    solution: string | null;
  }>`
    with q as (select to_tsquery('english', ${anyQuery}) as q)
    select t.id::int8 as id, t.subject, t.status, t.resolution_code, t.solved_at,
      (ts_rank(t.subject_tsv, q.q) + similarity(lower(t.subject), ${lowered}))::float8 as score,
      (select c.body from ticket_comments c where c.ticket_id = t.id and c.public and c.author_user_id is not null
        order by c.id desc limit 1) as solution
    from tickets t cross join q
    where t.id <> ${ticketId} and t.status in ('solved', 'closed') and t.merged_into_id is null
      and (t.subject_tsv @@ q.q or lower(t.subject) % ${lowered})
    order by score desc, t.id desc
    limit ${limit}`.execute(db);
  return result.rows.map((r) => ({ ...r, id: Number(r.id), score: Number(r.score) }));
}

export async function solvedWithOf(db: Db, ticketIds: number[]) {
  if (!ticketIds.length) return [];
  return db
    .selectFrom('kb_solved_with as w')
    .leftJoin('users as u', 'u.id', 'w.user_id')
    .select(['w.ticket_id', 'w.article_id', 'w.user_id', 'u.name as user_name', 'w.created_at'])
    .where('w.ticket_id', 'in', ticketIds)
    .orderBy('w.created_at')
    .execute();
}
