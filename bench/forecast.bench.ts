/**
 * Forecast accuracy on the demo history: the demo generator's 90 days of tickets (creation time and
 * channel), the last 14 days held out; each method fitted on the first 76 days forecasts the 14
 * held-out days per channel and half hour, and MAPE (intervals with contacts) and WAPE are reported,
 * per half hour and per day. Run on the default demo (400 tickets, a few a day: half-hour counts are
 * mostly 0 or 1, so interval errors are large by nature — forecasting 0 everywhere would score a
 * WAPE of 100 %, which is why `auto` chooses by RMSE) and on a busy centre generated the same way
 * (BENCH_FORECAST_TICKETS, default 30,000). No database. The last line printed is one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { planDemo } from '../src/demo/plan.ts';
import { type ContactCount, forecastVolumes } from '../src/modules/wfm/forecast.ts';
import { envNumber } from './support/cleanup.ts';
import { printTable } from './support/report.ts';

export const description = 'Forecast accuracy (MAPE/WAPE) on a 14-day hold-out of the 90-day demo history, per channel and method';

const NOW = new Date('2026-12-04T12:00:00Z');
const DAY = 86_400_000;
const methods = ['seasonal_profile', 'holt_winters', 'seasonal_naive'] as const;

function history(tickets: number): ContactCount[] {
  const plan = planDemo({ seed: 42, tickets, now: NOW });
  const counts = new Map<string, ContactCount>();
  for (const story of plan.stories) {
    for (const step of story.steps) {
      if (step.kind !== 'create') continue;
      const slot = Math.floor(step.at / 1_800_000);
      const key = `${step.channel}|${slot}`;
      const entry = counts.get(key) ?? { channel: step.channel, slot, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()];
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)} %`);

function evaluate(label: string, tickets: number) {
  const began = performance.now();
  const counts = history(tickets);
  const forecastFrom = new Date(Math.floor(NOW.getTime() / DAY) * DAY);
  const channels = [...new Set(counts.map((c) => c.channel))].sort();
  const fitted = forecastVolumes(counts, {
    historyFrom: new Date(forecastFrom.getTime() - 89 * DAY),
    forecastFrom,
    horizonDays: 14,
    holdoutDays: 14,
    method: 'auto',
    channels,
    holidays: [],
    adjustments: [],
    showHistoryDays: 0,
  });
  const seconds = (performance.now() - began) / 1000;
  console.log(`\n${label}: ${tickets} tickets over 89 whole days, ${channels.length} channels (${seconds.toFixed(2)} s with generation)`);
  const rows = fitted.flatMap((c) =>
    methods.map((m) => ({
      figure: `${c.channel.padEnd(9)} ${m}${c.method === m ? ' *' : ''}`,
      value: `MAPE ${pct(c.accuracy[m]?.mape)}  WAPE ${pct(c.accuracy[m]?.wape)}  daily WAPE ${pct(c.accuracy[m]?.daily_wape)}  RMSE ${(c.accuracy[m]?.rmse ?? 0).toFixed(3)}`,
    })),
  );
  printTable(`${label}: hold-out accuracy (* = chosen by auto: lowest RMSE)`, rows);
  // All channels together, with each channel's chosen method: the figure a planner sees.
  let absolute = 0;
  let total = 0;
  for (const c of fitted) {
    const a = c.accuracy[c.method];
    if (a?.wape !== null && a?.wape !== undefined) {
      const volume = c.history_total * (14 / 89); // approximate hold-out volume, for weighting only
      absolute += a.wape * volume;
      total += volume;
    }
  }
  return {
    tickets,
    channels: Object.fromEntries(
      fitted.map((c) => [
        c.channel,
        {
          method: c.method,
          mape: c.accuracy[c.method]?.mape ?? null,
          wape: c.accuracy[c.method]?.wape ?? null,
          daily_wape: c.accuracy[c.method]?.daily_wape ?? null,
          history: c.history_total,
        },
      ]),
    ),
    weighted_wape: total > 0 ? absolute / total : null,
  };
}

export async function run(): Promise<void> {
  const demo = evaluate('default demo', 400);
  const busy = evaluate('busy centre', envNumber('BENCH_FORECAST_TICKETS', 30_000));
  console.log(`\nweighted interval WAPE with the chosen methods: demo ${pct(demo.weighted_wape)}, busy ${pct(busy.weighted_wape)}`);
  const round = (x: number | null) => (x === null ? null : Number(x.toFixed(4)));
  console.log(
    JSON.stringify({
      bench: 'forecast',
      holdout_days: 14,
      demo: { tickets: demo.tickets, weighted_wape: round(demo.weighted_wape), channels: demo.channels },
      busy: { tickets: busy.tickets, weighted_wape: round(busy.weighted_wape), channels: busy.channels },
    }),
  );
}
