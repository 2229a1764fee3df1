/** Forecasts and staffing requirements from Frontline's own history (or an imported CSV), and manual adjustments. */
import { recordAudit } from '../../platform/audit.ts';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { iso } from '../../platform/schemas.ts';
import { type ChannelForecast, type ContactCount, forecastVolumes, reforecastToday, type VolumeAdjustment } from './forecast.ts';
import { SLOT_MS } from './forecast-models.ts';
import type { ForecastBody, RequirementsBody } from './planning.schemas.ts';
import * as repo from './planning.repository.ts';
import { type IntervalRequirement, requirementsFor, ruleFor } from './requirements.ts';

const DAY_MS = 86_400_000;
const midnight = (t: number) => Math.floor(t / DAY_MS) * DAY_MS;

/** Parses "interval_start,channel,volume" lines; throws `validation_failed` naming the line. */
export function parseHistoryCsv(text: string): ContactCount[] {
  const counts: ContactCount[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const [start, channel, volume, ...rest] = line.split(',').map((s) => s.trim());
    const t = Date.parse(start ?? '');
    if (index === 0 && Number.isNaN(t)) return; // a header line
    const n = Number(volume);
    if (Number.isNaN(t) || !channel || !/^[a-z][a-z0-9_]{0,30}$/.test(channel) || !Number.isFinite(n) || n < 0 || rest.length > 0) {
      throw validationError(`history_csv line ${index + 1} is not "interval_start,channel,volume".`, [
        { path: 'history_csv', message: `line ${index + 1}: expected an ISO timestamp, a channel name and a volume ≥ 0` },
      ]);
    }
    counts.push({ channel, slot: Math.floor(t / SLOT_MS), count: n });
  });
  if (counts.length === 0) throw validationError('history_csv holds no rows.', [{ path: 'history_csv', message: 'no rows' }]);
  return counts;
}

export interface LoadedForecast {
  historyFrom: Date;
  forecastFrom: Date;
  adjustments: VolumeAdjustment[];
  channels: ChannelForecast[];
}

/**
 * Forecasts `horizonDays` from today (midnight UTC; or from the day after an imported history ends),
 * learning from the `history_days` before. Throws `validation_failed` when the history is too short.
 */
export async function loadForecast(ctx: Context, body: ForecastBody, horizonDays: number): Promise<LoadedForecast> {
  if (body.holdout_days > 0 && body.history_days - body.holdout_days < 7) {
    throw validationError('The hold-out leaves less than 7 days to learn from.', [
      { path: 'holdout_days', message: 'must leave at least 7 days of history_days' },
    ]);
  }
  let counts: ContactCount[];
  let forecastStart: number;
  if (body.history_csv !== undefined) {
    counts = parseHistoryCsv(body.history_csv);
    forecastStart = midnight(Math.max(...counts.map((c) => c.slot)) * SLOT_MS) + DAY_MS;
  } else {
    forecastStart = midnight(ctx.clock.now().getTime());
    counts = await repo.contactCounts(ctx.db, new Date(forecastStart - body.history_days * DAY_MS), new Date(forecastStart), body.group_id);
  }
  const historyFrom = new Date(forecastStart - body.history_days * DAY_MS);
  const forecastFrom = new Date(forecastStart);
  const channels = body.channels ?? [...new Set(counts.map((c) => c.channel))].sort();
  const adjustments = (await repo.listAdjustmentsOverlapping(ctx.db, forecastFrom, new Date(forecastStart + horizonDays * DAY_MS))).map(
    (row): VolumeAdjustment => ({
      id: row.id,
      channel: row.channel,
      from: new Date(row.starts_at),
      to: new Date(row.ends_at),
      kind: row.kind,
      value: row.value,
      note: row.note,
    }),
  );
  try {
    const forecasts = forecastVolumes(counts, {
      historyFrom,
      forecastFrom,
      horizonDays,
      holdoutDays: body.holdout_days,
      method: body.method,
      channels,
      holidays: body.holidays,
      adjustments,
      showHistoryDays: body.show_history_days,
    });
    return { historyFrom, forecastFrom, adjustments, channels: forecasts };
  } catch (error) {
    if (error instanceof RangeError)
      throw validationError(`Forecast: ${error.message}.`, [{ path: 'history_days', message: error.message }]);
    throw error;
  }
}

/** The volume forecast per channel and half hour with hold-out accuracy. Throws `validation_failed`. */
export async function forecast(ctx: Context, body: ForecastBody) {
  const loaded = await loadForecast(ctx, body, body.horizon_days);
  // Intraday: today's actuals so far re-forecast the rest of the day (not for an imported history).
  const now = ctx.clock.now();
  const today = body.history_csv === undefined ? await repo.contactCounts(ctx.db, loaded.forecastFrom, now, body.group_id) : undefined;
  return {
    history_from: iso(loaded.historyFrom) as string,
    forecast_from: iso(loaded.forecastFrom) as string,
    interval_minutes: 30 as const,
    adjustments: loaded.adjustments.flatMap((a) => (a.id === undefined ? [] : [a.id])),
    data: loaded.channels.map((c) => ({
      channel: c.channel,
      method: c.method,
      accuracy: c.accuracy,
      history_total: c.history_total,
      forecast_total: c.forecast_total,
      history: c.history.map((h) => ({ start: iso(h.start) as string, volume: h.volume })),
      intervals: c.intervals.map((i) => ({ start: iso(i.start) as string, baseline: i.baseline, volume: i.volume, adjusted: i.adjusted })),
      intraday: today ? presentIntraday(reforecastToday(c, today, now)) : null,
    })),
  };
}

const presentIntraday = (view: ReturnType<typeof reforecastToday>) => ({
  ...view,
  intervals: view.intervals.map((i) => ({ ...i, start: iso(i.start) as string })),
});

/** Agents needed per half hour and channel for the forecast. Throws `validation_failed`, `unprocessable`. */
export async function requirements(ctx: Context, body: RequirementsBody) {
  const loaded = await loadForecast(ctx, body.forecast, body.forecast.horizon_days);
  const rules = loaded.channels.map((c) => ruleFor(c.channel, body.rules[c.channel] ?? {}));
  const intervals = requirementsFor(loaded.channels, rules, { shrinkage: body.shrinkage });
  return presentRequirements(intervals, rules, body.shrinkage);
}

export function presentRequirements(intervals: IntervalRequirement[], rules: ReturnType<typeof ruleFor>[], shrinkage: number) {
  return {
    shrinkage,
    rules: rules.map((r) => ({
      channel: r.channel,
      model: r.model,
      aht_seconds: r.aht_seconds,
      target_service_level: r.target_service_level,
      target_seconds: r.target_seconds,
      patience_seconds: r.patience_seconds ?? null,
      concurrency: r.concurrency,
      max_occupancy: r.max_occupancy ?? null,
    })),
    data: intervals.map((i) => ({
      start: iso(i.start) as string,
      channels: i.channels,
      agents: i.agents,
      fte: i.fte,
      scheduled_agents: i.scheduled_agents,
    })),
    summary: {
      agent_hours: intervals.reduce((a, i) => a + i.agents, 0) / 2,
      paid_hours: intervals.reduce((a, i) => a + i.fte, 0) / 2,
      peak_scheduled_agents: intervals.reduce((a, i) => Math.max(a, i.scheduled_agents), 0),
    },
  };
}

// ── Manual adjustments ──────────────────────────────────────────────────────────────────

type AdjustmentRow = NonNullable<Awaited<ReturnType<typeof repo.findAdjustment>>>;
const presentAdjustment = (row: AdjustmentRow) => ({
  id: row.id,
  channel: row.channel,
  starts_at: iso(row.starts_at) as string,
  ends_at: iso(row.ends_at) as string,
  kind: row.kind,
  value: row.value,
  note: row.note,
  created_by: row.created_by,
  created_at: iso(row.created_at) as string,
});

export async function listAdjustments(ctx: Context, query: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(query.cursor, 1)?.[0];
  if (after !== undefined && typeof after !== 'number')
    throw new AppError('validation_failed', 'The cursor is not valid.', [{ path: 'cursor', message: 'invalid cursor' }]);
  const rows = await repo.listAdjustmentsPage(ctx.db, query.limit, after ?? undefined);
  return toPage(rows, query.limit, (r) => [r.id], presentAdjustment);
}

/** Records a manual change to the forecast (audited). */
export async function createAdjustment(
  ctx: Context,
  actor: UserActor,
  body: {
    channel: string | null;
    starts_at: string;
    ends_at: string;
    kind: 'multiply' | 'add' | 'set';
    value: number;
    note: string | null;
  },
) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertAdjustment(trx, {
      channel: body.channel,
      starts_at: new Date(body.starts_at),
      ends_at: new Date(body.ends_at),
      kind: body.kind,
      value: body.value,
      note: body.note,
      created_by: actor.userId,
      created_at: now,
    });
    const presented = presentAdjustment(row);
    await recordAudit(trx, actor, now, {
      action: 'wfm_adjustment.created',
      entityType: 'wfm_adjustment',
      entityId: row.id,
      after: presented,
    });
    return presented;
  });
}

/** Removes a manual adjustment (audited). Throws `not_found`. */
export async function deleteAdjustment(ctx: Context, actor: UserActor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findAdjustment(trx, id);
    if (!row) throw notFound('not_found', 'Forecast adjustment', id);
    await repo.deleteAdjustment(trx, id);
    await recordAudit(trx, actor, now, {
      action: 'wfm_adjustment.deleted',
      entityType: 'wfm_adjustment',
      entityId: id,
      before: presentAdjustment(row),
    });
  });
}
