import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { TZDate } from '@date-fns/tz';
import { type AggregateRow, type Dimension, dimensionColumn, type Grouping, type Range } from './metric-facts.repository.ts';

/**
 * Hourly rollups (table analytics_rollups, kept by triggers, see README.md): the only file that reads
 * or rebuilds them. A metric reads them when its source covers the grouping's dimensions and the
 * range falls on hour boundaries of a zone whose offset is a whole number of hours; otherwise it
 * reads the raw facts.
 */
type Db = Kysely<Database>;

export type RollupSource = 'ticket' | 'call' | 'csat' | 'nps' | 'ces';

/** The dimensions each source's rows carry (the others are computed from raw facts). */
export const rollupDimensions: Record<RollupSource, readonly Dimension[]> = {
  ticket: ['channel', 'group', 'agent', 'category', 'organization'],
  call: ['channel', 'group', 'agent', 'category'],
  csat: ['channel', 'group', 'agent', 'category'],
  nps: ['channel', 'group', 'agent', 'category'],
  ces: ['channel', 'group', 'agent', 'category'],
};

/** The service-level threshold the call rollups count (other thresholds read raw facts). */
export const rollupServiceLevelSeconds = 20;

const hourMs = 3_600_000;

/** Whether the zone's UTC offset is a whole number of hours throughout the range (sampled every 6 hours and at the ends). */
export function wholeHourZone(zone: string, range: Range): boolean {
  const step = 6 * hourMs;
  const offsetOk = (t: number) => new TZDate(t, zone).getTimezoneOffset() % 60 === 0;
  for (let t = range.from.getTime(); t < range.to.getTime(); t += step) if (!offsetOk(t)) return false;
  return offsetOk(range.to.getTime());
}

/** Whether rollups answer this grouping over this range exactly. */
export function rollupCovers(source: RollupSource, grouping: Grouping, range: Range): boolean {
  if (range.from.getTime() % hourMs !== 0 || range.to.getTime() % hourMs !== 0) return false;
  if (!grouping.dims.every((d) => rollupDimensions[source].includes(d))) return false;
  return grouping.zone === 'UTC' || wholeHourZone(grouping.zone, range);
}

/**
 * Like `aggregate` over raw facts, from the rollups: the measures are expressions over the summed
 * columns (`r.n`, `r.offered`…). Groups without facts are left out, as the raw aggregate does.
 */
export async function rollupAggregate(
  db: Db,
  source: RollupSource,
  grouping: Grouping,
  range: Range,
  measures: Record<string, RawBuilder<unknown>>,
): Promise<AggregateRow[]> {
  const period = grouping.byPeriod
    ? sql`date_trunc(${grouping.interval}::text, r.hour at time zone ${grouping.zone}::text) at time zone ${grouping.zone}::text`
    : sql`null::timestamptz`;
  const columns = [
    sql`${period} as period_start`,
    ...grouping.dims.map((d) => sql`r.${sql.ref(dimensionColumn[d])} as ${sql.ref(d)}`),
    ...Object.entries(measures).map(([alias, expr]) => sql`${expr} as ${sql.ref(alias)}`),
  ];
  const positions = Array.from({ length: grouping.dims.length + 1 }, (_, i) => sql.raw(String(i + 1)));
  const grouped = grouping.byPeriod || grouping.dims.length > 0;
  const result = await sql<AggregateRow>`
    select ${sql.join(columns)} from analytics_rollups r
    where r.source = ${source} and r.grain = ${grainOf(grouping.dims)} and r.hour >= ${range.from} and r.hour < ${range.to}
    ${grouped ? sql`group by ${sql.join(positions)} having sum(r.n) > 0 order by ${sql.join(positions)}` : sql``}`.execute(db);
  return result.rows;
}

/**
 * Each fact is counted in several grains: the hour alone ('total'), the hour and one dimension, and
 * the hour and every dimension ('all', for groupings by two or three). Reading the smallest grain
 * that answers keeps a month of figures at a few thousand rows however many tickets there are.
 */
export const grainOf = (dims: readonly Dimension[]) => (dims.length === 0 ? 'total' : dims.length === 1 ? dims[0]! : 'all');

const grains: { grain: string; dims: Dimension[] }[] = [
  { grain: 'total', dims: [] },
  ...(['channel', 'group', 'agent', 'category', 'organization'] as const).map((d) => ({ grain: d, dims: [d] })),
  { grain: 'all', dims: ['channel', 'group', 'agent', 'category', 'organization'] },
];

/** The dimension columns of a grain's rows (null where the grain does not carry the dimension). */
const keep = (dims: Dimension[], d: Dimension, column: RawBuilder<unknown>) =>
  dims.includes(d) ? column : d === 'channel' ? sql`null::text` : sql`null::bigint`;

/** Sum of a rollup column as a number (0 over no rows). */
export const total = (column: string, cast: 'int' | 'float8' = 'int') =>
  cast === 'int' ? sql`coalesce(sum(r.${sql.ref(column)}), 0)::bigint` : sql`coalesce(sum(r.${sql.ref(column)}), 0)::float8`;

/**
 * Recomputes every rollup from the raw tables, in one transaction that locks the rollups against the
 * triggers meanwhile (writers wait, then apply their change on top of the rebuilt figures).
 */
export async function rebuildRollups(db: Db): Promise<{ rows: number }> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table analytics_rollups in share row exclusive mode`.execute(trx);
    await sql`delete from analytics_rollups`.execute(trx);
    const hour = (column: RawBuilder<unknown>) => sql`date_trunc('hour', ${column} at time zone 'UTC') at time zone 'UTC'`;
    await sql`insert into analytics_rollups (source, grain, hour, channel, group_id, agent_id, category_id, organization_id, n)
      select 'ticket', 'all', ${hour(sql`t.created_at`)}, t.channel, t.group_id, t.assignee_id, t.category_id, t.organization_id, count(*)
      from tickets t where t.merged_into_id is null
      group by 3, 4, 5, 6, 7, 8`.execute(trx);
    const hasCalls = await sql<{ ok: boolean }>`select to_regclass('calls') is not null as ok`.execute(trx);
    if (hasCalls.rows[0]?.ok)
      await sql`insert into analytics_rollups (source, grain, hour, channel, group_id, agent_id, category_id, organization_id, n, offered,
          answered, abandoned, answered_in_sl, abandoned_in_sl, handled, handle_s, wait_s)
        select 'call', 'all', ${hour(sql`k.ringing_at`)}, 'voice', t.group_id, k.agent_id, t.category_id, null, count(*),
          count(*) filter (where k.direction = 'inbound'),
          count(*) filter (where k.direction = 'inbound' and k.answered_at is not null),
          count(*) filter (where k.direction = 'inbound' and k.status = 'abandoned'),
          count(*) filter (where k.direction = 'inbound' and k.answered_at is not null and k.queue_wait_seconds <= ${rollupServiceLevelSeconds}),
          count(*) filter (where k.direction = 'inbound' and k.status = 'abandoned' and k.queue_wait_seconds <= ${rollupServiceLevelSeconds}),
          count(*) filter (where k.answered_at is not null and k.ended_at is not null),
          coalesce(sum(coalesce(k.talk_seconds, 0) + coalesce(k.hold_seconds, 0) + coalesce(k.wrap_up_seconds, 0))
            filter (where k.answered_at is not null and k.ended_at is not null), 0)::float8,
          coalesce(sum(coalesce(k.queue_wait_seconds, 0)) filter (where k.direction = 'inbound' and k.answered_at is not null), 0)::float8
        from calls k left join tickets t on t.id = k.ticket_id
        group by 3, 4, 5, 6, 7`.execute(trx);
    const hasAnswers = await sql<{ ok: boolean }>`select to_regclass('survey_answers') is not null as ok`.execute(trx);
    if (hasAnswers.rows[0]?.ok)
      await sql`insert into analytics_rollups (source, grain, hour, channel, group_id, agent_id, category_id, organization_id, n, satisfied,
          promoters, detractors, score_total)
        select a.kind, 'all', ${hour(sql`a.answered_at`)}, a.channel, a.group_id, a.agent_id, a.category_id, null, count(*),
          count(*) filter (where a.score >= 4), count(*) filter (where a.score >= 9), count(*) filter (where a.score <= 6),
          coalesce(sum(a.score), 0)::float8
        from survey_answers a group by 1, 3, 4, 5, 6, 7`.execute(trx);
    // The smaller grains are sums of the full one.
    const measures = sql.raw(`sum(n), sum(offered), sum(answered), sum(abandoned), sum(answered_in_sl), sum(abandoned_in_sl),
      sum(handled), sum(handle_s), sum(wait_s), sum(satisfied), sum(promoters), sum(detractors), sum(score_total)`);
    for (const { grain, dims } of grains.filter((g) => g.grain !== 'all'))
      await sql`insert into analytics_rollups (source, grain, hour, channel, group_id, agent_id, category_id, organization_id, n, offered,
          answered, abandoned, answered_in_sl, abandoned_in_sl, handled, handle_s, wait_s, satisfied, promoters, detractors, score_total)
        select source, ${grain}::text, hour, ${keep(dims, 'channel', sql`channel`)}, ${keep(dims, 'group', sql`group_id`)},
          ${keep(dims, 'agent', sql`agent_id`)}, ${keep(dims, 'category', sql`category_id`)},
          ${keep(dims, 'organization', sql`organization_id`)}, ${measures}
        from analytics_rollups where grain = 'all' ${grain === 'organization' ? sql`and source = 'ticket'` : sql``}
        group by 1, 2, 3, 4, 5, 6, 7, 8`.execute(trx);
    const count = await sql<{ n: number }>`select count(*)::int as n from analytics_rollups`.execute(trx);
    return { rows: Number(count.rows[0]?.n ?? 0) };
  });
}
