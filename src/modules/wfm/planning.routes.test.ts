import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { staffingFor } from './staffing.ts';

// The test clock starts at 2026-03-02T09:00Z, a Monday: four weeks of history before it.
let env: TestEnvironment;
let manager: TestUser;
let analyst: TestUser;
let associate: TestUser;
let agents: TestUser[];

beforeAll(async () => {
  env = await createTestEnvironment();
  [manager, analyst, associate] = await Promise.all([
    makeUser(env.ctx, 'manager'),
    makeUser(env.ctx, 'analyst'),
    makeUser(env.ctx, 'associate'),
  ]);
  agents = [];
  for (let i = 0; i < 4; i++) agents.push(await makeUser(env.ctx, 'associate'));
  const seed = await makeTicket(env.ctx, { channel: 'email' });
  // Voice: 4 tickets per half hour 08:00–18:00 on weekdays, 1 at weekends; chat: 2 per half hour on weekdays.
  await sql`
    insert into tickets (subject, status, priority, type, channel, requester_id, custom_fields, created_at, updated_at)
    select 'History', 'solved', 'p3', 'question', c.channel, ${seed.requester.id}, '{}', t + (k * interval '1 minute'), t
      from generate_series(timestamptz '2026-02-02T08:00:00Z', timestamptz '2026-03-01T17:30:00Z', interval '30 minutes') t
      cross join (values ('voice'), ('chat')) c(channel)
      cross join generate_series(1, 4) k
     where extract(hour from t at time zone 'UTC') between 8 and 17
       and (case when extract(isodow from t at time zone 'UTC') >= 6 then (c.channel = 'voice' and k = 1)
                 else (c.channel = 'voice' or k <= 2) end)`.execute(env.ctx.db);
});
afterAll(() => env.close());

const forecastBody = { history_days: 28, holdout_days: 7, horizon_days: 7, show_history_days: 7 };

describe('forecast API', () => {
  it('forecasts each channel per half hour with hold-out accuracy', async () => {
    const { status, body } = await api(env.app, 'POST', '/api/v1/wfm/forecast', { as: analyst, body: forecastBody });
    expect(status).toBe(200);
    expect(body.forecast_from).toBe('2026-03-02T00:00:00.000Z');
    expect(body.data.map((c: { channel: string }) => c.channel)).toEqual(['chat', 'voice']);
    const voice = body.data.find((c: { channel: string }) => c.channel === 'voice');
    expect(voice.intervals).toHaveLength(7 * 48);
    expect(voice.history).toHaveLength(7 * 48);
    expect(Object.keys(voice.accuracy).sort()).toEqual(['holt_winters', 'seasonal_naive', 'seasonal_profile']);
    expect(voice.accuracy[voice.method].wape).toBeLessThan(0.1);
    // Monday 10:00 in a week shaped like the history: about 4 calls.
    expect(voice.intervals[20].volume).toBeGreaterThan(3.5);
    expect(voice.intervals[20].volume).toBeLessThan(4.5);
    expect(voice.intervals[4].volume).toBeLessThan(0.5);
    // At 09:00 today, nothing has come yet (the history ends yesterday): the day is re-forecast down a little.
    expect(voice.intraday.actual_so_far).toBe(0);
    expect(voice.intraday.intervals[17]).toMatchObject({ actual: 0 });
    expect(voice.intraday.intervals[18].actual).toBeNull();
    expect(voice.intraday.factor).toBeCloseTo(10 / (voice.intraday.forecast_so_far + 10), 12);
    expect(voice.intraday.intervals[20].reforecast).toBeCloseTo(voice.intervals[20].volume * voice.intraday.factor, 9);
  });

  it('is for planners and analysts, not for associates', async () => {
    expect((await api(env.app, 'POST', '/api/v1/wfm/forecast', { as: associate, body: forecastBody })).status).toBe(403);
    expect((await api(env.app, 'POST', '/api/v1/wfm/forecast', { as: manager, body: forecastBody })).status).toBe(200);
  });

  it('refuses a hold-out that leaves less than a week to learn from', async () => {
    const { status, body } = await api(env.app, 'POST', '/api/v1/wfm/forecast', {
      as: analyst,
      body: { history_days: 10, holdout_days: 7 },
    });
    expect(status).toBe(400);
    expect(body.code).toBe('validation_failed');
  });

  it('forecasts from an imported CSV history', async () => {
    const lines = ['interval_start,channel,volume'];
    for (let d = 0; d < 14; d++) for (let h = 9; h < 17; h++) lines.push(`${new Date(Date.UTC(2025, 0, 6 + d, h)).toISOString()},voice,10`);
    const { status, body } = await api(env.app, 'POST', '/api/v1/wfm/forecast', {
      as: analyst,
      body: { history_csv: lines.join('\n'), history_days: 14, holdout_days: 0, horizon_days: 1, method: 'seasonal_profile' },
    });
    expect(status).toBe(200);
    expect(body.forecast_from).toBe('2025-01-20T00:00:00.000Z');
    expect(body.data[0].intervals[18].volume).toBeCloseTo(10, 0);
    const bad = await api(env.app, 'POST', '/api/v1/wfm/forecast', {
      as: analyst,
      body: { history_csv: 'x,y\n2025-01-01T00:00:00Z,voice,-1' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('manual adjustments', () => {
  it('change the forecast for their period and channel, and are audited', async () => {
    const created = await api(env.app, 'POST', '/api/v1/wfm/adjustments', {
      as: analyst,
      body: {
        channel: 'voice',
        starts_at: '2026-03-02T10:00:00Z',
        ends_at: '2026-03-02T11:00:00Z',
        kind: 'multiply',
        value: 2,
        note: 'launch',
      },
    });
    expect(created.status).toBe(201);
    const { body } = await api(env.app, 'POST', '/api/v1/wfm/forecast', { as: analyst, body: forecastBody });
    const voice = body.data.find((c: { channel: string }) => c.channel === 'voice');
    expect(body.adjustments).toEqual([created.body.id]);
    expect(voice.intervals[20].volume).toBeCloseTo(voice.intervals[20].baseline * 2, 9);
    expect(voice.intervals[20].adjusted).toBe(true);
    expect(voice.intervals[22].adjusted).toBe(false);
    const list = await api(env.app, 'GET', '/api/v1/wfm/adjustments', { as: manager });
    expect(list.body.data.map((a: { id: number }) => a.id)).toEqual([created.body.id]);
    const audit = await env.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'wfm_adjustment').execute();
    expect(audit.map((a) => a.action)).toEqual(['wfm_adjustment.created']);
    expect((await api(env.app, 'DELETE', `/api/v1/wfm/adjustments/${created.body.id}`, { as: associate })).status).toBe(403);
    expect((await api(env.app, 'DELETE', `/api/v1/wfm/adjustments/${created.body.id}`, { as: analyst })).status).toBe(204);
    expect((await api(env.app, 'DELETE', `/api/v1/wfm/adjustments/${created.body.id}`, { as: analyst })).status).toBe(404);
  });

  it('refuse a period that ends before it starts', async () => {
    const { status } = await api(env.app, 'POST', '/api/v1/wfm/adjustments', {
      as: analyst,
      body: { channel: null, starts_at: '2026-03-02T11:00:00Z', ends_at: '2026-03-02T10:00:00Z', kind: 'set', value: 2 },
    });
    expect(status).toBe(400);
  });
});

describe('requirements API', () => {
  it('staffs voice by Erlang C and chat with concurrency, with FTE after shrinkage', async () => {
    const { status, body } = await api(env.app, 'POST', '/api/v1/wfm/requirements', {
      as: manager,
      body: {
        forecast: { ...forecastBody, channels: ['voice', 'chat'] },
        rules: { voice: { aht_seconds: 300 }, chat: { concurrency: 2 } },
        shrinkage: 0.3,
      },
    });
    expect(status).toBe(200);
    expect(body.data).toHaveLength(7 * 48);
    const ten = body.data[20];
    expect(ten.channels.voice.agents).toBe(staffingFor({ volume: ten.channels.voice.volume, aht_seconds: 300 }).agents);
    expect(ten.channels.chat.agents).toBe(
      Math.ceil(staffingFor({ volume: ten.channels.chat.volume, aht_seconds: 600, target_seconds: 60 }).agents / 2),
    );
    expect(ten.scheduled_agents).toBe(Math.ceil((ten.channels.voice.agents + ten.channels.chat.agents) / 0.7 - 1e-9));
    expect(body.rules.find((r: { channel: string }) => r.channel === 'chat').concurrency).toBe(2);
  });
});

describe('schedules, time off and adherence', () => {
  const requirement = [] as { start: string; channels: Record<string, number> }[];
  for (let day = 3; day <= 4; day++) {
    for (let h = 9; h < 17; h += 0.5) {
      requirement.push({ start: new Date(Date.UTC(2026, 2, day, Math.floor(h), (h % 1) * 60)).toISOString(), channels: { voice: 2 } });
    }
  }
  let scheduleId: number;

  it('lets an agent ask for time off and a manager approve it', async () => {
    const asked = await api(env.app, 'POST', '/api/v1/wfm/time-off', {
      as: agents[0],
      body: { starts_at: '2026-03-03T00:00:00Z', ends_at: '2026-03-04T00:00:00Z', reason: 'dentist' },
    });
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('requested');
    expect(
      (await api(env.app, 'POST', `/api/v1/wfm/time-off/${asked.body.id}/decision`, { as: agents[1], body: { status: 'approved' } }))
        .status,
    ).toBe(404);
    expect(
      (await api(env.app, 'POST', `/api/v1/wfm/time-off/${asked.body.id}/decision`, { as: agents[0], body: { status: 'approved' } }))
        .status,
    ).toBe(403);
    const approved = await api(env.app, 'POST', `/api/v1/wfm/time-off/${asked.body.id}/decision`, {
      as: manager,
      body: { status: 'approved' },
    });
    expect(approved.body.status).toBe('approved');
    const own = await api(env.app, 'GET', '/api/v1/wfm/time-off', { as: agents[1] });
    expect(own.body.data).toEqual([]);
    const all = await api(env.app, 'GET', '/api/v1/wfm/time-off', { as: manager });
    expect(all.body.data).toHaveLength(1);
  });

  it('sets agents’ scheduling profiles', async () => {
    for (const agent of agents) {
      const { status } = await api(env.app, 'PUT', `/api/v1/wfm/agents/${agent.user.id}`, {
        as: manager,
        body: agent === agents[3] ? { availability: [{ weekday: 3, from: '12:00', to: '24:00' }] } : {},
      });
      expect(status).toBe(200);
    }
    expect((await api(env.app, 'PUT', `/api/v1/wfm/agents/${agents[0]?.user.id}`, { as: analyst, body: {} })).status).toBe(403);
    const bad = await api(env.app, 'PUT', `/api/v1/wfm/agents/${agents[0]?.user.id}`, {
      as: manager,
      body: { min_hours_per_week: 30, max_hours_per_week: 20 },
    });
    expect(bad.status).toBe(400);
    const list = await api(env.app, 'GET', '/api/v1/wfm/agents', { as: analyst });
    expect(list.body.data.filter((a: { has_profile: boolean }) => a.has_profile)).toHaveLength(4);
  });

  it('solves a schedule covering the requirement, around time off and availability', async () => {
    const { status, body } = await api(env.app, 'POST', '/api/v1/wfm/schedules', {
      as: manager,
      body: {
        name: 'Two days',
        start_date: '2026-03-03',
        days: 2,
        requirement,
        templates: [{ name: 'Eight', length_minutes: 480, earliest_start: '08:00', latest_start: '10:00', lunch: null }],
        time_limit_seconds: 20,
      },
    });
    expect(status).toBe(201);
    scheduleId = body.id;
    expect(body.status).toBe('draft');
    expect(body.solver.status).toBe('optimal');
    expect(body.summary.under_hours).toBe(0);
    expect(body.summary.coverage).toBe(1);
    expect(body.coverage).toHaveLength(32);
    // 2 heads × 8 hours × 2 days: four 8-hour shifts exactly.
    expect(body.summary.paid_hours).toBe(32);
    const shifts = await api(env.app, 'GET', `/api/v1/wfm/schedules/${scheduleId}/shifts`, { as: analyst });
    expect(shifts.body.data).toHaveLength(4);
    type Shift = { user_id: number; starts_at: string };
    const onTuesday = (s: Shift) => s.starts_at.startsWith('2026-03-03');
    expect(shifts.body.data.filter((s: Shift) => s.user_id === agents[0]?.user.id && onTuesday(s))).toEqual([]);
    // Agent 3 is available on Wednesdays from noon only: an 8-hour shift from 08:00–10:00 never fits.
    expect(shifts.body.data.filter((s: Shift) => s.user_id === agents[3]?.user.id)).toEqual([]);
  });

  it('shows published shifts to their agents only', async () => {
    const period = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z';
    const before = await api(env.app, 'GET', `/api/v1/wfm/my-shifts?${period}`, { as: agents[1] });
    expect(before.body.data).toEqual([]);
    expect((await api(env.app, 'POST', `/api/v1/wfm/schedules/${scheduleId}/publish`, { as: analyst })).status).toBe(403);
    const published = await api(env.app, 'POST', `/api/v1/wfm/schedules/${scheduleId}/publish`, { as: manager });
    expect(published.body.status).toBe('published');
    const mine = await api(env.app, 'GET', `/api/v1/wfm/my-shifts?${period}`, { as: agents[1] });
    expect(mine.body.data.length).toBeGreaterThan(0);
    expect(mine.body.data.every((s: { user_id: number }) => s.user_id === agents[1]?.user.id)).toBe(true);
    expect((await api(env.app, 'DELETE', `/api/v1/wfm/schedules/${scheduleId}`, { as: manager })).status).toBe(422);
    const list = await api(env.app, 'GET', '/api/v1/wfm/schedules', { as: analyst });
    expect(list.body.data[0]).toMatchObject({ id: scheduleId, status: 'published' });
  });

  it('measures adherence from agents’ presence against the published shifts', async () => {
    const mine = await api(env.app, 'GET', '/api/v1/wfm/my-shifts?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z', { as: agents[1] });
    const shift = mine.body.data[0] as { starts_at: string; ends_at: string };
    const start = new Date(shift.starts_at).getTime();
    const userId = agents[1]?.user.id as number;
    // Online 30 minutes late, then for the rest of the shift.
    await env.ctx.db
      .insertInto('agent_state_changes')
      .values([
        {
          user_id: userId,
          state: 'online',
          channel: null,
          reason: null,
          source: 'agent',
          actor_user_id: userId,
          created_at: new Date(start + 30 * 60_000),
        },
        {
          user_id: userId,
          state: 'offline',
          channel: null,
          reason: null,
          source: 'agent',
          actor_user_id: userId,
          created_at: new Date(shift.ends_at),
        },
      ])
      .execute();
    const { status, body } = await api(
      env.app,
      'GET',
      `/api/v1/wfm/adherence?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z&user_id=${userId}`,
      {
        as: analyst,
      },
    );
    expect(status).toBe(200);
    expect(body.data).toHaveLength(1);
    expect(body.data[0].scheduled_minutes).toBe(480);
    expect(body.data[0].in_adherence_minutes).toBe(450);
    expect(body.data[0].adherence).toBeCloseTo(450 / 480, 12);
    expect(
      (await api(env.app, 'GET', '/api/v1/wfm/adherence?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z', { as: associate })).status,
    ).toBe(403);
  });

  it('schedules from the forecast when no requirement is given', async () => {
    const { status, body } = await api(env.app, 'POST', '/api/v1/wfm/schedules', {
      as: manager,
      body: {
        name: 'From the forecast',
        start_date: '2026-03-05',
        days: 1,
        forecast: { history_days: 28, holdout_days: 0, channels: ['voice'] },
        rules: { voice: { aht_seconds: 120 } },
        time_limit_seconds: 20,
      },
    });
    expect(status).toBe(201);
    expect(body.coverage).toHaveLength(48);
    expect(body.coverage.some((c: { required: number }) => c.required > 0)).toBe(true);
    expect(body.summary.shifts).toBeGreaterThan(0);
    expect((await api(env.app, 'DELETE', `/api/v1/wfm/schedules/${body.id}`, { as: manager })).status).toBe(204);
  });

  it('refuses a schedule in the past without a requirement, and an unknown time zone', async () => {
    const past = await api(env.app, 'POST', '/api/v1/wfm/schedules', {
      as: manager,
      body: { name: 'Past', start_date: '2026-01-05', days: 1 },
    });
    expect(past.status).toBe(400);
    const zone = await api(env.app, 'POST', '/api/v1/wfm/schedules', {
      as: manager,
      body: { name: 'Zone', start_date: '2026-03-05', time_zone: 'Mars/Olympus' },
    });
    expect(zone.status).toBe(400);
  });
});
