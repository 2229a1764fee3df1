import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { can } from '../../platform/permissions.ts';
import { compileTicketQuery, sortFor } from './search/ticket-query.compiler.ts';
import { parseTicketQuery, type SortField, type TicketQuery, TicketQueryError } from './search/ticket-query.parser.ts';
import { presentTicket } from './tickets.presenter.ts';
import { ticketDetails } from './tickets.repository.ts';
import type { TicketView } from './tickets.schemas.ts';

// How a cursor value is read back into SQL for each sort key, so keyset comparisons use the column's own type.
const cursorCast: Record<SortField, string> = {
  created: 'timestamptz',
  updated: 'timestamptz',
  id: 'bigint',
  priority: 'text',
  status: 'integer',
  sla: 'timestamptz',
};

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A cursor's values must have the type of the sort key they stand for. */
function cursorFits(field: SortField, [value, id]: (string | number | null)[]): boolean {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return false;
  switch (field) {
    case 'created':
    case 'updated':
    case 'sla':
      return typeof value === 'string' && isoTimestamp.test(value) && !Number.isNaN(Date.parse(value));
    case 'priority':
      return typeof value === 'string' && /^p[1-4]$/.test(value);
    case 'status':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6;
    case 'id':
      return true;
  }
}

/** Parses a search, turning a syntax error into a 400 that names the position. Throws invalid_query. */
export function parseOrExplain(q: string): TicketQuery {
  try {
    return parseTicketQuery(q);
  } catch (error) {
    if (error instanceof TicketQueryError) throw new AppError('invalid_query', error.message, { position: error.position, query: q });
    throw error;
  }
}

const searchContext = (actor: UserActor, now: Date) => ({
  currentUserId: actor.userId,
  now,
  publicMessagesOnly: !can(actor.role, 'tickets.read_all'),
});

/** Customers see their own tickets only; everyone else with read access sees all. */
function visibleTo(eb: ExpressionBuilder<Database, 'tickets'>, actor: UserActor) {
  return can(actor.role, 'tickets.read_all') ? sql<boolean>`true` : eb('tickets.requester_id', '=', actor.customerId ?? -1);
}

/** How many tickets a search finds, for view counts. Throws invalid_query. */
export async function countTickets(ctx: Context, actor: UserActor, q: string): Promise<number> {
  const query = parseOrExplain(q);
  const row = await ctx.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where((eb) => compileTicketQuery(eb, query, searchContext(actor, ctx.clock.now())))
    .where((eb) => visibleTo(eb, actor))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Searches tickets with the query language (see search/ticket-query.parser.ts), sorted and
 * keyset-paginated. Customers search within their own tickets only. Throws invalid_query (400)
 * with the position of a syntax error, validation_failed for a bad cursor.
 */
export async function listTickets(
  ctx: Context,
  actor: UserActor,
  params: { q: string; limit: number; cursor?: string | undefined },
): Promise<{ data: TicketView[]; next_cursor: string | null }> {
  const query = parseOrExplain(params.q);
  const keys = sortFor(query);
  const primary = keys[0];
  if (!primary) throw new AppError('internal_error', 'no sort key');
  const after = decodeCursor(params.cursor, 2);
  if (after && !cursorFits(query.sort.field, after)) {
    throw new AppError(
      'validation_failed',
      'The cursor does not belong to this search; pass the next_cursor of a previous page unchanged.',
      [{ path: 'cursor', message: 'invalid cursor' }],
    );
  }
  const now = ctx.clock.now();
  let select = ticketDetails(ctx.db)
    .select(sql<string | number>`${primary.expression}`.as('sort_key'))
    .where((eb) => compileTicketQuery(eb, query, searchContext(actor, now)))
    .where((eb) => visibleTo(eb, actor))
    .limit(params.limit + 1);
  if (after) {
    const [value, id] = after;
    const cast = sql.raw(cursorCast[query.sort.field]);
    const direction = query.sort.direction === 'desc' ? sql.raw('<') : sql.raw('>');
    select =
      query.sort.field === 'id'
        ? select.where(sql<boolean>`tickets.id ${direction} ${id}::bigint`)
        : select.where(sql<boolean>`(${primary.expression}, tickets.id) ${direction} (${value}::${cast}, ${id}::bigint)`);
  }
  for (const key of keys) select = select.orderBy(key.expression, key.direction);
  const rows = await select.execute();
  const hasMore = rows.length > params.limit;
  const page = hasMore ? rows.slice(0, params.limit) : rows;
  const last = page[page.length - 1];
  const sortKey: unknown = last?.sort_key;
  const lastKey = last ? (sortKey instanceof Date ? sortKey.toISOString() : last.sort_key) : null;
  return {
    data: page.map((row) => presentTicket(row, { sla: actor.role !== 'customer' })),
    next_cursor: hasMore && last ? encodeCursor([lastKey as string | number | null, last.id]) : null,
  };
}
