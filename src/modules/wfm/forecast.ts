/**
 * Contact volume forecasts per channel and half hour: history in, forecast out, with the hold-out
 * accuracy of every method beside it, holidays and manual adjustments applied on top. Pure: the
 * service loads the counts (forecast.service.ts).
 *
 * Hold-out: the last `holdoutDays` of history are cut off, each method is fitted on the rest and
 * forecasts them, and MAPE/WAPE compare that forecast with what came. `auto` then takes the method
 * with the lowest hold-out RMSE for that channel (on sparse counts WAPE and MAPE favour forecasting zero), refits it on the whole history and forecasts ahead.
 */
import {
  type Accuracy,
  accuracyOf,
  type ForecastMethod,
  forecastMethods,
  forecastSeries,
  minimumHistoryDays,
  SLOT_MS,
  SLOTS_PER_DAY,
  SLOTS_PER_WEEK,
} from './forecast-models.ts';

export interface ContactCount {
  channel: string;
  /** Absolute half-hour index: floor(epoch ms / 30 min). */
  slot: number;
  count: number;
}

export interface Holiday {
  /** A UTC date, YYYY-MM-DD. */
  date: string;
  /** Volume on that day as a share of a normal day (0 = closed). */
  factor: number;
}

export interface VolumeAdjustment {
  id?: number;
  /** null: every channel. */
  channel: string | null;
  from: Date;
  to: Date;
  /** multiply: volume × value; add: volume + value per half hour; set: value per half hour. */
  kind: 'multiply' | 'add' | 'set';
  value: number;
  note: string | null;
}

export interface ForecastOptions {
  /** First day of history (midnight UTC) and the day the forecast starts (midnight UTC, exclusive end of history). */
  historyFrom: Date;
  forecastFrom: Date;
  horizonDays: number;
  holdoutDays: number;
  method: ForecastMethod | 'auto';
  channels: string[];
  holidays: Holiday[];
  adjustments: VolumeAdjustment[];
  /** How many days of history to return beside the forecast (for the chart). */
  showHistoryDays: number;
}

export interface ForecastInterval {
  start: Date;
  /** The model's forecast after holidays. */
  baseline: number;
  /** After manual adjustments: the figure requirements use. */
  volume: number;
  adjusted: boolean;
}

export interface ChannelForecast {
  channel: string;
  method: ForecastMethod;
  /** Hold-out accuracy of every method that had enough history (null when none had). */
  accuracy: Partial<Record<ForecastMethod, Accuracy>>;
  history: { start: Date; volume: number }[];
  intervals: ForecastInterval[];
  history_total: number;
  forecast_total: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const dayIndexOf = (date: Date): number => Math.floor(date.getTime() / DAY_MS);
const dateKey = (slot: number): string => new Date(slot * SLOT_MS).toISOString().slice(0, 10);

/** Counts per channel on a dense half-hour grid from `firstSlot`, `length` slots long. */
export function seriesByChannel(counts: ContactCount[], channels: string[], firstSlot: number, length: number): Map<string, Float64Array> {
  const series = new Map(channels.map((channel) => [channel, new Float64Array(length)]));
  for (const { channel, slot, count } of counts) {
    const values = series.get(channel);
    const i = slot - firstSlot;
    if (values && i >= 0 && i < length) values[i] = (values[i] ?? 0) + count;
  }
  return series;
}

/** History with holiday days replaced by the same day a week before (or after), so models learn normal days. */
function withoutHolidays(values: Float64Array, firstSlot: number, holidays: Map<string, number>): Float64Array {
  if (holidays.size === 0) return values;
  const out = Float64Array.from(values);
  for (let d = 0; d * SLOTS_PER_DAY < values.length; d++) {
    if (!holidays.has(dateKey(firstSlot + d * SLOTS_PER_DAY))) continue;
    const other = d >= 7 ? d - 7 : d + 7;
    if (other * SLOTS_PER_DAY >= values.length) continue;
    out.set(values.subarray(other * SLOTS_PER_DAY, (other + 1) * SLOTS_PER_DAY), d * SLOTS_PER_DAY);
  }
  return out;
}

function applyHolidays(values: Float64Array, firstSlot: number, holidays: Map<string, number>): void {
  for (let i = 0; i < values.length; i++) {
    const factor = holidays.get(dateKey(firstSlot + i));
    if (factor !== undefined) values[i] = (values[i] ?? 0) * factor;
  }
}

/** Applies the adjustments in order to one channel's forecast; answers which intervals changed. */
export function applyAdjustments(values: Float64Array, firstSlot: number, channel: string, adjustments: VolumeAdjustment[]): Uint8Array {
  const touched = new Uint8Array(values.length);
  for (const adjustment of adjustments) {
    if (adjustment.channel !== null && adjustment.channel !== channel) continue;
    const from = Math.max(0, Math.ceil(adjustment.from.getTime() / SLOT_MS) - firstSlot);
    const to = Math.min(values.length, Math.ceil(adjustment.to.getTime() / SLOT_MS) - firstSlot);
    for (let i = from; i < to; i++) {
      const v = values[i] ?? 0;
      values[i] = Math.max(
        0,
        adjustment.kind === 'multiply' ? v * adjustment.value : adjustment.kind === 'add' ? v + adjustment.value : adjustment.value,
      );
      touched[i] = 1;
    }
  }
  return touched;
}

function usableMethods(days: number): ForecastMethod[] {
  return forecastMethods.filter((m) => days >= minimumHistoryDays[m]);
}

/** Forecasts every channel; throws RangeError when the history is too short for the method asked. */
export function forecastVolumes(counts: ContactCount[], options: ForecastOptions): ChannelForecast[] {
  const firstSlot = dayIndexOf(options.historyFrom) * SLOTS_PER_DAY;
  const forecastSlot = dayIndexOf(options.forecastFrom) * SLOTS_PER_DAY;
  const length = forecastSlot - firstSlot;
  const horizon = options.horizonDays * SLOTS_PER_DAY;
  const holdout = options.holdoutDays * SLOTS_PER_DAY;
  const holidays = new Map(options.holidays.map((h) => [h.date, h.factor]));
  const days = length / SLOTS_PER_DAY;
  const fitDays = days - options.holdoutDays;
  if (options.method !== 'auto' && days < minimumHistoryDays[options.method]) {
    throw new RangeError(`${options.method} needs at least ${minimumHistoryDays[options.method]} days of history (have ${days})`);
  }
  if (days < minimumHistoryDays.seasonal_profile) throw new RangeError(`a forecast needs at least 7 days of history (have ${days})`);

  const series = seriesByChannel(counts, options.channels, firstSlot, length);
  return options.channels.map((channel) => {
    const actual = series.get(channel) ?? new Float64Array(length);
    const clean = withoutHolidays(actual, firstSlot, holidays);

    // Hold-out: fit on the head, forecast the tail, compare with the actual tail.
    const accuracy: Partial<Record<ForecastMethod, Accuracy>> = {};
    if (holdout > 0) {
      const candidates = options.method === 'auto' ? usableMethods(fitDays) : usableMethods(fitDays).filter((m) => m === options.method);
      const head = clean.subarray(0, length - holdout);
      const tail = actual.subarray(length - holdout);
      for (const method of candidates) {
        const predicted = forecastSeries(method, head, firstSlot, holdout);
        applyHolidays(predicted, firstSlot + length - holdout, holidays);
        accuracy[method] = accuracyOf(predicted, tail);
      }
    }
    const method = options.method === 'auto' ? bestMethod(accuracy, days) : options.method;

    const baseline = forecastSeries(method, clean, firstSlot, horizon);
    applyHolidays(baseline, forecastSlot, holidays);
    const volume = Float64Array.from(baseline);
    const touched = applyAdjustments(volume, forecastSlot, channel, options.adjustments);

    const shown = Math.min(length, options.showHistoryDays * SLOTS_PER_DAY);
    return {
      channel,
      method,
      accuracy,
      history: Array.from(actual.subarray(length - shown), (v, i) => ({
        start: new Date((firstSlot + length - shown + i) * SLOT_MS),
        volume: v,
      })),
      intervals: Array.from(volume, (v, i) => ({
        start: new Date((forecastSlot + i) * SLOT_MS),
        baseline: baseline[i] ?? 0,
        volume: v,
        adjusted: touched[i] === 1,
      })),
      history_total: actual.reduce((a, b) => a + b, 0),
      forecast_total: volume.reduce((a, b) => a + b, 0),
    };
  });
}

/** The method with the lowest hold-out RMSE (see Accuracy.rmse); seasonal_profile when nothing could be measured. */
function bestMethod(accuracy: Partial<Record<ForecastMethod, Accuracy>>, days: number): ForecastMethod {
  let best: ForecastMethod | undefined;
  let bestError = Number.POSITIVE_INFINITY;
  for (const method of forecastMethods) {
    const rmse = accuracy[method]?.rmse;
    if (rmse !== undefined && rmse !== null && rmse < bestError && days >= minimumHistoryDays[method]) {
      bestError = rmse;
      best = method;
    }
  }
  return best ?? 'seasonal_profile';
}

export { SLOT_MS, SLOTS_PER_DAY, SLOTS_PER_WEEK };

/** Pseudo-contacts that keep a quiet morning from swinging the re-forecast (see `reforecastToday`). */
const INTRADAY_PRIOR = 10;

export interface IntradayView {
  /** Contacts so far today in completed half hours, and what the forecast expected of them. */
  actual_so_far: number;
  forecast_so_far: number;
  /** (actual + 10) / (forecast + 10): the scale applied to the rest of the day. */
  factor: number;
  intervals: { start: Date; actual: number | null; forecast: number; reforecast: number }[];
}

/**
 * Today's re-forecast from the day's actuals: the half hours already over keep what came; the rest of
 * the day is the forecast scaled by how the day runs so far, (actual + 10) / (forecast + 10), so a
 * handful of early contacts moves it little and a busy morning moves it a lot.
 */
export function reforecastToday(forecast: ChannelForecast, today: ContactCount[], now: Date): IntradayView {
  const dayStart = Math.floor(now.getTime() / 86_400_000) * 86_400_000;
  const nowSlot = Math.floor(now.getTime() / SLOT_MS);
  const actual = new Map<number, number>();
  for (const c of today) if (c.channel === forecast.channel) actual.set(c.slot, (actual.get(c.slot) ?? 0) + c.count);
  const todays = forecast.intervals.filter((i) => i.start.getTime() >= dayStart && i.start.getTime() < dayStart + 86_400_000);
  let actualSoFar = 0;
  let forecastSoFar = 0;
  for (const i of todays) {
    const slot = i.start.getTime() / SLOT_MS;
    if (slot >= nowSlot) continue;
    actualSoFar += actual.get(slot) ?? 0;
    forecastSoFar += i.volume;
  }
  const factor = (actualSoFar + INTRADAY_PRIOR) / (forecastSoFar + INTRADAY_PRIOR);
  return {
    actual_so_far: actualSoFar,
    forecast_so_far: forecastSoFar,
    factor,
    intervals: todays.map((i) => {
      const slot = i.start.getTime() / SLOT_MS;
      const over = slot < nowSlot;
      return {
        start: i.start,
        actual: over ? (actual.get(slot) ?? 0) : null,
        forecast: i.volume,
        reforecast: over ? (actual.get(slot) ?? 0) : i.volume * factor,
      };
    }),
  };
}
