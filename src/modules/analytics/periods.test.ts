import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { bucketsOf, isTimeZone, parseBound, periodLabel, periodStart } from './periods.ts';

describe('local periods across daylight-saving changes', () => {
  it('makes Berlin’s 29 March 2026 a 23-hour day and its 25 October a 25-hour day', () => {
    const spring = bucketsOf(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-30T22:00:00Z'), 'day', 'Europe/Berlin')!;
    expect(spring.map((b) => [b.start.toISOString(), (b.end.getTime() - b.start.getTime()) / 3_600_000])).toEqual([
      ['2026-03-28T23:00:00.000Z', 23],
      ['2026-03-29T22:00:00.000Z', 24],
    ]);
    const autumn = bucketsOf(new Date('2026-10-24T22:00:00Z'), new Date('2026-10-25T23:00:00Z'), 'day', 'Europe/Berlin')!;
    expect(autumn.map((b) => (b.end.getTime() - b.start.getTime()) / 3_600_000)).toEqual([25]);
  });

  it('starts New York weeks on local Monday midnight on both sides of the March change', () => {
    const weeks = bucketsOf(new Date('2026-03-02T05:00:00Z'), new Date('2026-03-16T04:00:00Z'), 'week', 'America/New_York')!;
    expect(weeks.map((b) => b.start.toISOString())).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    expect((weeks[0]!.end.getTime() - weeks[0]!.start.getTime()) / 3_600_000).toBe(7 * 24 - 1);
    expect(periodStart(new Date('2026-03-09T03:30:00Z'), 'week', 'America/New_York').toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(periodLabel(new Date('2026-03-09T04:00:00Z'), 'week', 'America/New_York')).toBe('2026-03-09');
  });

  it('reads dates as whole local days and instants as given', () => {
    expect(parseBound('2026-03-29', 'Europe/Berlin', 'from')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parseBound('2026-03-29', 'Europe/Berlin', 'to')?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(parseBound('2026-03-29T10:00:00+02:00', 'UTC', 'from')?.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(parseBound('2026-02-29', 'UTC', 'from')).toBeUndefined();
    expect(parseBound('yesterday', 'UTC', 'from')).toBeUndefined();
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('metrics by local period', () => {
  let env: TestEnvironment;
  let analyst: TestUser;
  beforeAll(async () => {
    env = await createTestEnvironment();
    analyst = await makeUser(env.ctx, 'analyst');
    // Berlin local times: Sat 28 23:30 CET, Sun 29 00:30 CET, Sun 29 23:30 CEST, Mon 30 00:30 CEST.
    for (const instant of ['2026-03-28T22:30:00Z', '2026-03-28T23:30:00Z', '2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z']) {
      env.clock.set(instant);
      await makeTicket(env.ctx);
    }
    env.clock.set('2026-04-01T09:00:00Z');
  }, 60_000);
  afterAll(() => env.close());

  const volume = async (query: string) => {
    const response = await api(env.app, 'GET', `/api/v1/analytics/metrics?metrics=volume&group_by=period&${query}`, { as: analyst });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.metrics[0].rows.map((r: { period: string; period_start: string; value: number }) => [
      r.period,
      r.period_start,
      r.value,
    ]);
  };

  it('groups by the viewer’s local day, not by UTC', async () => {
    expect(await volume('from=2026-03-28&to=2026-03-30&tz=Europe/Berlin')).toEqual([
      ['2026-03-28', '2026-03-27T23:00:00.000Z', 1],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', 2],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', 1],
    ]);
    expect(await volume('from=2026-03-28&to=2026-03-30&tz=UTC')).toEqual([
      ['2026-03-28', '2026-03-28T00:00:00.000Z', 2],
      ['2026-03-29', '2026-03-29T00:00:00.000Z', 2],
    ]);
  });

  it('groups by local week and month', async () => {
    expect(await volume('from=2026-03-01&to=2026-03-31&tz=Europe/Berlin&interval=week')).toEqual([
      ['2026-03-23', '2026-03-22T23:00:00.000Z', 3],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', 1],
    ]);
    expect(await volume('from=2026-03-01&to=2026-04-30&tz=Pacific/Auckland&interval=month')).toEqual([
      ['2026-03-01', '2026-02-28T11:00:00.000Z', 4],
    ]);
  });
});
