import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { agentStateIntervals } from '../routing/index.ts';
import { type CostSettings, hourlyCostFor, proratedFixedCents, standardHandleSecondsFor } from './cost-settings.ts';
import {
  type AggregateRow,
  aggregate,
  backlogFacts,
  callFacts,
  createdFacts,
  type Dimension,
  dimensions,
  firstSolveFacts,
  type Grouping,
  helpVisitFacts,
  type Range,
  slaFacts,
  solvedFacts,
  surveyFacts,
} from './metric-facts.repository.ts';
import { bucketsOf, nextPeriodStart, periodStart } from './periods.ts';
import { type RollupSource, rollupAggregate, rollupCovers, rollupServiceLevelSeconds, total } from './rollups.repository.ts';

/**
 * The metrics, one entry each, with the definitions of DESIGN.md. A metric whose facts another
 * module records names the tables it needs: until they exist it answers "not available yet". Adding
 * a source is adding (or completing) one entry here.
 */
export interface MetricEnv {
  db: Kysely<Database>;
  range: Range;
  now: Date;
  grouping: Grouping;
  slSeconds: number;
  tables: Set<string>;
  costs: CostSettings;
  /** Read the hourly rollups where they answer exactly (false: always the raw facts). */
  rollups: boolean;
}

/** Whether this computation reads the rollups of a source (see rollups.repository.ts). */
export const fromRollups = (env: MetricEnv, source: RollupSource, grouping: Grouping = env.grouping) =>
  env.rollups && rollupCovers(source, grouping, env.range);

export interface ComputedRow {
  period_start: Date | null;
  dims: Partial<Record<Dimension, unknown>>;
  value: number | null;
  detail?: Record<string, unknown>;
}

export interface MetricDefinition {
  key: string;
  label: string;
  unit: 'count' | 'ratio' | 'seconds' | 'cents' | 'score';
  definition: string;
  /** Where the facts come from (shown when they are missing). */
  source: string;
  /** Tables that must exist for the metric to be computed. */
  tables: string[];
  /** The dimensions it can be grouped by (period always). */
  dimensions: readonly Dimension[];
  /** Said next to the figures when only part of the definition's sources exist yet. */
  partial?: (env: MetricEnv) => string | undefined;
  compute?: (env: MetricEnv) => Promise<ComputedRow[]>;
  /** The facts behind the number, for the drill-down to tickets; `numerator` picks the ones that count for a rate. */
  drill?: (env: MetricEnv) => { fact: RawBuilder<unknown>; numerator?: RawBuilder<unknown> };
}

const all = dimensions;
const count = sql`count(*)::int`;
const countWhere = (condition: RawBuilder<unknown>) => sql`(count(*) filter (where ${condition}))::int`;
const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
const num = (v: unknown) => Number(v ?? 0);

function rowsOf(
  rows: AggregateRow[],
  grouping: Grouping,
  value: (r: AggregateRow) => number | null,
  detail?: (r: AggregateRow) => Record<string, unknown>,
) {
  return rows.map(
    (r): ComputedRow => ({
      period_start: r.period_start ? new Date(r.period_start) : null,
      dims: Object.fromEntries(grouping.dims.map((d) => [d, r[d] ?? null])),
      value: value(r),
      ...(detail ? { detail: detail(r) } : {}),
    }),
  );
}

async function ratioMetric(env: MetricEnv, fact: RawBuilder<unknown>, flag: string, names: [string, string]): Promise<ComputedRow[]> {
  const rows = await aggregate(env.db, fact, env.grouping, { d: count, n: countWhere(sql.ref(`f.${flag}`)) });
  return rowsOf(
    rows,
    env.grouping,
    (r) => ratio(num(r.n), num(r.d)),
    (r) => ({ [names[0]]: num(r.n), [names[1]]: num(r.d) }),
  );
}

const backlogBuckets = [
  ['lt_1d', 0, 1],
  ['d1_3', 1, 3],
  ['d3_7', 3, 7],
  ['d7_14', 7, 14],
  ['d14_30', 14, 30],
  ['gt_30d', 30, null],
] as const;

async function backlog(env: MetricEnv): Promise<ComputedRow[]> {
  const { grouping, range, now } = env;
  const snapshots = grouping.byPeriod
    ? (bucketsOf(range.from, range.to, grouping.interval, grouping.zone, 400) ?? []).filter((b) => b.start <= now)
    : [{ start: range.from, end: range.to }];
  const measures: Record<string, RawBuilder<unknown>> = { unsolved: count };
  for (const [name, lo, hi] of backlogBuckets)
    measures[name] = countWhere(hi === null ? sql`f.age_s >= ${lo * 86400}` : sql`f.age_s >= ${lo * 86400} and f.age_s < ${hi * 86400}`);
  const out: ComputedRow[] = [];
  for (const bucket of snapshots) {
    const snapshot = bucket.end < now ? bucket.end : now;
    const at = grouping.byPeriod ? periodStart(bucket.start, grouping.interval, grouping.zone) : bucket.start;
    const rows = await aggregate(env.db, backlogFacts(snapshot, at, now), grouping, measures);
    out.push(
      ...rowsOf(
        rows,
        grouping,
        (r) => num(r.unsolved),
        (r) => ({ at: snapshot.toISOString(), buckets: Object.fromEntries(backlogBuckets.map(([name]) => [name, num(r[name])])) }),
      ),
    );
  }
  return out;
}

async function topIssueTypes(env: MetricEnv): Promise<ComputedRow[]> {
  const inner: Grouping = { ...env.grouping, dims: [...env.grouping.dims.filter((d) => d !== 'category'), 'category'] };
  const rows = fromRollups(env, 'ticket', inner)
    ? await rollupAggregate(env.db, 'ticket', inner, env.range, { contacts: total('n') })
    : await aggregate(env.db, createdFacts(env.range), inner, { contacts: count });
  const groups = new Map<string, { row: AggregateRow; total: number; top: { category_id: unknown; contacts: number }[] }>();
  for (const r of rows) {
    const key = JSON.stringify([r.period_start, ...env.grouping.dims.filter((d) => d !== 'category').map((d) => r[d])]);
    const group = groups.get(key) ?? { row: r, total: 0, top: [] };
    group.total += num(r.contacts);
    group.top.push({ category_id: r.category ?? null, contacts: num(r.contacts) });
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({
    period_start: g.row.period_start ? new Date(g.row.period_start) : null,
    dims: Object.fromEntries(env.grouping.dims.filter((d) => d !== 'category').map((d) => [d, g.row[d] ?? null])),
    value: g.total,
    detail: {
      top: g.top
        .sort((a, b) => b.contacts - a.contacts || Number(a.category_id ?? 0) - Number(b.category_id ?? 0))
        .slice(0, 10)
        .map((t, i) => ({
          rank: i + 1,
          category_id: t.category_id === null ? null : Number(t.category_id),
          contacts: t.contacts,
          share: t.contacts / g.total,
        })),
    },
  }));
}

const slaTargets = ['first_response', 'next_reply', 'periodic_update', 'resolution'] as const;

async function slaCompliance(env: MetricEnv): Promise<ComputedRow[]> {
  const measures: Record<string, RawBuilder<unknown>> = { decided: count, met: countWhere(sql`f.met`) };
  for (const t of slaTargets) {
    measures[`${t}_decided`] = countWhere(sql`f.target = ${t}`);
    measures[`${t}_met`] = countWhere(sql`f.target = ${t} and f.met`);
  }
  const rows = await aggregate(env.db, slaFacts(env.range, env.now), env.grouping, measures);
  return rowsOf(
    rows,
    env.grouping,
    (r) => ratio(num(r.met), num(r.decided)),
    (r) => ({
      met: num(r.met),
      decided: num(r.decided),
      by_target: Object.fromEntries(
        slaTargets.map((t) => [
          t,
          { met: num(r[`${t}_met`]), decided: num(r[`${t}_decided`]), value: ratio(num(r[`${t}_met`]), num(r[`${t}_decided`])) },
        ]),
      ),
    }),
  );
}

async function costPerContact(env: MetricEnv): Promise<ComputedRow[]> {
  const grouping: Grouping = { ...env.grouping, dims: ['channel'] };
  const withCalls = env.tables.has('calls');
  const solved = await aggregate(
    env.db,
    solvedFacts(env.range, withCalls),
    grouping,
    { contacts: count },
    withCalls ? sql`f.channel <> 'voice'` : undefined,
  );
  const calls = withCalls
    ? await aggregate(env.db, callFacts(env.range), grouping, {
        contacts: countWhere(sql`f.answered and f.ended`),
        handle_s: sql`coalesce(sum(f.handle_s) filter (where f.answered and f.ended), 0)::float8`,
      })
    : [];
  const cells = new Map<string, { period_start: Date | null; channel: string; contacts: number; trackedSeconds: number | null }>();
  for (const r of solved)
    cells.set(JSON.stringify([r.period_start, r.channel]), {
      period_start: r.period_start,
      channel: String(r.channel),
      contacts: num(r.contacts),
      trackedSeconds: null,
    });
  for (const r of calls)
    cells.set(JSON.stringify([r.period_start, 'voice']), {
      period_start: r.period_start,
      channel: 'voice',
      contacts: num(r.contacts),
      trackedSeconds: num(r.handle_s),
    });
  // Channels with fixed costs count even in a period without contacts (their cost per contact is then undefined).
  const periods = grouping.byPeriod
    ? (bucketsOf(env.range.from, env.range.to, grouping.interval, grouping.zone) ?? []).map((b) =>
        periodStart(b.start, grouping.interval, grouping.zone),
      )
    : [null];
  for (const [channel, c] of Object.entries(env.costs.channels))
    if ((c.fixed_monthly_cents ?? 0) > 0)
      for (const p of periods)
        if (!cells.has(JSON.stringify([p, channel])))
          cells.set(JSON.stringify([p, channel]), { period_start: p, channel, contacts: 0, trackedSeconds: null });
  const out: ComputedRow[] = [];
  for (const cell of cells.values()) {
    const start = cell.period_start ? new Date(cell.period_start) : env.range.from;
    const end = cell.period_start ? nextPeriodStart(start, grouping.interval, grouping.zone) : env.range.to;
    const fixed = proratedFixedCents(
      env.costs.channels[cell.channel]?.fixed_monthly_cents ?? 0,
      start < env.range.from ? env.range.from : start,
      end > env.range.to ? env.range.to : end,
      grouping.zone,
    );
    const rate = hourlyCostFor(env.costs, cell.channel);
    const standard = standardHandleSecondsFor(env.costs, cell.channel);
    const seconds = cell.trackedSeconds ?? (standard === null ? null : standard * cell.contacts);
    const labour = seconds === null || rate === null ? null : (seconds / 3600) * rate;
    out.push({
      period_start: cell.period_start ? new Date(cell.period_start) : null,
      dims: { channel: cell.channel },
      value: labour === null || cell.contacts === 0 ? null : Math.round((labour + fixed) / cell.contacts),
      detail: {
        handled_contacts: cell.contacts,
        agent_hours: seconds === null ? null : seconds / 3600,
        agent_hours_source: cell.trackedSeconds !== null ? 'tracked' : standard !== null ? 'standard_handle_time' : null,
        labour_cents: labour === null ? null : Math.round(labour),
        fixed_cents: Math.round(fixed),
        ...(rate === null
          ? { missing: 'no loaded hourly cost configured' }
          : seconds === null
            ? { missing: `no handling-time source for ${cell.channel}: set a standard handling time` }
            : {}),
      },
    });
  }
  return out.sort(
    (a, b) => Number(a.period_start ?? 0) - Number(b.period_start ?? 0) || String(a.dims.channel).localeCompare(String(b.dims.channel)),
  );
}

async function occupancy(env: MetricEnv): Promise<ComputedRow[]> {
  const intervals = await agentStateIntervals(env.db, { from: env.range.from, to: env.range.to });
  const { grouping } = env;
  const buckets = grouping.byPeriod
    ? (bucketsOf(env.range.from, env.range.to, grouping.interval, grouping.zone) ?? [])
    : [{ start: env.range.from, end: env.range.to }];
  const cells = new Map<string, { period_start: Date | null; agent: number | null; handling: number; idle: number }>();
  const byAgent = grouping.dims.includes('agent');
  for (const iv of intervals) {
    const handling = iv.state === 'on_call' || iv.state === 'wrap_up';
    if (!handling && iv.state !== 'online') continue;
    for (const b of buckets) {
      const ms = Math.min(iv.to.getTime(), b.end.getTime()) - Math.max(iv.from.getTime(), b.start.getTime());
      if (ms <= 0) continue;
      const period = grouping.byPeriod ? periodStart(b.start, grouping.interval, grouping.zone) : null;
      const key = JSON.stringify([period, byAgent ? iv.user_id : null]);
      const cell = cells.get(key) ?? { period_start: period, agent: byAgent ? iv.user_id : null, handling: 0, idle: 0 };
      if (handling) cell.handling += ms;
      else cell.idle += ms;
      cells.set(key, cell);
    }
  }
  if (cells.size === 0 && !grouping.byPeriod && !byAgent)
    return [{ period_start: null, dims: {}, value: null, detail: { handling_seconds: 0, available_seconds: 0 } }];
  return [...cells.values()]
    .sort((a, b) => Number(a.period_start ?? 0) - Number(b.period_start ?? 0) || (a.agent ?? 0) - (b.agent ?? 0))
    .map((c) => ({
      period_start: c.period_start,
      dims: byAgent ? { agent: c.agent } : {},
      value: ratio(c.handling, c.handling + c.idle),
      detail: { handling_seconds: c.handling / 1000, available_seconds: c.idle / 1000 },
    }));
}

export const metricDefinitions: readonly MetricDefinition[] = [
  {
    key: 'volume',
    label: 'Volume',
    unit: 'count',
    definition: 'Tickets opened in the period (a merged duplicate counts in the ticket it was merged into).',
    source: 'tickets',
    tables: [],
    dimensions: all,
    drill: (env) => ({ fact: createdFacts(env.range) }),
    compute: async (env) =>
      rowsOf(
        fromRollups(env, 'ticket')
          ? await rollupAggregate(env.db, 'ticket', env.grouping, env.range, { contacts: total('n') })
          : await aggregate(env.db, createdFacts(env.range), env.grouping, { contacts: count }),
        env.grouping,
        (r) => num(r.contacts),
      ),
  },
  {
    key: 'fcr',
    label: 'First contact resolution',
    unit: 'ratio',
    definition:
      'Solved tickets with at most one agent reply (or one voice/chat interaction), never reopened, never escalated, and no new ticket from the same requester in the same category within 7 days / solved tickets.',
    source: 'tickets, ticket_events, ticket_comments, calls',
    tables: [],
    dimensions: all,
    drill: (env) => ({ fact: solvedFacts(env.range, env.tables.has('calls')), numerator: sql`f.fcr` }),
    compute: (env) => ratioMetric(env, solvedFacts(env.range, env.tables.has('calls')), 'fcr', ['resolved_first_contact', 'solved']),
  },
  {
    key: 'reopen_rate',
    label: 'Reopen rate',
    unit: 'ratio',
    definition:
      'Tickets solved for the first time in the period that were reopened since / tickets solved for the first time in the period.',
    source: 'ticket_events',
    tables: [],
    dimensions: all,
    drill: (env) => ({ fact: firstSolveFacts(env.range), numerator: sql`f.reopened` }),
    compute: (env) => ratioMetric(env, firstSolveFacts(env.range), 'reopened', ['reopened', 'solved']),
  },
  {
    key: 'escalation_rate',
    label: 'Escalation rate',
    unit: 'ratio',
    definition: 'Tickets solved in the period that were escalated to a higher tier at least once / tickets solved in the period.',
    source: 'ticket_events',
    tables: [],
    dimensions: all,
    drill: (env) => ({ fact: solvedFacts(env.range, false), numerator: sql`f.escalated` }),
    compute: (env) => ratioMetric(env, solvedFacts(env.range, false), 'escalated', ['escalated', 'solved']),
  },
  {
    key: 'tier_shares',
    label: 'Tier shares',
    unit: 'ratio',
    definition:
      'Share of the tickets solved in the period by the tier that solved them; the value is the Tier 1 share (target 60–75 %, Tier 3 under 5 %).',
    source: 'tickets',
    tables: [],
    dimensions: all,
    drill: (env) => ({ fact: solvedFacts(env.range, false), numerator: sql`f.tier = 1` }),
    compute: async (env) => {
      const rows = await aggregate(env.db, solvedFacts(env.range, false), env.grouping, {
        solved: count,
        tier_1: countWhere(sql`f.tier = 1`),
        tier_2: countWhere(sql`f.tier = 2`),
        tier_3: countWhere(sql`f.tier >= 3`),
      });
      return rowsOf(
        rows,
        env.grouping,
        (r) => ratio(num(r.tier_1), num(r.solved)),
        (r) => ({
          solved: num(r.solved),
          shares: Object.fromEntries([1, 2, 3].map((t) => [`tier_${t}`, ratio(num(r[`tier_${t}`]), num(r.solved))])),
          counts: { tier_1: num(r.tier_1), tier_2: num(r.tier_2), tier_3: num(r.tier_3) },
        }),
      );
    },
  },
  {
    key: 'backlog_age',
    label: 'Backlog age',
    unit: 'count',
    definition: 'Unsolved tickets at the end of the period (or now) by age: <1 d, 1–3 d, 3–7 d, 7–14 d, 14–30 d, >30 d.',
    source: 'tickets, ticket_events',
    tables: [],
    dimensions: all,
    drill: (env) => ({ fact: backlogFacts(env.range.to < env.now ? env.range.to : env.now, env.range.from, env.now) }),
    compute: backlog,
  },
  {
    key: 'top_issue_types',
    label: 'Top 10 issue types',
    unit: 'count',
    definition: 'The 10 categories with the most tickets opened in the period, with their share of the volume.',
    source: 'tickets',
    tables: [],
    dimensions: all,
    drill: (env) => ({ fact: createdFacts(env.range) }),
    compute: topIssueTypes,
  },
  {
    key: 'sla_compliance',
    label: 'SLA compliance',
    unit: 'ratio',
    definition: 'SLA targets met on time / targets decided in the period (met on time, or breached), overall and per target.',
    source: 'sla_clocks',
    tables: [],
    dimensions: all,
    drill: (env) => ({ fact: slaFacts(env.range, env.now), numerator: sql`f.met` }),
    compute: slaCompliance,
  },
  {
    key: 'cost_per_contact',
    label: 'Cost per contact',
    unit: 'cents',
    definition:
      '(Agent hours × loaded hourly cost + fixed costs) / handled contacts, per channel. Handled contacts: tickets solved (voice: calls answered); agent hours: tracked call time, else the configured standard handling time.',
    source: 'tickets, calls, cost settings',
    tables: [],
    dimensions: ['channel'],
    compute: costPerContact,
  },
  {
    key: 'aht',
    label: 'Average handling time',
    unit: 'seconds',
    definition: 'Agent handling time (talk + hold + wrap-up; tracked work time on tickets) / handled contacts.',
    source: 'calls (voice); tracked work time on tickets',
    tables: ['calls'],
    dimensions: all,
    partial: () => 'voice calls only: tracked work time on tickets is not recorded yet (no data source)',
    compute: async (env) => {
      const rows = fromRollups(env, 'call')
        ? await rollupAggregate(env.db, 'call', env.grouping, env.range, {
            handled: total('handled'),
            handle_s: total('handle_s', 'float8'),
          })
        : await aggregate(env.db, callFacts(env.range), env.grouping, {
            handled: countWhere(sql`f.answered and f.ended`),
            handle_s: sql`coalesce(sum(f.handle_s) filter (where f.answered and f.ended), 0)::float8`,
          });
      return rowsOf(
        rows,
        env.grouping,
        (r) => ratio(num(r.handle_s), num(r.handled)),
        (r) => ({ handled: num(r.handled), handling_seconds: num(r.handle_s) }),
      );
    },
  },
  {
    key: 'asa',
    label: 'Average speed of answer',
    unit: 'seconds',
    definition: 'Queue wait of answered inbound calls / answered inbound calls.',
    source: 'calls',
    tables: ['calls'],
    dimensions: all,
    compute: async (env) => {
      const rows = fromRollups(env, 'call')
        ? await rollupAggregate(env.db, 'call', env.grouping, env.range, { answered: total('answered'), wait_s: total('wait_s', 'float8') })
        : await aggregate(env.db, callFacts(env.range), env.grouping, {
            answered: countWhere(sql`f.inbound and f.answered`),
            wait_s: sql`coalesce(sum(f.wait_s) filter (where f.inbound and f.answered), 0)::float8`,
          });
      return rowsOf(
        rows,
        env.grouping,
        (r) => ratio(num(r.wait_s), num(r.answered)),
        (r) => ({ answered: num(r.answered) }),
      );
    },
  },
  {
    key: 'service_level',
    label: 'Service level',
    unit: 'ratio',
    definition:
      'Inbound calls answered within Y seconds / (offered − abandoned within Y seconds); Y is sl_seconds (default 20, target 80 %).',
    source: 'calls',
    tables: ['calls'],
    dimensions: all,
    compute: async (env) => {
      const y = env.slSeconds;
      const rows =
        y === rollupServiceLevelSeconds && fromRollups(env, 'call')
          ? await rollupAggregate(env.db, 'call', env.grouping, env.range, {
              offered: total('offered'),
              answered_in_y: total('answered_in_sl'),
              abandoned_in_y: total('abandoned_in_sl'),
            })
          : await aggregate(env.db, callFacts(env.range), env.grouping, {
              offered: countWhere(sql`f.inbound`),
              answered_in_y: countWhere(sql`f.inbound and f.answered and f.wait_s <= ${y}`),
              abandoned_in_y: countWhere(sql`f.inbound and f.abandoned and f.wait_s <= ${y}`),
            });
      return rowsOf(
        rows,
        env.grouping,
        (r) => ratio(num(r.answered_in_y), num(r.offered) - num(r.abandoned_in_y)),
        (r) => ({ seconds: y, offered: num(r.offered), answered_within: num(r.answered_in_y), abandoned_within: num(r.abandoned_in_y) }),
      );
    },
  },
  {
    key: 'abandonment_rate',
    label: 'Abandonment rate',
    unit: 'ratio',
    definition: 'Abandoned inbound calls / offered inbound calls.',
    source: 'calls',
    tables: ['calls'],
    dimensions: all,
    compute: async (env) => {
      const rows = fromRollups(env, 'call')
        ? await rollupAggregate(env.db, 'call', env.grouping, env.range, { offered: total('offered'), abandoned: total('abandoned') })
        : await aggregate(env.db, callFacts(env.range), env.grouping, {
            offered: countWhere(sql`f.inbound`),
            abandoned: countWhere(sql`f.inbound and f.abandoned`),
          });
      return rowsOf(
        rows,
        env.grouping,
        (r) => ratio(num(r.abandoned), num(r.offered)),
        (r) => ({ abandoned: num(r.abandoned), offered: num(r.offered) }),
      );
    },
  },
  {
    key: 'occupancy',
    label: 'Occupancy',
    unit: 'ratio',
    definition: 'Handling time (on call + wrap-up) / (handling + available idle time), from agent state changes.',
    source: 'agent_state_changes',
    tables: ['agent_state_changes'],
    dimensions: ['agent'],
    partial: () => 'voice handling only: tracked work time on tickets is not recorded yet (no data source)',
    compute: occupancy,
  },
  ...(['csat', 'nps', 'ces'] as const).map(
    (kind): MetricDefinition => ({
      key: kind,
      label: kind.toUpperCase(),
      unit: kind === 'csat' ? 'ratio' : 'score',
      definition: {
        csat: 'Share of 4–5 ratings on a 1–5 scale.',
        nps: '% promoters (9–10) − % detractors (0–6).',
        ces: 'Mean effort score on a 1–7 scale.',
      }[kind],
      source: 'survey answers (feedback)',
      tables: ['survey_answers'],
      dimensions: all,
      compute: async (env) => {
        const rows = fromRollups(env, kind)
          ? await rollupAggregate(env.db, kind, env.grouping, env.range, {
              answers: total('n'),
              satisfied: total('satisfied'),
              promoters: total('promoters'),
              detractors: total('detractors'),
              total: total('score_total', 'float8'),
            })
          : await aggregate(env.db, surveyFacts(env.range, kind), env.grouping, {
              answers: count,
              satisfied: countWhere(sql`f.score >= 4`),
              promoters: countWhere(sql`f.score >= 9`),
              detractors: countWhere(sql`f.score <= 6`),
              total: sql`coalesce(sum(f.score), 0)::float8`,
            });
        const value = (r: AggregateRow) => {
          const n = num(r.answers);
          if (n === 0) return null;
          if (kind === 'csat') return num(r.satisfied) / n;
          if (kind === 'nps') return ((num(r.promoters) - num(r.detractors)) / n) * 100;
          return num(r.total) / n;
        };
        return rowsOf(rows, env.grouping, value, (r) => ({ answers: num(r.answers) }));
      },
    }),
  ),
  {
    key: 'deflection_rate',
    label: 'Deflection rate',
    unit: 'ratio',
    definition: 'Help-centre visits that showed or opened an article and ended without a ticket within 24 hours / such visits.',
    source: 'help-centre visits (knowledge base)',
    tables: ['kb_help_sessions'],
    dimensions: [],
    compute: (env) => ratioMetric(env, helpVisitFacts(env.range, env.now), 'deflected', ['deflected', 'visits']),
  },
];

export const metricKeys = metricDefinitions.map((m) => m.key);
export const findMetric = (key: string) => metricDefinitions.find((m) => m.key === key);
