import { TZDate } from '@date-fns/tz';

/** Reporting periods in the viewer's time zone: local days, ISO weeks (Monday) and months, across DST. */
export const intervals = ['hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof intervals)[number];

export interface Bucket {
  start: Date;
  end: Date;
}

/** True when the string names an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The instant at which the local wall-clock time occurs in the zone (a time skipped by DST moves forward). */
export function localToInstant(zone: string, year: number, month: number, day: number, hour = 0): Date {
  return new Date(new TZDate(year, month, day, hour, 0, 0, zone).getTime());
}

/** The start of the local period that contains the instant. */
export function periodStart(instant: Date, interval: Interval, zone: string): Date {
  const local = new TZDate(instant.getTime(), zone);
  const [y, m, d] = [local.getFullYear(), local.getMonth(), local.getDate()];
  switch (interval) {
    case 'hour':
      return localToInstant(zone, y, m, d, local.getHours());
    case 'day':
      return localToInstant(zone, y, m, d);
    case 'week':
      return localToInstant(zone, y, m, d - ((local.getDay() + 6) % 7));
    case 'month':
      return localToInstant(zone, y, m, 1);
  }
}

/** The start of the period after the one starting at `start`. */
export function nextPeriodStart(start: Date, interval: Interval, zone: string): Date {
  if (interval === 'hour') return new Date(start.getTime() + 3_600_000);
  const local = new TZDate(start.getTime(), zone);
  const [y, m, d] = [local.getFullYear(), local.getMonth(), local.getDate()];
  if (interval === 'day') return localToInstant(zone, y, m, d + 1);
  if (interval === 'week') return localToInstant(zone, y, m, d + 7);
  return localToInstant(zone, y, m + 1, 1);
}

/** The local periods covering [from, to), clipped to the range; at most `max` of them (else undefined). */
export function bucketsOf(from: Date, to: Date, interval: Interval, zone: string, max = 5000): Bucket[] | undefined {
  const buckets: Bucket[] = [];
  let start = periodStart(from, interval, zone);
  while (start < to) {
    const end = nextPeriodStart(start, interval, zone);
    buckets.push({ start: start < from ? from : start, end: end > to ? to : end });
    if (buckets.length > max) return undefined;
    start = end;
  }
  return buckets;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A period's local label: 2026-03-29 for days, weeks (their Monday) and months (their first day); 2026-03-29 14:00 for hours. */
export function periodLabel(start: Date, interval: Interval, zone: string): string {
  const local = new TZDate(start.getTime(), zone);
  const date = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  return interval === 'hour' ? `${date} ${pad(local.getHours())}:00` : date;
}

/**
 * A range bound from the query: an ISO instant with an offset is taken as is; a bare date is local
 * midnight in the zone — the start of that day for `from`, the end of it (next midnight) for `to`,
 * so `from=2026-03-01&to=2026-03-31` is the whole of March.
 */
export function parseBound(value: string, zone: string, edge: 'from' | 'to'): Date | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]) - 1, Number(date[3])];
    const check = new Date(Date.UTC(y, m, d));
    if (check.getUTCMonth() !== m || check.getUTCDate() !== d) return undefined;
    return localToInstant(zone, y, m, edge === 'from' ? d : d + 1);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
