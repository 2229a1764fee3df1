import { describe, expect, it } from 'vitest';
import { type ContactCount, type ForecastOptions, forecastVolumes, reforecastToday } from './forecast.ts';
import { accuracyOf, forecastSeries, SLOTS_PER_DAY, SLOTS_PER_WEEK, weekSlotOf } from './forecast-models.ts';

// 2026-09-06 is a Sunday; histories start there so weeks line up with the calendar.
const START = Date.UTC(2026, 8, 6);
const startSlot = START / (30 * 60 * 1000);
const dayWeights = [0.3, 1.15, 1.05, 1.0, 1.0, 0.9, 0.35];

/** Expected contacts in a half hour: a two-peak day, weekday weights and a gentle upward trend. */
function expected(slot: number, base = 4): number {
  const i = slot - startSlot;
  const hour = (slot % SLOTS_PER_DAY) / 2;
  const day = Math.floor(weekSlotOf(slot) / SLOTS_PER_DAY);
  const curve = 0.15 + Math.exp(-((hour - 10.5) ** 2) / 6) + 0.9 * Math.exp(-((hour - 14.5) ** 2) / 5);
  return base * curve * (dayWeights[day] ?? 1) * (1 + (0.2 * i) / (90 * SLOTS_PER_DAY));
}

/** A small seeded generator (mulberry32) and Poisson draws by inversion. */
function poissonStream(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (mean: number) => {
    let k = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = uniform();
    while (u > s && k < 1000) {
      k++;
      p *= mean / k;
      s += p;
    }
    return k;
  };
}

function history(days: number, draw: (mean: number) => number, base = 4): ContactCount[] {
  const counts: ContactCount[] = [];
  for (let i = 0; i < days * SLOTS_PER_DAY; i++) {
    const count = draw(expected(startSlot + i, base));
    if (count > 0) counts.push({ channel: 'voice', slot: startSlot + i, count });
  }
  return counts;
}

const options = (over: Partial<ForecastOptions> = {}): ForecastOptions => ({
  historyFrom: new Date(START),
  forecastFrom: new Date(START + 84 * 86_400_000),
  horizonDays: 7,
  holdoutDays: 14,
  method: 'auto',
  channels: ['voice'],
  holidays: [],
  adjustments: [],
  showHistoryDays: 7,
  ...over,
});

describe('forecast accuracy measures', () => {
  it('computes MAPE over intervals with contacts, WAPE, daily WAPE and bias', () => {
    const a = accuracyOf([2, 0, 3, 5], [1, 0, 4, 5]);
    expect(a.mape).toBeCloseTo((1 + 0.25 + 0) / 3, 12);
    expect(a.wape).toBeCloseTo(2 / 10, 12);
    expect(a.daily_wape).toBeCloseTo(0, 12);
    expect(a.bias).toBeCloseTo(0, 12);
    expect(a.rmse).toBeCloseTo(Math.sqrt(2 / 4), 12);
    expect(accuracyOf([1, 1], [0, 0])).toEqual({ mape: null, wape: null, daily_wape: null, bias: null, rmse: 1 });
  });
});

describe('forecast models', () => {
  const exact = Float64Array.from({ length: 84 * SLOTS_PER_DAY }, (_, i) => expected(startSlot + i));
  const future = Float64Array.from({ length: SLOTS_PER_WEEK }, (_, i) => expected(startSlot + exact.length + i));

  it('seasonal profiles reproduce a noiseless weekly curve with a trend', () => {
    const predicted = forecastSeries('seasonal_profile', exact, startSlot, SLOTS_PER_WEEK);
    expect(accuracyOf(predicted, future).wape).toBeLessThan(0.01);
  });

  it('double-seasonal Holt-Winters follows the same curve', () => {
    const predicted = forecastSeries('holt_winters', exact, startSlot, SLOTS_PER_WEEK);
    expect(accuracyOf(predicted, future).wape).toBeLessThan(0.04);
  });

  it('both beat the four-week seasonal naive forecast on noisy counts', () => {
    const draw = poissonStream(7);
    const noisy = Float64Array.from({ length: 84 * SLOTS_PER_DAY }, (_, i) => draw(expected(startSlot + i, 20)));
    const truth = Float64Array.from({ length: SLOTS_PER_WEEK }, (_, i) => expected(startSlot + noisy.length + i, 20));
    const naive = accuracyOf(forecastSeries('seasonal_naive', noisy, startSlot, SLOTS_PER_WEEK), truth).wape ?? 1;
    for (const method of ['seasonal_profile', 'holt_winters'] as const) {
      expect(accuracyOf(forecastSeries(method, noisy, startSlot, SLOTS_PER_WEEK), truth).wape).toBeLessThan(naive);
    }
  });

  it('refuses a history shorter than the method needs', () => {
    expect(() => forecastSeries('holt_winters', exact.subarray(0, 10 * SLOTS_PER_DAY), startSlot, 48)).toThrow(/14 days/);
    expect(() => forecastSeries('seasonal_profile', exact.subarray(0, 100), startSlot, 48)).toThrow(/whole days/);
  });
});

describe('forecastVolumes', () => {
  const counts = history(84, poissonStream(11), 8);

  it('reports hold-out accuracy for every method and forecasts with the best one', () => {
    const [voice] = forecastVolumes(counts, options());
    expect(voice?.intervals).toHaveLength(7 * SLOTS_PER_DAY);
    expect(Object.keys(voice?.accuracy ?? {}).sort()).toEqual(['holt_winters', 'seasonal_naive', 'seasonal_profile']);
    const errors = Object.values(voice?.accuracy ?? {}).map((a) => a.rmse ?? 1);
    expect(voice?.accuracy[voice.method]?.rmse).toBe(Math.min(...errors));
    expect(voice?.accuracy[voice.method]?.wape).toBeLessThan(0.45);
    // Expected weekly volume in the forecast week, within 10%.
    let truth = 0;
    for (let i = 0; i < SLOTS_PER_WEEK; i++) truth += expected(startSlot + 84 * SLOTS_PER_DAY + i, 8);
    expect(Math.abs((voice?.forecast_total ?? 0) / truth - 1)).toBeLessThan(0.1);
    expect(voice?.history).toHaveLength(7 * SLOTS_PER_DAY);
  });

  it('uses the method asked for', () => {
    const [voice] = forecastVolumes(counts, options({ method: 'holt_winters' }));
    expect(voice?.method).toBe('holt_winters');
    expect(Object.keys(voice?.accuracy ?? {})).toEqual(['holt_winters']);
  });

  it('scales a holiday by its factor and learns from history without past holidays', () => {
    const firstForecastDay = new Date(START + 85 * 86_400_000).toISOString().slice(0, 10);
    const [plain] = forecastVolumes(counts, options());
    const [holiday] = forecastVolumes(counts, options({ holidays: [{ date: firstForecastDay, factor: 0.25 }] }));
    const day1 = (f: typeof plain) => (f?.intervals ?? []).slice(48, 96).reduce((s, i) => s + i.volume, 0);
    expect(day1(holiday)).toBeCloseTo(day1(plain) * 0.25, 6);
  });

  it('applies manual adjustments in order and marks the intervals they touch', () => {
    const from = new Date(START + 84 * 86_400_000 + 10 * 3_600_000);
    const to = new Date(from.getTime() + 3_600_000);
    const [plain] = forecastVolumes(counts, options());
    const [adjusted] = forecastVolumes(
      counts,
      options({
        adjustments: [
          { channel: 'voice', from, to, kind: 'multiply', value: 2, note: 'campaign' },
          { channel: null, from: to, to: new Date(to.getTime() + 1_800_000), kind: 'set', value: 40, note: null },
          { channel: 'chat', from, to, kind: 'add', value: 100, note: 'other channel' },
        ],
      }),
    );
    const at = 20; // 10:00 on the first forecast day
    expect(adjusted?.intervals[at]?.volume).toBeCloseTo((plain?.intervals[at]?.volume ?? 0) * 2, 9);
    expect(adjusted?.intervals[at]?.baseline).toBe(plain?.intervals[at]?.volume);
    expect(adjusted?.intervals[at + 2]?.volume).toBe(40);
    expect(adjusted?.intervals.filter((i) => i.adjusted)).toHaveLength(3);
  });

  it('needs a week of history', () => {
    expect(() => forecastVolumes(counts, options({ forecastFrom: new Date(START + 5 * 86_400_000), holdoutDays: 0 }))).toThrow(/7 days/);
  });
});

describe('intraday re-forecast', () => {
  const counts = history(84, poissonStream(5), 8);
  const [voice] = forecastVolumes(counts, options({ holdoutDays: 0 }));
  const dayStart = START + 84 * 86_400_000;
  const now = new Date(dayStart + 12 * 3_600_000 + 10 * 60_000); // 12:10: 24 half hours are over
  const expectedSoFar = (voice?.intervals ?? []).slice(0, 24).reduce((s, i) => s + i.volume, 0);

  it('keeps what came, and scales the rest of the day by how the day runs', () => {
    // Twice the forecast so far: each completed half hour got twice its forecast, rounded.
    const today: ContactCount[] = (voice?.intervals ?? [])
      .slice(0, 24)
      .map((i, k) => ({ channel: 'voice', slot: startSlot + 84 * 48 + k, count: 2 * i.volume }));
    const view = reforecastToday(voice as NonNullable<typeof voice>, today, now);
    expect(view.actual_so_far).toBeCloseTo(2 * expectedSoFar, 9);
    expect(view.factor).toBeCloseTo((2 * expectedSoFar + 10) / (expectedSoFar + 10), 12);
    expect(view.intervals).toHaveLength(48);
    expect(view.intervals[23]?.actual).toBeCloseTo(2 * (voice?.intervals[23]?.volume ?? 0), 9);
    expect(view.intervals[24]?.actual).toBeNull();
    expect(view.intervals[30]?.reforecast).toBeCloseTo((voice?.intervals[30]?.volume ?? 0) * view.factor, 9);
  });

  it('barely moves on a quiet start', () => {
    const view = reforecastToday(voice as NonNullable<typeof voice>, [], new Date(dayStart + 60 * 60_000));
    expect(view.forecast_so_far).toBeLessThan(2);
    expect(view.factor).toBeGreaterThan(0.8);
  });
});
