import type { Context } from '../../platform/context.ts';
import { validationError } from '../../platform/errors.ts';
import * as repo from './dashboards.repository.ts';
import { computeMetrics, parseMetricsQuery } from './metrics.service.ts';
import { isTimeZone, localToInstant, periodStart } from './periods.ts';
import { listDrivers } from './root-cause.service.ts';
import { TZDate } from '@date-fns/tz';

/** The seeds' default targets for the monthly KPI review. */
export const kpiTargets = {
  fcr: { min: 0.7, max: 0.85, label: 'FCR 70–85 %' },
  csat: { min: 0.8, label: 'CSAT above 80 %' },
  abandonment_rate: { max: 0.05, label: 'Abandonment under 5 %' },
  service_level: { min: 0.8, label: 'Service level 80/20' },
  tier_shares: { min: 0.6, max: 0.75, label: 'Tier 1 solves 60–75 %' },
  nps: { min: 30, label: 'NPS above 30' },
} as const;

type Targets = Record<string, { min?: number; max?: number; label: string }>;

function zoneOf(tz: string | undefined): string {
  const zone = tz ?? 'UTC';
  if (!isTimeZone(zone)) throw validationError(`tz: ${zone} is not an IANA time zone`, [{ path: 'tz', message: 'unknown time zone' }]);
  return zone;
}

const isoDate = (d: Date, zone: string) => {
  const l = new TZDate(d.getTime(), zone);
  return `${l.getFullYear()}-${String(l.getMonth() + 1).padStart(2, '0')}-${String(l.getDate()).padStart(2, '0')}`;
};

/** Each headline figure with its verdict against the target (met, missed, or unknown without data). */
function scorecard(metrics: { key: string; status: string; rows: { value: number | null }[] }[], targets: Targets) {
  return Object.entries(targets).map(([key, target]) => {
    const metric = metrics.find((m) => m.key === key);
    const value = metric && metric.status !== 'unavailable' ? (metric.rows[0]?.value ?? null) : null;
    const met =
      value === null ? null : (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max);
    return {
      key,
      label: target.label,
      value,
      target: { min: target.min ?? null, max: target.max ?? null },
      met,
      ...(metric?.status === 'unavailable' ? { reason: (metric as { reason?: string }).reason } : {}),
    };
  });
}

/** Today's operations in the viewer's zone: live queues, SLA at risk, backlog age, today's volume by channel. */
export async function dailyDashboard(ctx: Context, query: { tz?: string | undefined }) {
  const zone = zoneOf(query.tz);
  const now = ctx.clock.now();
  const today = isoDate(now, zone);
  const [queues, atRisk, figures] = await Promise.all([
    repo.liveQueues(ctx.db),
    repo.slaAtRisk(ctx.db, now, 60),
    computeMetrics(
      ctx,
      parseMetricsQuery({
        metrics: 'volume,backlog_age,sla_compliance,asa,service_level,abandonment_rate',
        from: today,
        to: today,
        tz: zone,
      }),
    ),
  ]);
  const byChannel = await computeMetrics(
    ctx,
    parseMetricsQuery({ metrics: 'volume', from: today, to: today, tz: zone, group_by: 'channel' }),
  );
  return {
    date: today,
    time_zone: zone,
    generated_at: now.toISOString(),
    live_queues: queues,
    sla_at_risk: { within_minutes: 60, by_target: atRisk },
    metrics: figures.metrics,
    volume_by_channel: byChannel.metrics[0]?.rows ?? [],
    forecast: { status: 'unavailable', reason: 'not available yet: no data source (stored volume forecasts)' },
  };
}

/** The management review of a local week (Monday to Sunday; default the last full week), against the week before. */
export async function weeklyDashboard(ctx: Context, query: { tz?: string | undefined; week?: string | undefined }) {
  const zone = zoneOf(query.tz);
  const now = ctx.clock.now();
  let start = periodStart(now, 'week', zone);
  if (query.week !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(query.week);
    if (!m) throw validationError('week: a date (YYYY-MM-DD) inside the week', [{ path: 'week', message: 'invalid' }]);
    start = periodStart(localToInstant(zone, Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12), 'week', zone);
  } else start = periodStart(new Date(start.getTime() - 86_400_000), 'week', zone);
  const l = new TZDate(start.getTime(), zone);
  const end = localToInstant(zone, l.getFullYear(), l.getMonth(), l.getDate() + 7);
  const previous = localToInstant(zone, l.getFullYear(), l.getMonth(), l.getDate() - 7);
  const keys =
    'volume,fcr,reopen_rate,escalation_rate,tier_shares,sla_compliance,csat,nps,aht,asa,service_level,abandonment_rate,occupancy,backlog_age';
  const range = (from: Date, to: Date) =>
    computeMetrics(ctx, parseMetricsQuery({ metrics: keys, from: from.toISOString(), to: to.toISOString(), tz: zone }));
  const [current, before, daily, drivers] = await Promise.all([
    range(start, end),
    range(previous, start),
    computeMetrics(
      ctx,
      parseMetricsQuery({ metrics: 'volume,fcr', from: start.toISOString(), to: end.toISOString(), tz: zone, group_by: 'period,channel' }),
    ),
    listDrivers(ctx, { from: start.toISOString(), to: end.toISOString(), tz: zone }),
  ]);
  return {
    week: isoDate(start, zone),
    from: start.toISOString(),
    to: end.toISOString(),
    time_zone: zone,
    metrics: current.metrics.map((m) => ({ ...m, previous: before.metrics.find((p) => p.key === m.key)?.rows[0]?.value ?? null })),
    daily_by_channel: daily.metrics,
    top_drivers: drivers.data,
  };
}

/** The monthly KPI review of a local month (default the last full month): KPIs against targets, cost per contact, drivers. */
export async function monthlyDashboard(ctx: Context, query: { tz?: string | undefined; month?: string | undefined }) {
  const zone = zoneOf(query.tz);
  const now = new TZDate(ctx.clock.now().getTime(), zone);
  let [year, month] = now.getMonth() === 0 ? [now.getFullYear() - 1, 11] : [now.getFullYear(), now.getMonth() - 1];
  if (query.month !== undefined) {
    const m = /^(\d{4})-(\d{2})$/.exec(query.month);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw validationError('month: YYYY-MM', [{ path: 'month', message: 'invalid' }]);
    [year, month] = [Number(m[1]), Number(m[2]) - 1];
  }
  const from = localToInstant(zone, year, month, 1);
  const to = localToInstant(zone, year, month + 1, 1);
  const keys =
    'fcr,csat,abandonment_rate,service_level,tier_shares,nps,ces,volume,reopen_rate,escalation_rate,sla_compliance,aht,asa,occupancy,deflection_rate';
  const [figures, costs, weekly, drivers] = await Promise.all([
    computeMetrics(ctx, parseMetricsQuery({ metrics: keys, from: from.toISOString(), to: to.toISOString(), tz: zone })),
    computeMetrics(ctx, parseMetricsQuery({ metrics: 'cost_per_contact', from: from.toISOString(), to: to.toISOString(), tz: zone })),
    computeMetrics(
      ctx,
      parseMetricsQuery({
        metrics: 'volume,fcr,sla_compliance',
        from: from.toISOString(),
        to: to.toISOString(),
        tz: zone,
        group_by: 'period',
        interval: 'week',
      }),
    ),
    listDrivers(ctx, { from: from.toISOString(), to: to.toISOString(), tz: zone }),
  ]);
  return {
    month: `${year}-${String(month + 1).padStart(2, '0')}`,
    from: from.toISOString(),
    to: to.toISOString(),
    time_zone: zone,
    kpis: scorecard(figures.metrics, kpiTargets),
    metrics: figures.metrics,
    cost_per_contact: costs.metrics[0],
    weekly_trend: weekly.metrics,
    top_drivers: drivers.data,
  };
}
