/**
 * The seeds' case, worked through: 2,400 calls a day, 6-minute AHT, 80/20, 30% shrinkage, over an
 * intraday curve of half-hour intervals from 08:00 to 20:00. README.md in this folder shows the
 * output of `renderWorkedExample()`; a test keeps the two identical. Regenerate with
 * `node --import tsx src/modules/wfm/worked-example.ts`.
 */
import { pathToFileURL } from 'node:url';
import { staffingFor, staffingForIntervals } from './staffing.ts';

/** Share of the day's calls per half hour, 08:00–19:30: a morning peak and an early-afternoon one. */
const curveWeights = [
  0.55, 0.75, 1.0, 1.2, 1.35, 1.45, 1.4, 1.25, 1.05, 0.95, 1.05, 1.2, 1.3, 1.25, 1.1, 1.0, 0.95, 0.85, 0.75, 0.65, 0.55, 0.45, 0.35, 0.25,
];

export const seedsCase = { callsPerDay: 2400, ahtSeconds: 360, targetServiceLevel: 0.8, targetSeconds: 20, shrinkage: 0.3, opensAtHour: 8 };

/** Calls per interval: the weights scaled to the day's volume, rounded by largest remainder so they sum exactly. */
export function dayCurve(callsPerDay = seedsCase.callsPerDay): number[] {
  const total = curveWeights.reduce((sum, w) => sum + w, 0);
  const exact = curveWeights.map((w) => (w / total) * callsPerDay);
  const volumes = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest);
  const missing = callsPerDay - volumes.reduce((sum, v) => sum + v, 0);
  for (let k = 0; k < missing; k++) {
    const index = order[k]?.i ?? 0;
    volumes[index] = (volumes[index] ?? 0) + 1;
  }
  return volumes;
}

const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const fixed = (x: number, digits: number): string => x.toFixed(digits);

export function renderWorkedExample(): string {
  const { ahtSeconds, targetServiceLevel, targetSeconds, shrinkage } = seedsCase;
  const volumes = dayCurve();
  const requests = volumes.map((volume) => ({
    volume,
    interval_minutes: 30,
    aht_seconds: ahtSeconds,
    target_service_level: targetServiceLevel,
    target_seconds: targetSeconds,
    shrinkage,
  }));
  const { data, summary } = staffingForIntervals(requests, 8);
  const lines = [
    '| interval | calls | traffic (Erlangs) | agents | service level | ASA (s) | occupancy | FTE (agents / 0.7) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  data.forEach((result, i) => {
    const start = seedsCase.opensAtHour * 60 + 30 * i;
    lines.push(
      `| ${clock(start)}–${clock(start + 30)} | ${volumes[i]} | ${fixed(result.traffic_erlangs, 1)} | ${result.agents} | ${fixed(result.service_level * 100, 1)}% | ${fixed(result.asa_seconds, 1)} | ${fixed(result.occupancy * 100, 1)}% | ${fixed(result.fte, 2)} |`,
    );
  });
  const flat = staffingFor({ volume: seedsCase.callsPerDay / 16, interval_minutes: 30, aht_seconds: ahtSeconds, shrinkage });
  const workload = (seedsCase.callsPerDay * ahtSeconds) / 3600;
  const perWeek5 = summary.paid_hours / 8;
  const perWeek7 = (summary.paid_hours * 7) / 40;
  const peak = Math.max(...data.map((r) => r.fte));
  lines.push(
    `| **08:00–20:00** | **${volumes.reduce((s, v) => s + v, 0)}** | | **Σ ${summary.agent_hours * 2}** | | | | **Σ ${fixed(summary.paid_hours * 2, 2)}** |`,
    '',
    `- Workload: 2,400 calls × 6 min = ${fixed(workload, 0)} Erlang-hours a day.`,
    `- Agents on the phones: Σ agents × 0.5 h = **${fixed(summary.agent_hours, 1)} agent-hours** a day (average occupancy ${fixed((workload / summary.agent_hours) * 100, 1)}%).`,
    `- Paid hours after 30% shrinkage: ${fixed(summary.agent_hours, 1)} / 0.7 = **${fixed(summary.paid_hours, 1)} hours** a day.`,
    `- As 8-hour shifts: ${fixed(summary.paid_hours, 1)} / 8 = **${fixed(perWeek5, 1)} shifts a day** — the FTE of a centre open five days a week, every FTE working every opening day.`,
    `  Open seven days, with 40-hour FTE weeks: ${fixed(summary.paid_hours, 1)} × 7 / 40 = **${fixed(perWeek7, 1)} FTE**.`,
    `- The peak half hour alone needs ${summary.peak_agents} agents, ${fixed(peak, 2)} FTE after shrinkage (${summary.peak_scheduled_agents} on the schedule).`,
    `- The seeds' shortcut — the 2,400 calls spread evenly over one 8-hour day (150 calls a half hour, ${fixed(flat.traffic_erlangs, 0)} Erlangs) — needs ${flat.agents} agents at ${fixed(flat.service_level * 100, 1)}% service level, **${fixed(flat.fte, 1)} FTE** at 30% shrinkage.`,
  );
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(renderWorkedExample());
