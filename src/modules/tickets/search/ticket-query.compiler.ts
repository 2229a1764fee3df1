/**
 * Turns a parsed ticket query into a Kysely filter on `tickets`:
 *
 *   db.selectFrom('tickets').where((eb) => compileTicketQuery(eb, query, ctx))
 *
 * Every value travels as a bound parameter; the only SQL text we write is fixed.
 */
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database, TicketStatus } from '../../../db/schema.ts';
import {
  type AgentRef,
  type CategoryRef,
  type DateField,
  type DateValue,
  type DayValue,
  type FieldTerm,
  type Match,
  type NamedRef,
  PRIORITY_ORDER,
  type RequesterRef,
  type SlaMatch,
  type SlaState,
  type SortDirection,
  type SortField,
  STATUS_ORDER,
  type TagRef,
  type Term,
  type TextTerm,
  type TicketQuery,
  ageInMs,
} from './ticket-query.parser.ts';

export interface TicketQueryContext {
  /** The agent searching; `assignee:me` matches nothing when there is none. */
  currentUserId: number | null;
  /** Relative dates (`updated<7d`) are measured back from here. */
  now: Date;
  /** Customers search public messages only: an internal note must not make their ticket match. */
  publicMessagesOnly?: boolean;
}

type TicketsEb = ExpressionBuilder<Database, 'tickets'>;
type Condition = Expression<SqlBool>;

const MATCH_NOTHING: Condition = sql<SqlBool>`false`;
const DAY_MS = 86_400_000;

export function compileTicketQuery(eb: TicketsEb, query: TicketQuery, ctx: TicketQueryContext): Expression<SqlBool> {
  // An empty list compiles to a tautology, so the empty query matches every ticket.
  return eb.and(query.terms.map((term) => compileTerm(eb, term, ctx)));
}

function compileTerm(eb: TicketsEb, term: Term, ctx: TicketQueryContext): Condition {
  if (term.kind === 'text') return compileText(eb, term, ctx.publicMessagesOnly === true);
  const condition = compileField(eb, term, ctx);
  // `-group:5` must keep tickets with no group, but NOT (group_id = 5) is NULL for them and NULL filters
  // the row out. `is not true` treats "unknown" as "not matched", which is what the agent means.
  return term.negated ? sql<SqlBool>`(${condition}) is not true` : condition;
}

// ---------------------------------------------------------------------------------------------------------------
// Full-text search
// ---------------------------------------------------------------------------------------------------------------

/**
 * A bare word matches when the subject or ANY message (public or internal — agents see both) contains it;
 * each bare word is its own term, so `refund shipping` may find "refund" in one message and "shipping" in
 * the subject. A quoted phrase must appear, in order, within a single subject or message.
 *
 * The search compares against the stored `subject_tsv` / `body_tsv` columns, whose GIN indexes answer
 * `@@`, and is phrased as `tickets.id IN (subject matches UNION comment matches)`: a top-level IN becomes a
 * semi-join, so the planner can start from the index hits instead of probing every ticket.
 *
 * A word that is only a stop word ("the") or punctuation yields an empty tsquery, which matches nothing;
 * we ignore such terms instead (the third UNION branch is constant-folded away for real words), so
 * `the refund` behaves like `refund`, and `-the` like nothing at all.
 */
function compileText(eb: TicketsEb, term: TextTerm, publicOnly: boolean): Condition {
  const tsquery = term.phrase
    ? sql<string>`phraseto_tsquery('english', ${term.text})`
    : sql<string>`plainto_tsquery('english', ${term.text})`;
  const matching = eb
    .selectFrom('tickets as by_subject')
    .select('by_subject.id as ticket_id')
    .where((sub) => sub(sub.ref('by_subject.subject_tsv'), '@@', tsquery))
    .union(
      eb
        .selectFrom('ticket_comments as by_body')
        .select('by_body.ticket_id')
        .where((sub) => sub(sub.ref('by_body.body_tsv'), '@@', tsquery))
        .$if(publicOnly, (qb) => qb.where('by_body.public', '=', true)),
    );
  // Ticket ids are never NULL, so NOT IN has no NULL surprises here.
  if (term.negated) return eb.not(eb('tickets.id', 'in', matching));
  const everyTicketIfNoLexemes = eb
    .selectFrom('tickets as any_ticket')
    .select('any_ticket.id as ticket_id')
    .where(sql<SqlBool>`numnode(${tsquery}) = 0`);
  return eb('tickets.id', 'in', matching.union(everyTicketIfNoLexemes));
}

// ---------------------------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------------------------

function compileField(eb: TicketsEb, term: FieldTerm, ctx: TicketQueryContext): Condition {
  switch (term.kind) {
    case 'status':
      return whenAny(inOrder(STATUS_ORDER, term.match), (statuses) => eb('tickets.status', 'in', statuses));
    case 'priority':
      return whenAny(inOrder(PRIORITY_ORDER, term.match), (priorities) => eb('tickets.priority', 'in', priorities));
    case 'tier':
    case 'id': {
      const column = term.kind === 'tier' ? 'tickets.tier' : 'tickets.id';
      const { match } = term;
      return match.op === ':' ? eb(column, 'in', match.values) : eb(column, match.op, match.value);
    }
    case 'created':
    case 'updated':
    case 'solved':
      return compileDate(eb, term.kind, term.match, ctx.now);
    case 'type':
      return eb('tickets.type', 'in', term.values);
    case 'channel':
      return eb('tickets.channel', 'in', term.values);
    case 'assignee':
      return eb.or(term.values.map((ref) => assigneeIs(eb, ref, ctx)));
    case 'requester':
      return eb.or(term.values.map((ref) => requesterIs(eb, ref)));
    case 'organization':
      return eb.or(term.values.map((ref) => organizationIs(eb, ref)));
    case 'group':
      return eb.or(term.values.map((ref) => groupIs(eb, ref)));
    case 'category':
      return eb.or(term.values.map((ref) => categoryIs(eb, ref)));
    case 'tag':
      return eb.or(term.values.map((ref) => hasTag(eb, ref)));
    case 'sla':
      return compileSla(term.match, ctx.now);
  }
}

/** The ticket's next live deadline (the earliest of its ticking clocks, breached ones included), or NULL when none ticks. */
const NEXT_DUE = sql<Date | null>`(select min(sla_next.due_at) from sla_clocks sla_next
  where sla_next.ticket_id = ${sql.ref('tickets.id')} and sla_next.status in ('running', 'breached'))`;

/** Sorting wants a value for every ticket: those without a running clock come after every deadline. */
const NO_DEADLINE = '9999-12-31T00:00:00.000Z';

function clockExists(condition: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from sla_clocks sla where sla.ticket_id = ${sql.ref('tickets.id')} and ${condition})`;
}

/**
 * `sla:breached` also counts a running clock whose deadline has passed before the breach detector
 * marked it; `sla:at_risk` is a running clock past its first warning threshold but not yet due.
 */
function compileSla(match: SlaMatch, now: Date): Condition {
  if (match.op !== ':') {
    const moment = new Date(now.getTime() + ageInMs(match.value));
    return sql<SqlBool>`${NEXT_DUE} ${sql.raw(match.op)} ${moment}`;
  }
  const states: Record<SlaState, () => RawBuilder<unknown>> = {
    breached: () => clockExists(sql`(sla.status = 'breached' or (sla.status = 'running' and sla.due_at < ${now}))`),
    at_risk: () => clockExists(sql`sla.status = 'running' and sla.due_at >= ${now} and sla.warning_ats[1] <= ${now}`),
    // A breached clock keeps ticking until its target is met.
    running: () => clockExists(sql`sla.status in ('running', 'breached')`),
    paused: () => clockExists(sql`sla.status = 'paused'`),
    none: () => sql`not ${clockExists(sql`sla.status in ('running', 'breached', 'paused')`)}`,
  };
  return sql<SqlBool>`(${sql.join(
    [...new Set(match.values)].map((state) => states[state]()),
    sql` or `,
  )})`;
}

/**
 * Ordered enums are stored as text whose alphabetical order is not their meaning (closed < new), so a
 * comparison becomes the explicit list of values on the right side of the bound — which the status index
 * can also use.
 */
function inOrder<V>(order: readonly V[], match: Match<V>): V[] {
  if (match.op === ':') return [...new Set(match.values)];
  const bound = order.indexOf(match.value);
  return order.filter((_, index) => compareIndex(index, match.op, bound));
}

function compareIndex(index: number, op: '<' | '<=' | '>' | '>=', bound: number): boolean {
  switch (op) {
    case '<':
      return index < bound;
    case '<=':
      return index <= bound;
    case '>':
      return index > bound;
    case '>=':
      return index >= bound;
  }
}

/** `status<new` leaves no value; `IN ()` is not valid SQL, so say "nothing" explicitly. */
function whenAny<V>(values: V[], condition: (values: V[]) => Condition): Condition {
  return values.length === 0 ? MATCH_NOTHING : condition(values);
}

const DATE_COLUMNS = {
  created: 'tickets.created_at',
  updated: 'tickets.updated_at',
  solved: 'tickets.solved_at',
} as const satisfies Record<DateField, string>;

/**
 * Absolute dates are whole UTC days: `created:2026-01-01` is within that day, `created>2026-01-01` after it
 * ends, `created<2026-01-01` before it starts, and `>=` / `<=` include the day.
 *
 * Relative dates are ages, read like Zendesk: `updated<7d` is "updated LESS than 7 days ago" (more recently
 * than now − 7d), `updated>7d` is "MORE than 7 days ago" (before now − 7d). So `<` on an age means `>` on the
 * timestamp.
 */
function compileDate(eb: TicketsEb, field: DateField, match: Match<DateValue, DayValue>, now: Date): Condition {
  const column = DATE_COLUMNS[field];
  if (match.op === ':') {
    return eb.or(
      match.values.map((day) => {
        const { start, end } = dayBounds(day);
        return eb.and([eb(column, '>=', start), eb(column, '<', end)]);
      }),
    );
  }
  const { op, value } = match;
  if (value.kind === 'ago') {
    const moment = new Date(now.getTime() - ageInMs(value));
    const timestampOp = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const)[op];
    return eb(column, timestampOp, moment);
  }
  const { start, end } = dayBounds(value);
  switch (op) {
    case '<':
      return eb(column, '<', start);
    case '<=':
      return eb(column, '<', end);
    case '>':
      return eb(column, '>=', end);
    case '>=':
      return eb(column, '>=', start);
  }
}

function dayBounds(day: DayValue): { start: Date; end: Date } {
  const start = new Date(`${day.date}T00:00:00.000Z`);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

function assigneeIs(eb: TicketsEb, ref: AgentRef, ctx: TicketQueryContext): Condition {
  switch (ref.kind) {
    case 'me':
      return ctx.currentUserId === null ? MATCH_NOTHING : eb('tickets.assignee_id', '=', ctx.currentUserId);
    case 'none':
      return eb('tickets.assignee_id', 'is', null);
    case 'id':
      return eb('tickets.assignee_id', '=', ref.id);
    case 'email':
      // users_email_key is on lower(email), so this lookup is indexed.
      return eb(
        'tickets.assignee_id',
        'in',
        eb
          .selectFrom('users')
          .select('users.id')
          .where((sub) => sub(sub.fn('lower', ['users.email']), '=', sub.fn<string>('lower', [sub.val(ref.email)]))),
      );
  }
}

function requesterIs(eb: TicketsEb, ref: RequesterRef): Condition {
  switch (ref.kind) {
    case 'id':
      return eb('tickets.requester_id', '=', ref.id);
    case 'email':
      // Identity values are stored lower-cased, so compare the raw column and keep its unique index usable.
      return eb(
        'tickets.requester_id',
        'in',
        eb
          .selectFrom('customer_identities')
          .select('customer_identities.customer_id')
          .where('customer_identities.kind', '=', 'email')
          .where((sub) => sub('customer_identities.value', '=', sub.fn<string>('lower', [sub.val(ref.email)]))),
      );
    case 'name':
      // A fragment anywhere in the name; customers_name_trgm_idx serves ILIKE '%…%'.
      return eb(
        'tickets.requester_id',
        'in',
        eb
          .selectFrom('customers')
          .select('customers.id')
          .where('customers.name', 'ilike', `%${escapeLike(ref.fragment)}%`),
      );
  }
}

/** The agent typed text, not a pattern: `50%` must not match "500". Backslash is Postgres' default escape. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function organizationIs(eb: TicketsEb, ref: NamedRef): Condition {
  switch (ref.kind) {
    case 'none':
      return eb('tickets.organization_id', 'is', null);
    case 'id':
      return eb('tickets.organization_id', '=', ref.id);
    case 'name':
      // organizations_name_key is on lower(name).
      return eb(
        'tickets.organization_id',
        'in',
        eb
          .selectFrom('organizations')
          .select('organizations.id')
          .where((sub) => sub(sub.fn('lower', ['organizations.name']), '=', sub.fn<string>('lower', [sub.val(ref.name)]))),
      );
  }
}

function groupIs(eb: TicketsEb, ref: NamedRef): Condition {
  switch (ref.kind) {
    case 'none':
      return eb('tickets.group_id', 'is', null);
    case 'id':
      return eb('tickets.group_id', '=', ref.id);
    case 'name':
      // groups_name_key is on lower(name).
      return eb(
        'tickets.group_id',
        'in',
        eb
          .selectFrom('groups')
          .select('groups.id')
          .where((sub) => sub(sub.fn('lower', ['groups.name']), '=', sub.fn<string>('lower', [sub.val(ref.name)]))),
      );
  }
}

/**
 * A category matches itself and everything below it: `billing` finds tickets filed under `billing/refunds`.
 * Descendants are found by path prefix; `starts_with(…, path || '/')` rather than LIKE, because a `_` or `%`
 * in a path would be a wildcard, and the `/` keeps `billing` from matching `billing-old`. A slug may be
 * shared by categories under different parents; then all of them (and their descendants) match.
 */
function categoryIs(eb: TicketsEb, ref: CategoryRef): Condition {
  if (ref.kind === 'none') return eb('tickets.category_id', 'is', null);
  const descendantIds = eb
    .selectFrom('categories as descendant')
    .innerJoin('categories as root', (join) =>
      join.on(
        sql<SqlBool>`${sql.ref('descendant.path')} = ${sql.ref('root.path')} or starts_with(${sql.ref('descendant.path')}, ${sql.ref('root.path')} || '/')`,
      ),
    )
    .select('descendant.id')
    .where((sub) =>
      ref.kind === 'id'
        ? sub('root.id', '=', ref.id)
        : sub.or([sub(sub.fn('lower', ['root.path']), '=', ref.value), sub(sub.fn('lower', ['root.slug']), '=', ref.value)]),
    );
  return eb('tickets.category_id', 'in', descendantIds);
}

/** `@>` (array contains) is what the GIN index on tags answers. */
function hasTag(eb: TicketsEb, ref: TagRef): Condition {
  if (ref.kind === 'none') return sql<SqlBool>`cardinality(${eb.ref('tickets.tags')}) = 0`;
  return eb('tickets.tags', '@>', sql<string[]>`array[${ref.tag}]::text[]`);
}

// ---------------------------------------------------------------------------------------------------------------
// Sorting
// ---------------------------------------------------------------------------------------------------------------

export interface TicketSortKey {
  expression: RawBuilder<unknown>;
  direction: SortDirection;
}

/**
 * `asc`/`desc` follow the same orderings as the comparison operators: priority by its number (asc = p1
 * first) and status by the lifecycle (asc = new first), not alphabetically. The id breaks ties so that
 * paging is stable. Apply with `for (const key of sortFor(q)) qb = qb.orderBy(key.expression, key.direction)`.
 */
export function sortFor(query: TicketQuery): TicketSortKey[] {
  const { field, direction } = query.sort;
  const primary = { expression: SORT_EXPRESSIONS[field], direction };
  return field === 'id' ? [primary] : [primary, { expression: SORT_EXPRESSIONS.id, direction }];
}

const SORT_EXPRESSIONS: Record<SortField, RawBuilder<unknown>> = {
  created: sql`${sql.ref('tickets.created_at')}`,
  updated: sql`${sql.ref('tickets.updated_at')}`,
  id: sql`${sql.ref('tickets.id')}`,
  // 'p1' < 'p2' < … as text, which is already the numeric order.
  priority: sql`${sql.ref('tickets.priority')}`,
  sla: sql`coalesce(${NEXT_DUE}, ${NO_DEADLINE}::timestamptz)`,
  status: sql`array_position(array[${sql.join(STATUS_ORDER.map((status: TicketStatus) => sql.lit(status)))}]::text[], ${sql.ref('tickets.status')})`,
};
