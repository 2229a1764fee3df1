import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  alwaysOpenSpec,
  BusinessCalendar,
  businessTimeBetween,
  type CalendarSpec,
  isOpenAt,
  openIntervals,
  parseDate,
  type TimeRange,
  weekdays,
} from './business-hours.ts';

const H = 3_600_000;
const M = 60_000;
const nineToFive: TimeRange[] = [{ start: '09:00', end: '17:00' }];
const weekdaysOnly = (time_zone: string, hours = nineToFive, extra: Partial<CalendarSpec> = {}): BusinessCalendar =>
  new BusinessCalendar({
    time_zone,
    weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
    holidays: [],
    exceptions: [],
    ...extra,
  });
/** Open around the clock in local time; the far-future exception keeps it off the plain-arithmetic shortcut, so the interval walk is what is tested. */
const allDay = (time_zone: string) =>
  new BusinessCalendar({
    time_zone,
    weekly: Object.fromEntries(weekdays.map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
    holidays: [],
    exceptions: [{ date: '2099-01-01', hours: [{ start: '00:00', end: '24:00' }] }],
  });
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('business hours in UTC', () => {
  const calendar = weekdaysOnly('UTC');

  it('adds within a day, across the night and across the weekend', () => {
    expect(iso(addBusinessTime(calendar, at('2026-03-02T10:00:00Z'), 2 * H))).toBe('2026-03-02T12:00:00.000Z');
    expect(iso(addBusinessTime(calendar, at('2026-03-02T16:30:00Z'), H))).toBe('2026-03-03T09:30:00.000Z');
    expect(iso(addBusinessTime(calendar, at('2026-03-06T16:00:00Z'), 2 * H))).toBe('2026-03-09T10:00:00.000Z');
    // Started on a Saturday: the clock begins on Monday morning.
    expect(iso(addBusinessTime(calendar, at('2026-03-07T11:00:00Z'), 30 * M))).toBe('2026-03-09T09:30:00.000Z');
    // Five business days of eight hours.
    expect(iso(addBusinessTime(calendar, at('2026-03-02T09:00:00Z'), 40 * H))).toBe('2026-03-06T17:00:00.000Z');
  });

  it('reaches a target at the earliest instant: the closing time, not the next opening', () => {
    expect(iso(addBusinessTime(calendar, at('2026-03-02T16:00:00Z'), H))).toBe('2026-03-02T17:00:00.000Z');
    expect(iso(addBusinessTime(calendar, at('2026-03-07T11:00:00Z'), 0))).toBe('2026-03-07T11:00:00.000Z');
  });

  it('counts only open hours between two instants', () => {
    expect(businessTimeBetween(calendar, at('2026-03-06T16:00:00Z'), at('2026-03-09T10:00:00Z'))).toBe(2 * H);
    expect(businessTimeBetween(calendar, at('2026-03-07T00:00:00Z'), at('2026-03-08T23:59:00Z'))).toBe(0);
    expect(businessTimeBetween(calendar, at('2026-03-09T10:00:00Z'), at('2026-03-06T16:00:00Z'))).toBe(-2 * H);
    expect(businessTimeBetween(calendar, at('2026-03-02T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(20 * 8 * H);
  });

  it('knows when it is open', () => {
    expect(isOpenAt(calendar, at('2026-03-02T09:00:00Z'))).toBe(true);
    expect(isOpenAt(calendar, at('2026-03-02T17:00:00Z'))).toBe(false);
    expect(isOpenAt(calendar, at('2026-03-07T12:00:00Z'))).toBe(false);
  });

  it('is plain arithmetic when open around the clock', () => {
    const always = new BusinessCalendar(alwaysOpenSpec);
    expect(always.alwaysOpen).toBe(true);
    expect(iso(addBusinessTime(always, at('2026-03-07T11:00:00Z'), 49 * H))).toBe('2026-03-09T12:00:00.000Z');
    expect(iso(addBusinessTime(null, at('2026-03-07T11:00:00Z'), 49 * H))).toBe('2026-03-09T12:00:00.000Z');
  });
});

describe('holidays and exceptions', () => {
  const calendar = weekdaysOnly('Europe/Berlin', nineToFive, {
    holidays: [
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-24', name: 'Christmas Eve' },
      { date: '2026-05-01', name: 'Labour Day' },
    ],
    exceptions: [
      { date: '2026-12-24', name: 'Christmas Eve: mornings only', hours: [{ start: '09:00', end: '12:00' }] },
      { date: '2026-12-31', name: 'New Year’s Eve: closed', hours: [] },
      { date: '2026-12-19', name: 'Saturday stock-take', hours: [{ start: '10:00', end: '14:00' }] },
    ],
  });

  it('skips holidays', () => {
    // Thursday 30 April 16:00 CEST + 2 h: Friday 1 May is a holiday, so Monday 4 May 10:00 CEST.
    expect(iso(addBusinessTime(calendar, at('2026-04-30T14:00:00Z'), 2 * H))).toBe('2026-05-04T08:00:00.000Z');
  });

  it('uses an exception’s own hours, and an exception wins over a holiday on the same date', () => {
    // Wednesday 23 Dec 16:00 CET + 3 h: 1 h on the 23rd, 2 h of the 24th's 09:00–12:00 → 24 Dec 11:00 CET.
    expect(iso(addBusinessTime(calendar, at('2026-12-23T15:00:00Z'), 3 * H))).toBe('2026-12-24T10:00:00.000Z');
    // + 5 h: 1 h, 3 h on the 24th, 25th holiday, weekend → Monday 28th 10:00 CET.
    expect(iso(addBusinessTime(calendar, at('2026-12-23T15:00:00Z'), 5 * H))).toBe('2026-12-28T09:00:00.000Z');
  });

  it('closes on a closed exception and opens on an open one', () => {
    expect(businessTimeBetween(calendar, at('2026-12-31T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(0);
    expect(businessTimeBetween(calendar, at('2026-12-19T00:00:00Z'), at('2026-12-20T00:00:00Z'))).toBe(4 * H);
    expect(openIntervals(calendar, at('2026-12-19T00:00:00Z'), at('2026-12-20T00:00:00Z')).map(([a, b]) => [iso(a), iso(b)])).toEqual([
      ['2026-12-19T09:00:00.000Z', '2026-12-19T13:00:00.000Z'],
    ]);
  });
});

describe('daylight-saving changes', () => {
  it('keeps Berlin office hours at 09:00 local on both sides of the spring change', () => {
    const berlin = weekdaysOnly('Europe/Berlin');
    // Friday 27 March 2026 16:00 CET (15:00Z) + 2 h → Monday 30 March 10:00 CEST (08:00Z); clocks went forward on the 29th.
    expect(iso(addBusinessTime(berlin, at('2026-03-27T15:00:00Z'), 2 * H))).toBe('2026-03-30T08:00:00.000Z');
    expect(businessTimeBetween(berlin, at('2026-03-27T15:00:00Z'), at('2026-03-30T08:00:00Z'))).toBe(2 * H);
    // The same in autumn: Friday 23 Oct 16:00 CEST (14:00Z) + 2 h → Monday 26 Oct 10:00 CET (09:00Z).
    expect(iso(addBusinessTime(berlin, at('2026-10-23T14:00:00Z'), 2 * H))).toBe('2026-10-26T09:00:00.000Z');
  });

  it('keeps New York office hours local across its own change dates (which differ from Europe’s)', () => {
    const newYork = weekdaysOnly('America/New_York');
    // Friday 6 March 2026 16:00 EST (21:00Z) + 2 h → Monday 9 March 10:00 EDT (14:00Z).
    expect(iso(addBusinessTime(newYork, at('2026-03-06T21:00:00Z'), 2 * H))).toBe('2026-03-09T14:00:00.000Z');
    // Friday 30 Oct 16:00 EDT (20:00Z) + 2 h → Monday 2 Nov 10:00 EST (15:00Z).
    expect(iso(addBusinessTime(newYork, at('2026-10-30T20:00:00Z'), 2 * H))).toBe('2026-11-02T15:00:00.000Z');
    // Between 9 and 27 March New York is already on summer time and Berlin not yet: 09:00 EDT = 13:00Z.
    expect(isOpenAt(newYork, at('2026-03-10T13:00:00Z'))).toBe(true);
    expect(isOpenAt(newYork, at('2026-03-10T13:59:59Z'))).toBe(true);
    expect(isOpenAt(newYork, at('2026-03-10T12:59:59Z'))).toBe(false);
  });

  it('gives a local day 23 hours in spring and 25 in autumn', () => {
    const berlin = allDay('Europe/Berlin');
    expect(berlin.alwaysOpen).toBe(false);
    expect(businessTimeBetween(berlin, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * H);
    const newYork = allDay('America/New_York');
    expect(businessTimeBetween(newYork, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(25 * H);
  });

  it('counts a night shift across the skipped hour as the hours that really passed', () => {
    const night = new BusinessCalendar({
      time_zone: 'Europe/Berlin',
      weekly: { sun: [{ start: '00:00', end: '04:00' }] },
      holidays: [],
      exceptions: [],
    });
    // Sunday 29 March 2026 00:00–04:00 local is only 3 hours long (02:00 → 03:00).
    expect(businessTimeBetween(night, at('2026-03-28T12:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(3 * H);
    // …and Sunday 25 October 00:00–04:00 is 5 hours long.
    expect(businessTimeBetween(night, at('2026-10-24T12:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(5 * H);
  });

  it('moves a skipped local time forward and takes the earlier of a repeated one', () => {
    const berlin = allDay('Europe/Berlin');
    expect(iso(new Date(berlin.localToInstant(parseDate('2026-03-29'), 150)))).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(iso(new Date(berlin.localToInstant(parseDate('2026-10-25'), 150)))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(iso(new Date(berlin.localToInstant(parseDate('2026-07-01'), 540)))).toBe('2026-07-01T07:00:00.000Z');
  });
});

describe('validation', () => {
  it('refuses bad zones, times, overlaps and calendars that never open', () => {
    expect(() => weekdaysOnly('Mars/Olympus_Mons')).toThrow(/time zone/);
    expect(() => weekdaysOnly('UTC', [{ start: '17:00', end: '09:00' }])).toThrow(/ends before/);
    expect(() => weekdaysOnly('UTC', [{ start: '9:00', end: '17:00' }])).toThrow(/not a time/);
    expect(() =>
      weekdaysOnly('UTC', [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ]),
    ).toThrow(/overlap/);
    expect(() => new BusinessCalendar({ time_zone: 'UTC', weekly: {}, holidays: [], exceptions: [] })).toThrow(/no weekly/);
    expect(() => weekdaysOnly('UTC', nineToFive, { holidays: [{ date: '2026-02-30' }] })).toThrow(/calendar date/);
  });
});

// Property tests: random calendars in zones with and without daylight saving.
const zones = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'Pacific/Kiritimati',
];
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const rangesArb = fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 0, maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const ranges: TimeRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2)
    ranges.push({ start: hhmm((sorted[i] as number) * 30), end: hhmm((sorted[i + 1] as number) * 30) });
  return ranges;
});
const calendarArb = fc
  .record({
    zone: fc.constantFrom(...zones),
    days: fc.array(rangesArb, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 730 }), { maxLength: 20 }),
  })
  .filter((c) => c.days.some((d) => d.length > 0))
  .map(
    ({ zone, days, holidays }) =>
      new BusinessCalendar({
        time_zone: zone,
        weekly: Object.fromEntries(weekdays.map((d, i) => [d, days[i] ?? []])),
        holidays: holidays.map((offset) => ({ date: new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10) })),
        exceptions: [],
      }),
  );
// Instants from 2026 to the end of 2027, to the second: both years' daylight-saving changes everywhere.
const instantArb = fc.integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2028, 0, 1) / 1000 }).map((s) => s * 1000);
const amountArb = fc.integer({ min: 0, max: 200 * 60 }).map((minutes) => minutes * M);

describe('business-hours properties', () => {
  it('adding business time then measuring it gives it back', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, amountArb, (calendar, start, amount) => {
        const end = addBusinessTime(calendar, start, amount);
        expect(end.getTime()).toBeGreaterThanOrEqual(start);
        expect(businessTimeBetween(calendar, start, end)).toBe(amount);
        // The earliest such instant: just before it, not all of the amount had passed.
        if (amount > 0) expect(businessTimeBetween(calendar, start, end.getTime() - 1)).toBe(amount - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('is additive and monotonic', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        fc.integer({ min: 0, max: 20 * 86_400 }),
        fc.integer({ min: 0, max: 20 * 86_400 }),
        (calendar, a, d1, d2) => {
          const b = a + d1 * 1000;
          const c = b + d2 * 1000;
          const ab = businessTimeBetween(calendar, a, b);
          const bc = businessTimeBetween(calendar, b, c);
          expect(ab).toBeGreaterThanOrEqual(0);
          expect(ab).toBeLessThanOrEqual(b - a);
          expect(ab + bc).toBe(businessTimeBetween(calendar, a, c));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('later amounts never end earlier', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, amountArb, amountArb, (calendar, start, x, y) => {
        const [small, large] = x <= y ? [x, y] : [y, x];
        expect(addBusinessTime(calendar, start, small).getTime()).toBeLessThanOrEqual(addBusinessTime(calendar, start, large).getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('a local 00:00–24:00 calendar is plain arithmetic in every zone, daylight saving or not', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instantArb, amountArb, (zone, start, amount) => {
        const calendar = allDay(zone);
        expect(addBusinessTime(calendar, start, amount).getTime()).toBe(start + amount);
        expect(businessTimeBetween(calendar, start, start + amount)).toBe(amount);
      }),
      { numRuns: 300 },
    );
  });

  it('calendar-hours mode is plain arithmetic', () => {
    fc.assert(
      fc.property(instantArb, amountArb, (start, amount) => {
        expect(addBusinessTime(null, start, amount).getTime()).toBe(start + amount);
        expect(businessTimeBetween(null, start, start + amount)).toBe(amount);
      }),
    );
  });
});
