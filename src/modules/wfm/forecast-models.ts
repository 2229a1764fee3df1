/**
 * Volume forecasting models over half-hour series. Pure functions, no I/O.
 *
 * A series is a run of counts per half hour starting at a UTC midnight (`startSlot`, the absolute
 * half-hour index since 1970-01-01, is a multiple of 48). Seasonal indexes are absolute too: the slot
 * of the day is `slot % 48`, the slot of the week counts from Sunday 00:00 UTC (1970-01-01 was a
 * Thursday, hence the + 4 days).
 *
 * - `seasonal_profile`: daily totals × day-of-week factor × intraday profile of that weekday, with a
 *   linear trend fitted to the deseasonalised daily totals. Recent weeks weigh more (half-life 28
 *   days), and a sparse weekday's profile is shrunk towards the all-days profile, so a few tickets a
 *   day still give a smooth curve.
 * - `holt_winters`: Taylor's double-seasonal Holt-Winters (additive; daily period 48, weekly 336) with
 *   a damped trend; smoothing parameters chosen on the last week of the fitting data.
 * - `seasonal_naive`: the mean of the same half hour over the last four weeks — the baseline the
 *   others must beat.
 */

export const SLOTS_PER_DAY = 48;
export const SLOTS_PER_WEEK = 7 * SLOTS_PER_DAY;
export const SLOT_MS = 30 * 60 * 1000;

export const forecastMethods = ['seasonal_profile', 'holt_winters', 'seasonal_naive'] as const;
export type ForecastMethod = (typeof forecastMethods)[number];

/** Adds to one element of a typed array (indexes here are always in range). */
function add(array: Float64Array, index: number, value: number): void {
  array[index] = (array[index] ?? 0) + value;
}

/** Slot of the week (0 = Sunday 00:00–00:30 UTC) of an absolute half-hour index. */
export function weekSlotOf(slot: number): number {
  const day = Math.floor(slot / SLOTS_PER_DAY);
  return ((((day + 4) % 7) + 7) % 7) * SLOTS_PER_DAY + (((slot % SLOTS_PER_DAY) + SLOTS_PER_DAY) % SLOTS_PER_DAY);
}

/** Day of the week (0 = Sunday) of an absolute day index. */
const weekdayOfDay = (day: number): number => (((day + 4) % 7) + 7) % 7;

function checkSeries(values: ArrayLike<number>, startSlot: number, minDays: number, method: string): void {
  if (startSlot % SLOTS_PER_DAY !== 0) throw new RangeError('a series must start at midnight UTC');
  if (values.length % SLOTS_PER_DAY !== 0) throw new RangeError('a series must hold whole days');
  if (values.length < minDays * SLOTS_PER_DAY) throw new RangeError(`${method} needs at least ${minDays} days of history`);
}

/** Minimum whole days of history each method needs. */
export const minimumHistoryDays: Record<ForecastMethod, number> = { seasonal_profile: 7, holt_winters: 14, seasonal_naive: 7 };

/** Forecasts `horizon` half hours following the series with the given method. */
export function forecastSeries(method: ForecastMethod, values: ArrayLike<number>, startSlot: number, horizon: number): Float64Array {
  if (method === 'seasonal_profile') return seasonalProfile(values, startSlot, horizon);
  if (method === 'holt_winters') return holtWinters(values, startSlot, horizon);
  return seasonalNaive(values, startSlot, horizon);
}

// ── Seasonal profile ────────────────────────────────────────────────────────────────────────

const HALF_LIFE_DAYS = 28;
/** Pseudo-count (contacts) pulling a weekday's intraday profile towards the all-days profile. */
const PROFILE_PRIOR = 48;

export function seasonalProfile(values: ArrayLike<number>, startSlot: number, horizon: number): Float64Array {
  checkSeries(values, startSlot, minimumHistoryDays.seasonal_profile, 'seasonal_profile');
  const days = values.length / SLOTS_PER_DAY;
  const firstDay = startSlot / SLOTS_PER_DAY;
  const totals = new Float64Array(days);
  for (let i = 0; i < values.length; i++) add(totals, Math.floor(i / SLOTS_PER_DAY), values[i] ?? 0);
  const weight = (d: number) => 0.5 ** ((days - 1 - d) / HALF_LIFE_DAYS);

  // Day-of-week factors: weighted mean total per weekday over the mean of the seven.
  const dayWeight = new Float64Array(7);
  const dayTotal = new Float64Array(7);
  for (let d = 0; d < days; d++) {
    const w = weekdayOfDay(firstDay + d);
    add(dayWeight, w, weight(d));
    add(dayTotal, w, weight(d) * (totals[d] ?? 0));
  }
  const dayMean = Array.from(dayTotal, (total, w) => ((dayWeight[w] ?? 0) > 0 ? total / (dayWeight[w] ?? 1) : 0));
  const overall = dayMean.reduce((a, b) => a + b, 0) / 7;
  const factor = dayMean.map((m) => (overall > 0 ? m / overall : 0));

  // Trend: least squares over the deseasonalised daily totals.
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let d = 0; d < days; d++) {
    const f = factor[weekdayOfDay(firstDay + d)] ?? 0;
    if (f <= 0) continue;
    const y = (totals[d] ?? 0) / f;
    n++;
    sx += d;
    sy += y;
    sxx += d * d;
    sxy += d * y;
  }
  const denominator = n * sxx - sx * sx;
  const slope = n > 1 && denominator !== 0 ? (n * sxy - sx * sy) / denominator : 0;
  const intercept = n > 0 ? (sy - slope * sx) / n : 0;

  // Intraday shares per weekday, shrunk towards the all-days shares.
  const all = new Float64Array(SLOTS_PER_DAY);
  const byDay = new Float64Array(SLOTS_PER_WEEK);
  const dayMass = new Float64Array(7);
  for (let i = 0; i < values.length; i++) {
    const d = Math.floor(i / SLOTS_PER_DAY);
    const v = weight(d) * (values[i] ?? 0);
    add(all, i % SLOTS_PER_DAY, v);
    add(byDay, weekSlotOf(startSlot + i), v);
    add(dayMass, weekdayOfDay(firstDay + d), v);
  }
  const allMass = all.reduce((a, b) => a + b, 0);
  const share = new Float64Array(SLOTS_PER_WEEK);
  for (let k = 0; k < SLOTS_PER_WEEK; k++) {
    const prior = allMass > 0 ? (all[k % SLOTS_PER_DAY] ?? 0) / allMass : 1 / SLOTS_PER_DAY;
    const w = Math.floor(k / SLOTS_PER_DAY);
    share[k] = ((byDay[k] ?? 0) + PROFILE_PRIOR * prior) / ((dayMass[w] ?? 0) + PROFILE_PRIOR);
  }

  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const slot = startSlot + values.length + h;
    const d = days + Math.floor(h / SLOTS_PER_DAY);
    const level = Math.max(0, intercept + slope * d);
    const k = weekSlotOf(slot);
    out[h] = level * (factor[Math.floor(k / SLOTS_PER_DAY)] ?? 0) * (share[k] ?? 0);
  }
  return out;
}

// ── Double-seasonal Holt-Winters (Taylor 2003) ─────────────────────────────────────────────

export interface HoltWintersParameters {
  alpha: number;
  beta: number;
  gamma: number;
  omega: number;
  phi: number;
}

interface HoltWintersState {
  level: number;
  trend: number;
  daily: Float64Array;
  weekly: Float64Array;
  sse: number;
}

function runHoltWinters(values: ArrayLike<number>, startSlot: number, p: HoltWintersParameters): HoltWintersState {
  const init = Math.min(values.length, 2 * SLOTS_PER_WEEK);
  let level = 0;
  for (let i = 0; i < init; i++) level += values[i] ?? 0;
  level /= init;
  const daily = new Float64Array(SLOTS_PER_DAY);
  for (let i = 0; i < init; i++) add(daily, i % SLOTS_PER_DAY, ((values[i] ?? 0) - level) / (init / SLOTS_PER_DAY));
  const weekly = new Float64Array(SLOTS_PER_WEEK);
  const weeksSeen = init / SLOTS_PER_WEEK;
  for (let i = 0; i < init; i++) {
    add(weekly, weekSlotOf(startSlot + i), ((values[i] ?? 0) - level - (daily[i % SLOTS_PER_DAY] ?? 0)) / weeksSeen);
  }
  let trend = 0;
  let sse = 0;
  for (let i = 0; i < values.length; i++) {
    const s = i % SLOTS_PER_DAY;
    const k = weekSlotOf(startSlot + i);
    const predicted = level + p.phi * trend + (daily[s] ?? 0) + (weekly[k] ?? 0);
    const error = (values[i] ?? 0) - predicted;
    sse += error * error;
    level = level + p.phi * trend + p.alpha * error;
    trend = p.phi * trend + p.alpha * p.beta * error;
    daily[s] = (daily[s] ?? 0) + p.gamma * error;
    weekly[k] = (weekly[k] ?? 0) + p.omega * error;
  }
  return { level, trend, daily, weekly, sse };
}

function projectHoltWinters(state: HoltWintersState, p: HoltWintersParameters, firstSlot: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  let damped = 0;
  let power = 1;
  for (let h = 0; h < horizon; h++) {
    power *= p.phi;
    damped += power;
    const slot = firstSlot + h;
    const s = ((slot % SLOTS_PER_DAY) + SLOTS_PER_DAY) % SLOTS_PER_DAY;
    out[h] = Math.max(0, state.level + damped * state.trend + (state.daily[s] ?? 0) + (state.weekly[weekSlotOf(slot)] ?? 0));
  }
  return out;
}

const grid = {
  alpha: [0.005, 0.02, 0.05],
  beta: [0, 0.05],
  gamma: [0.02, 0.1],
  omega: [0.02, 0.1, 0.25],
};

/** Picks the parameters whose forecast of the last week of the data, fitted on the rest, errs least. */
export function chooseHoltWintersParameters(values: ArrayLike<number>, startSlot: number): HoltWintersParameters {
  const fallback: HoltWintersParameters = { alpha: 0.02, beta: 0, gamma: 0.1, omega: 0.1, phi: 0.98 };
  if (values.length < 3 * SLOTS_PER_WEEK) return fallback;
  const fitLength = values.length - SLOTS_PER_WEEK;
  const fit = Array.prototype.slice.call(values, 0, fitLength) as number[];
  let best = fallback;
  let bestError = Number.POSITIVE_INFINITY;
  for (const alpha of grid.alpha)
    for (const beta of grid.beta)
      for (const gamma of grid.gamma)
        for (const omega of grid.omega) {
          const p = { alpha, beta, gamma, omega, phi: 0.98 };
          const projected = projectHoltWinters(runHoltWinters(fit, startSlot, p), p, startSlot + fitLength, SLOTS_PER_WEEK);
          let error = 0;
          for (let h = 0; h < SLOTS_PER_WEEK; h++) error += Math.abs((projected[h] ?? 0) - (values[fitLength + h] ?? 0));
          if (error < bestError) {
            bestError = error;
            best = p;
          }
        }
  return best;
}

export function holtWinters(
  values: ArrayLike<number>,
  startSlot: number,
  horizon: number,
  parameters?: HoltWintersParameters,
): Float64Array {
  checkSeries(values, startSlot, minimumHistoryDays.holt_winters, 'holt_winters');
  const p = parameters ?? chooseHoltWintersParameters(values, startSlot);
  return projectHoltWinters(runHoltWinters(values, startSlot, p), p, startSlot + values.length, horizon);
}

// ── Seasonal naive ──────────────────────────────────────────────────────────────────────────

export function seasonalNaive(values: ArrayLike<number>, startSlot: number, horizon: number): Float64Array {
  checkSeries(values, startSlot, minimumHistoryDays.seasonal_naive, 'seasonal_naive');
  const weeks = Math.min(4, Math.floor(values.length / SLOTS_PER_WEEK));
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    // The same slot of the week in each of the last `weeks` weeks of history.
    const back = values.length - SLOTS_PER_WEEK + (h % SLOTS_PER_WEEK);
    let sum = 0;
    for (let w = 0; w < weeks; w++) sum += values[back - w * SLOTS_PER_WEEK] ?? 0;
    out[h] = sum / weeks;
  }
  return out;
}

// ── Accuracy ────────────────────────────────────────────────────────────────────────────────

export interface Accuracy {
  /** Mean absolute percentage error over the intervals with at least one contact (0.25 = 25%). */
  mape: number | null;
  /** Weighted absolute percentage error: Σ|forecast − actual| / Σ actual. */
  wape: number | null;
  /** WAPE of the daily totals. */
  daily_wape: number | null;
  /** Σ forecast / Σ actual − 1. */
  bias: number | null;
  /**
   * Root mean squared error per interval, in contacts. The method choice uses it: on sparse counts
   * MAPE and WAPE reward forecasting zero, while squared error is smallest at the true mean.
   */
  rmse: number | null;
}

export function accuracyOf(forecast: ArrayLike<number>, actual: ArrayLike<number>): Accuracy {
  let absolute = 0;
  let total = 0;
  let predicted = 0;
  let percentages = 0;
  let counted = 0;
  let squared = 0;
  const days = Math.ceil(actual.length / SLOTS_PER_DAY);
  const dayForecast = new Float64Array(days);
  const dayActual = new Float64Array(days);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] ?? 0;
    const f = forecast[i] ?? 0;
    absolute += Math.abs(f - a);
    squared += (f - a) * (f - a);
    total += a;
    predicted += f;
    add(dayForecast, Math.floor(i / SLOTS_PER_DAY), f);
    add(dayActual, Math.floor(i / SLOTS_PER_DAY), a);
    if (a > 0) {
      percentages += Math.abs(f - a) / a;
      counted++;
    }
  }
  let dailyAbsolute = 0;
  for (let d = 0; d < days; d++) dailyAbsolute += Math.abs((dayForecast[d] ?? 0) - (dayActual[d] ?? 0));
  return {
    mape: counted > 0 ? percentages / counted : null,
    wape: total > 0 ? absolute / total : null,
    daily_wape: total > 0 ? dailyAbsolute / total : null,
    bias: total > 0 ? predicted / total - 1 : null,
    rmse: actual.length > 0 ? Math.sqrt(squared / actual.length) : null,
  };
}
