/**
 * Business-hours arithmetic, pure (no database, no clock).
 *
 * A calendar is weekly opening hours in an IANA time zone, plus holidays (closed all day) and one-off
 * exceptions (their own hours for one date, or closed). Hours are local wall-clock times, so a
 * Monday 09:00–17:00 calendar in Europe/Berlin opens at 08:00Z in winter and 07:00Z in summer, and a
 * local 00:00–24:00 day lasts 23 or 25 hours on the days the clocks change.
 *
 * Local times that do not exist (the hour skipped in spring) move forward, as Temporal's
 * "compatible" disambiguation does; times that exist twice (the hour repeated in autumn) take the
 * earlier instant.
 */
import { tzOffset } from '@date-fns/tz';

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/** Local wall-clock times "HH:MM"; `end` may be "24:00" (midnight at the end of the day). */
export interface TimeRange {
  start: string;
  end: string;
}

export interface CalendarSpec {
  time_zone: string;
  weekly: Partial<Record<Weekday, TimeRange[]>>;
  /** Dates (YYYY-MM-DD, local) closed all day. */
  holidays: { date: string; name?: string | undefined }[];
  /** Dates with their own hours; empty hours = closed. An exception wins over a holiday on the same date. */
  exceptions: { date: string; name?: string | undefined; hours: TimeRange[] }[];
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A calendar that stays closed this long is a configuration error, not a deadline. */
const MAX_DAYS = 3_700;

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "HH:MM" → minutes after local midnight; "24:00" → 1440. */
export function parseTime(value: string): number {
  if (!timePattern.test(value)) throw new RangeError(`"${value}" is not a time (HH:MM, 00:00–24:00)`);
  const [h, m] = value.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** "YYYY-MM-DD" → days since 1970-01-01 (a local date, not an instant). */
export function parseDate(value: string): number {
  const match = datePattern.exec(value);
  if (!match) throw new RangeError(`"${value}" is not a date (YYYY-MM-DD)`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`"${value}" is not a calendar date`);
  }
  return ms / DAY_MS;
}

export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return Number.isFinite(tzOffset(zone, new Date(0)));
  } catch {
    return false;
  }
}

type Ranges = readonly (readonly [number, number])[];

function toRanges(list: readonly TimeRange[] | undefined, where: string): Ranges {
  const ranges = (list ?? []).map((r) => {
    const start = parseTime(r.start);
    const end = parseTime(r.end);
    if (end <= start) throw new RangeError(`${where}: ${r.start}–${r.end} ends before it starts`);
    return [start, end] as const;
  });
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if ((ranges[i] as readonly [number, number])[0] < (ranges[i - 1] as readonly [number, number])[1]) {
      throw new RangeError(`${where}: hours overlap`);
    }
  }
  return ranges;
}

/** A calendar compiled for arithmetic: each local day's open intervals as UTC instants, cached. */
export class BusinessCalendar {
  readonly timeZone: string;
  /** Open around the clock: arithmetic is plain addition. */
  readonly alwaysOpen: boolean;
  private readonly weekly: Ranges[];
  private readonly overrides = new Map<number, Ranges>();
  private readonly cache = new Map<number, number[]>();

  constructor(spec: CalendarSpec) {
    if (!isValidTimeZone(spec.time_zone)) throw new RangeError(`"${spec.time_zone}" is not an IANA time zone`);
    this.timeZone = spec.time_zone;
    this.weekly = weekdays.map((day) => toRanges(spec.weekly[day], day));
    for (const holiday of spec.holidays) this.overrides.set(parseDate(holiday.date), []);
    for (const exception of spec.exceptions) this.overrides.set(parseDate(exception.date), toRanges(exception.hours, exception.date));
    if (this.weekly.every((ranges) => ranges.length === 0)) throw new RangeError('the calendar has no weekly opening hours');
    this.alwaysOpen =
      this.overrides.size === 0 && this.weekly.every((ranges) => ranges.length === 1 && ranges[0]?.[0] === 0 && ranges[0]?.[1] === 1440);
  }

  /** The instant of a local wall-clock time (minutes after the local midnight of `day`). */
  localToInstant(day: number, minutes: number): number {
    const local = day * DAY_MS + minutes * MINUTE_MS;
    const before = tzOffset(this.timeZone, new Date(local - DAY_MS)) * MINUTE_MS;
    const after = tzOffset(this.timeZone, new Date(local + DAY_MS)) * MINUTE_MS;
    const a = local - before;
    const b = local - after;
    const aValid = tzOffset(this.timeZone, new Date(a)) * MINUTE_MS === before;
    const bValid = tzOffset(this.timeZone, new Date(b)) * MINUTE_MS === after;
    if (aValid && bValid) return Math.min(a, b); // repeated hour: the earlier instant
    if (aValid) return a;
    if (bValid) return b;
    return Math.max(a, b); // skipped hour: move forward
  }

  /** The open intervals of a local date as flat [start0, end0, start1, end1, …] epoch milliseconds. */
  dayIntervals(day: number): number[] {
    let intervals = this.cache.get(day);
    if (intervals) return intervals;
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    const ranges = this.overrides.get(day) ?? (this.weekly[weekday] as Ranges);
    intervals = [];
    for (const [start, end] of ranges) {
      const a = this.localToInstant(day, start);
      const b = this.localToInstant(day, end);
      if (b <= a) continue;
      const last = intervals.length - 1;
      if (last > 0 && (intervals[last] as number) >= a) intervals[last] = Math.max(intervals[last] as number, b);
      else intervals.push(a, b);
    }
    this.cache.set(day, intervals);
    return intervals;
  }
}

export type Instant = Date | number;
const ms = (t: Instant): number => (typeof t === 'number' ? t : t.getTime());

/**
 * The local day whose intervals may contain an instant comes no earlier than the UTC day before it
 * (offsets are within ±24 h), so walks start there and skip what ended before.
 */
const firstDay = (t: number): number => Math.floor(t / DAY_MS) - 1;

/**
 * The earliest instant at which `amount` ms of business time have passed since `start`. Adding 0
 * returns `start` itself, open or not; otherwise the result is always inside (or at the end of) an
 * open interval: one hour from Monday 16:30 in a 09:00–17:00 calendar is Tuesday 09:30.
 */
export function addBusinessTime(calendar: BusinessCalendar | null, start: Instant, amount: number): Date {
  return new Date(addBusinessMs(calendar, ms(start), amount));
}

/** addBusinessTime on epoch milliseconds (no allocation), for hot loops. */
export function addBusinessMs(calendar: BusinessCalendar | null, from: number, amount: number): number {
  if (amount < 0) throw new RangeError('addBusinessTime: negative amount');
  if (amount === 0 || calendar === null || calendar.alwaysOpen) return from + amount;
  let left = amount;
  const first = firstDay(from);
  for (let day = first; day < first + MAX_DAYS; day++) {
    const intervals = calendar.dayIntervals(day);
    for (let i = 0; i < intervals.length; i += 2) {
      const b = intervals[i + 1] as number;
      if (b <= from) continue;
      const a = Math.max(intervals[i] as number, from);
      if (left <= b - a) return a + left;
      left -= b - a;
    }
  }
  throw new RangeError(`the calendar has no open hours for ${MAX_DAYS} days after ${new Date(from).toISOString()}`);
}

/** Business time in ms between two instants; negative when `to` is before `from`. */
export function businessTimeBetween(calendar: BusinessCalendar | null, from: Instant, to: Instant): number {
  const a = ms(from);
  const b = ms(to);
  if (b < a) return -businessTimeBetween(calendar, b, a);
  if (calendar === null || calendar.alwaysOpen) return b - a;
  let total = 0;
  // A local day starts at the earliest 14 h before its UTC midnight; past `b`, nothing more can overlap.
  for (let day = firstDay(a); day * DAY_MS - 14 * 3_600_000 <= b; day++) {
    const intervals = calendar.dayIntervals(day);
    for (let i = 0; i < intervals.length; i += 2) {
      const start = Math.max(intervals[i] as number, a);
      const end = Math.min(intervals[i + 1] as number, b);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/** Whether the calendar is open at an instant (a closing instant itself is closed). */
export function isOpenAt(calendar: BusinessCalendar | null, at: Instant): boolean {
  if (calendar === null || calendar.alwaysOpen) return true;
  const t = ms(at);
  for (let day = firstDay(t); day <= firstDay(t) + 2; day++) {
    const intervals = calendar.dayIntervals(day);
    for (let i = 0; i < intervals.length; i += 2) if ((intervals[i] as number) <= t && t < (intervals[i + 1] as number)) return true;
  }
  return false;
}

/** Open intervals overlapping [from, to), clipped to it; for display and tests. */
export function openIntervals(calendar: BusinessCalendar, from: Instant, to: Instant): [Date, Date][] {
  const a = ms(from);
  const b = ms(to);
  const out: [Date, Date][] = [];
  for (let day = firstDay(a); day * DAY_MS - 14 * 3_600_000 <= b; day++) {
    const intervals = calendar.dayIntervals(day);
    for (let i = 0; i < intervals.length; i += 2) {
      const start = Math.max(intervals[i] as number, a);
      const end = Math.min(intervals[i + 1] as number, b);
      if (end > start) out.push([new Date(start), new Date(end)]);
    }
  }
  return out;
}

/** A 24/7 calendar in UTC. */
export const alwaysOpenSpec: CalendarSpec = {
  time_zone: 'UTC',
  weekly: Object.fromEntries(weekdays.map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
  holidays: [],
  exceptions: [],
};
