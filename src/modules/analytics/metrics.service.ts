import type { Context } from '../../platform/context.ts';
import { AppError, validationError } from '../../platform/errors.ts';
import { readCostSettings } from './cost-settings.ts';
import {
  analyticsReads,
  type Dimension,
  dimensionLabels,
  dimensions,
  existingTables,
  factTicketIds,
  type Grouping,
} from './metric-facts.repository.ts';
import { findMetric, type MetricEnv, metricDefinitions, metricKeys } from './metrics-registry.ts';
import { bucketsOf, type Interval, isTimeZone, parseBound, periodLabel } from './periods.ts';

export interface MetricsQuery {
  metrics: string;
  from: string;
  to: string;
  group_by?: string | undefined;
  interval?: Interval | undefined;
  tz?: string | undefined;
  sl_seconds?: number | undefined;
}

export interface MetricsRequest {
  keys: string[];
  from: Date;
  to: Date;
  grouping: Grouping;
  slSeconds: number;
}

const groupables = ['period', ...dimensions] as const;
const maxDays = 732;

const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Checks and resolves the query: metric keys, range in the viewer's zone, grouping. Throws validation_failed. */
export function parseMetricsQuery(query: MetricsQuery): MetricsRequest {
  const zone = query.tz ?? 'UTC';
  if (!isTimeZone(zone))
    throw validationError(`tz: ${zone} is not an IANA time zone (e.g. Europe/Berlin)`, [{ path: 'tz', message: 'unknown time zone' }]);
  const keys = [...new Set(listOf(query.metrics))];
  const unknown = keys.filter((k) => !findMetric(k));
  if (keys.length === 0 || unknown.length)
    throw validationError(`metrics: ${unknown.length ? `unknown ${unknown.join(', ')}; ` : ''}choose from ${metricKeys.join(', ')}`, [
      { path: 'metrics', message: 'unknown metric' },
    ]);
  const from = parseBound(query.from, zone, 'from');
  const to = parseBound(query.to, zone, 'to');
  if (!from)
    throw validationError('from: give a date (YYYY-MM-DD, local midnight) or an ISO instant with an offset', [
      { path: 'from', message: 'invalid' },
    ]);
  if (!to)
    throw validationError('to: give a date (YYYY-MM-DD, the whole day is included) or an ISO instant with an offset', [
      { path: 'to', message: 'invalid' },
    ]);
  if (!(from < to)) throw validationError('to must come after from.', [{ path: 'to', message: 'before from' }]);
  if (to.getTime() - from.getTime() > maxDays * 86_400_000)
    throw validationError(`The range may cover at most ${maxDays} days.`, [{ path: 'to', message: 'range too long' }]);
  const groupBy = [...new Set(listOf(query.group_by))];
  const bad = groupBy.filter((g) => !(groupables as readonly string[]).includes(g));
  if (bad.length)
    throw validationError(`group_by: unknown ${bad.join(', ')}; choose from ${groupables.join(', ')}`, [
      { path: 'group_by', message: 'unknown dimension' },
    ]);
  if (groupBy.length > 3) throw validationError('group_by: at most 3 dimensions at once.', [{ path: 'group_by', message: 'too many' }]);
  const interval = query.interval ?? 'day';
  const byPeriod = groupBy.includes('period');
  if (byPeriod && !bucketsOf(from, to, interval, zone, 1000))
    throw validationError(`More than 1000 ${interval} periods: choose a longer interval or a shorter range.`, [
      { path: 'interval', message: 'too many periods' },
    ]);
  return {
    keys,
    from,
    to,
    grouping: { zone, interval, byPeriod, dims: groupBy.filter((g): g is Dimension => g !== 'period') },
    slSeconds: query.sl_seconds ?? 20,
  };
}

export interface MetricRowView {
  period?: string;
  period_start?: string;
  [dimension: string]: unknown;
  value: number | null;
}

export interface MetricView {
  key: string;
  label: string;
  unit: string;
  definition: string;
  status: 'ok' | 'partial' | 'unavailable';
  reason?: string;
  rows: MetricRowView[];
}

/** Computes the requested metrics from the stored facts. Throws validation_failed. */
export async function computeMetrics(ctx: Context, request: MetricsRequest, options: { rollups?: boolean } = {}) {
  return analyticsReads(ctx.db, ctx.dbKind, (db) => computeWith(ctx, db, request, options.rollups ?? true));
}

async function computeWith(ctx: Context, db: Context['db'], request: MetricsRequest, rollups: boolean) {
  const { grouping } = request;
  const tables = await existingTables(db, [...new Set(metricDefinitions.flatMap((m) => m.tables))]);
  const env: MetricEnv = {
    db,
    range: { from: request.from, to: request.to },
    now: ctx.clock.now(),
    grouping,
    slSeconds: request.slSeconds,
    tables,
    costs: await readCostSettings(db),
    rollups,
  };
  const results: MetricView[] = [];
  for (const key of request.keys) {
    const metric = findMetric(key);
    if (!metric) throw new AppError('validation_failed', `Unknown metric ${key}.`);
    const base = { key, label: metric.label, unit: metric.unit, definition: metric.definition };
    const missing = metric.tables.filter((t) => !tables.has(t));
    if (!metric.compute || missing.length) {
      results.push({ ...base, status: 'unavailable', reason: `not available yet: no data source (${metric.source})`, rows: [] });
      continue;
    }
    const unsupported = grouping.dims.filter((d) => !metric.dimensions.includes(d));
    if (unsupported.length) {
      results.push({
        ...base,
        status: 'unavailable',
        reason: `cannot be grouped by ${unsupported.join(', ')} (only period${metric.dimensions.map((d) => `, ${d}`).join('')})`,
        rows: [],
      });
      continue;
    }
    const rows = await metric.compute(env);
    const partial = metric.partial?.(env);
    results.push({
      ...base,
      status: partial ? 'partial' : 'ok',
      ...(partial ? { reason: partial } : {}),
      rows: rows.map((r) => ({
        ...(grouping.byPeriod && r.period_start
          ? { period: periodLabel(r.period_start, grouping.interval, grouping.zone), period_start: r.period_start.toISOString() }
          : {}),
        ...Object.fromEntries(
          Object.entries(r.dims).map(([d, v]) => [
            d,
            v === null || v === undefined ? null : d === 'channel' || d === 'value_tier' ? String(v) : Number(v),
          ]),
        ),
        value: r.value,
        ...(r.detail ?? {}),
      })),
    });
  }
  await attachLabels(db, results);
  return {
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    time_zone: grouping.zone,
    interval: grouping.byPeriod ? grouping.interval : null,
    group_by: [...(grouping.byPeriod ? ['period'] : []), ...grouping.dims],
    metrics: results,
  };
}

/** Names next to ids: group_name, agent_name, category_name, organization_name (and in top issue types). */
async function attachLabels(db: Context['db'], results: MetricView[]): Promise<void> {
  const ids = { group: new Set<number>(), agent: new Set<number>(), category: new Set<number>(), organization: new Set<number>() };
  for (const m of results)
    for (const row of m.rows) {
      for (const d of ['group', 'agent', 'category', 'organization'] as const) if (typeof row[d] === 'number') ids[d].add(row[d] as number);
      for (const t of (row.top as { category_id: number | null }[] | undefined) ?? [])
        if (t.category_id !== null) ids.category.add(t.category_id);
    }
  const labels = await dimensionLabels(db, {
    group: [...ids.group],
    agent: [...ids.agent],
    category: [...ids.category],
    organization: [...ids.organization],
  });
  for (const m of results)
    for (const row of m.rows) {
      for (const d of ['group', 'agent', 'category', 'organization'] as const)
        if (d in row) row[`${d}_name`] = typeof row[d] === 'number' ? (labels[d].get(row[d] as number) ?? null) : null;
      for (const t of (row.top as { category_id: number | null; category_name?: string | null }[] | undefined) ?? [])
        t.category_name = t.category_id === null ? 'Uncategorised' : (labels.category.get(t.category_id) ?? null);
    }
}

/** The registry as the API describes it: each metric, its definition, and whether its facts exist yet. */
export async function listMetricDefinitions(ctx: Context) {
  const tables = await existingTables(ctx.db, [...new Set(metricDefinitions.flatMap((m) => m.tables))]);
  return metricDefinitions.map((m) => {
    const available = !!m.compute && m.tables.every((t) => tables.has(t));
    return {
      key: m.key,
      label: m.label,
      unit: m.unit,
      definition: m.definition,
      source: m.source,
      group_by: ['period', ...m.dimensions],
      available,
      ...(available ? {} : { reason: `not available yet: no data source (${m.source})` }),
    };
  });
}

export interface DrillQuery {
  metric: string;
  from: string;
  to: string;
  tz?: string | undefined;
  sl_seconds?: number | undefined;
  channel?: string | undefined;
  group_id?: number | undefined;
  agent_id?: number | undefined;
  category_id?: number | undefined;
  organization_id?: number | undefined;
  value_tier?: string | undefined;
  only?: 'numerator' | 'rest' | 'all' | undefined;
  limit: number;
}

/** The tickets behind a number: the metric's facts in the range, narrowed to one group. Throws validation_failed. */
export async function drillDown(ctx: Context, query: DrillQuery) {
  const request = parseMetricsQuery({ metrics: query.metric, from: query.from, to: query.to, tz: query.tz, sl_seconds: query.sl_seconds });
  const metric = findMetric(query.metric);
  if (!metric?.drill)
    throw validationError(`metric: ${query.metric} has no ticket drill-down`, [{ path: 'metric', message: 'no drill-down' }]);
  const env: MetricEnv = {
    db: ctx.db,
    range: { from: request.from, to: request.to },
    now: ctx.clock.now(),
    grouping: request.grouping,
    slSeconds: request.slSeconds,
    tables: await existingTables(ctx.db, ['calls']),
    costs: await readCostSettings(ctx.db),
    rollups: false,
  };
  const { fact, numerator } = metric.drill(env);
  const ids = await factTicketIds(ctx.db, fact, { ...query, numerator }, query.limit);
  return { metric: metric.key, from: request.from.toISOString(), to: request.to.toISOString(), ticket_ids: ids };
}
