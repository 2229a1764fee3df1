import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { createCustomer } from '../customers/index.ts';
import { systemActor } from '../../platform/context.ts';

let env: TestEnvironment;
let manager: TestUser;
let agent: TestUser;
let associate: TestUser;
const ids: Record<string, number> = {};

beforeAll(async () => {
  env = await createTestEnvironment();
  manager = await makeUser(env.ctx, 'manager');
  agent = await makeUser(env.ctx, 'associate');
  associate = await makeUser(env.ctx, 'associate');
  const people = [
    { key: 'paris', time_zone: 'Europe/Paris', balance: 50_000, risk: 20 },
    { key: 'tokyo', time_zone: 'Asia/Tokyo', balance: 90_000, risk: 90 },
    { key: 'ny', time_zone: 'America/New_York', balance: 50_000, risk: 80 },
    { key: 'lisbon', time_zone: 'Europe/Lisbon', balance: 10_000, risk: 10 },
    { key: 'small', time_zone: 'Europe/Paris', balance: 0, risk: 99 },
  ];
  for (const person of people) {
    const customer = await createCustomer(env.ctx, systemActor, {
      name: `Customer ${person.key}`,
      identities: [
        { kind: 'phone', value: `+3361234${String(Object.keys(ids).length).padStart(4, '0')}`, is_primary: true },
        { kind: 'email', value: `${person.key}@example.com` },
      ],
      time_zone: person.time_zone,
      value_tier: 'gold',
    });
    ids[person.key] = customer.id;
  }
  const imported = await api(env.app, 'POST', '/api/v1/customer-accounts/import', {
    as: manager,
    body: { accounts: people.map((p) => ({ customer_id: ids[p.key], open_balance_cents: p.balance, risk_score: p.risk })) },
  });
  expect(imported.status).toBe(200);
});
afterAll(() => env.close());

async function makeSegment(name: string, conditions: unknown[]) {
  const response = await api(env.app, 'POST', '/api/v1/segments', { as: manager, body: { name, rules: { match: 'all', conditions } } });
  expect(response.status).toBe(201);
  return response.body.id as number;
}

describe('segments', () => {
  it('counts, previews and exports the customers its rules select', async () => {
    const id = await makeSegment('Owes money', [{ field: 'open_balance_cents', op: 'gt', value: 0 }]);
    const preview = await api(env.app, 'GET', `/api/v1/segments/${id}/preview?limit=2`, { as: manager });
    expect(preview.body.count).toBe(4);
    expect(preview.body.data).toHaveLength(2);
    const csv = await api(env.app, 'GET', `/api/v1/segments/${id}/export.csv`, { as: manager });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toContain('customer_id,name');
    expect(lines).toHaveLength(5);
  });

  it('refuses bad rules, duplicate names and agents without the grant', async () => {
    const bad = await api(env.app, 'POST', '/api/v1/segments', {
      as: manager,
      body: { name: 'x', rules: { conditions: [{ field: 'name', op: 'gt', value: 1 }] } },
    });
    expect(bad.status).toBe(400);
    await makeSegment('Twice', []);
    const again = await api(env.app, 'POST', '/api/v1/segments', { as: manager, body: { name: 'Twice', rules: { conditions: [] } } });
    expect(again.status).toBe(409);
    const denied = await api(env.app, 'GET', '/api/v1/segments', { as: agent });
    expect(denied.status).toBe(403);
    const missing = await api(env.app, 'GET', '/api/v1/segments/99999/preview', { as: manager });
    expect(missing.status).toBe(404);
    const account = await api(env.app, 'PUT', '/api/v1/customers/99999/account', { as: manager, body: { risk_score: 5 } });
    expect(account.status).toBe(404);
  });
});

describe('call lists', () => {
  it('orders the list by balance then risk, and hands out only customers inside their contact window', async () => {
    const segment = await makeSegment('Collections', [{ field: 'open_balance_cents', op: 'gt', value: 0 }]);
    const created = await api(env.app, 'POST', '/api/v1/campaigns', {
      as: manager,
      body: {
        name: 'March collections',
        segment_id: segment,
        channel: 'phone',
        window_start_hour: 9,
        window_end_hour: 18,
        max_contacts: 1,
        cap_days: 7,
      },
    });
    expect(created.status).toBe(201);
    const campaign = await api(env.app, 'GET', `/api/v1/campaigns/${created.body.id}`, { as: agent });
    expect(campaign.body.entries.map((e: { customer_id: number }) => e.customer_id)).toEqual([ids.tokyo, ids.ny, ids.paris, ids.lisbon]);

    // Monday 09:00 UTC: 18:00 in Tokyo (closed), 04:00 in New York (too early), 10:00 in Paris.
    env.clock.set('2026-03-02T09:00:00Z');
    const first = await api(env.app, 'POST', `/api/v1/campaigns/${created.body.id}/next`, { as: agent });
    expect(first.status).toBe(200);
    expect(first.body.entry.customer_id).toBe(ids.paris);
    expect(first.body.skipped).toEqual({ outside_window: 2 });
    expect(first.body.contact_methods.map((m: { kind: string }) => m.kind)).toEqual(['phone', 'email']);
    // Asking again returns the same customer until an outcome is recorded.
    const same = await api(env.app, 'POST', `/api/v1/campaigns/${created.body.id}/next`, { as: agent });
    expect(same.body.entry.id).toBe(first.body.entry.id);
    const stolen = await api(env.app, 'POST', `/api/v1/call-list-entries/${first.body.entry.id}/outcome`, {
      as: associate,
      body: { outcome: 'reached' },
    });
    expect(stolen.status).toBe(403);

    const reached = await api(env.app, 'POST', `/api/v1/call-list-entries/${first.body.entry.id}/outcome`, {
      as: agent,
      body: { outcome: 'reached', contact_value: '+33612340000', note: 'Will pay Friday', ticket_subject: 'Payment plan' },
    });
    expect(reached.status).toBe(201);
    expect(reached.body.ticket_id).toEqual(expect.any(Number));
    const timeline = await api(env.app, 'GET', `/api/v1/customers/${ids.paris}/contact-attempts`, { as: agent });
    expect(timeline.body.data[0]).toMatchObject({ outcome: 'reached', note: 'Will pay Friday' });

    // Lisbon is on the do-not-contact list: skipped.
    expect(
      (await api(env.app, 'PUT', `/api/v1/customers/${ids.lisbon}/do-not-contact`, { as: agent, body: { reason: 'asked' } })).status,
    ).toBe(204);
    const none = await api(env.app, 'POST', `/api/v1/campaigns/${created.body.id}/next`, { as: agent });
    expect(none.body.entry).toBeNull();
    expect(none.body.skipped).toEqual({ outside_window: 2, do_not_contact: 1 });

    // 14:00 UTC: 09:00 in New York; Tokyo is still closed.
    env.clock.set('2026-03-02T14:00:00Z');
    const ny = await api(env.app, 'POST', `/api/v1/campaigns/${created.body.id}/next`, { as: agent });
    expect(ny.body.entry.customer_id).toBe(ids.ny);
    const callback = await api(env.app, 'POST', `/api/v1/call-list-entries/${ny.body.entry.id}/outcome`, {
      as: agent,
      body: { outcome: 'callback', callback_at: '2026-03-03T15:00:00Z' },
    });
    expect(callback.status).toBe(201);
    const noCallbackTime = await api(env.app, 'POST', `/api/v1/call-list-entries/${ny.body.entry.id}/outcome`, {
      as: agent,
      body: { outcome: 'callback' },
    });
    expect(noCallbackTime.status).toBe(400);

    // Tuesday 01:00 UTC: 10:00 in Tokyo.
    env.clock.set('2026-03-03T01:00:00Z');
    const tokyo = await api(env.app, 'POST', `/api/v1/campaigns/${created.body.id}/next`, { as: agent });
    expect(tokyo.body.entry.customer_id).toBe(ids.tokyo);
    await api(env.app, 'POST', `/api/v1/call-list-entries/${tokyo.body.entry.id}/outcome`, { as: agent, body: { outcome: 'no_answer' } });
    // No answer puts Tokyo back, but the cap (one contact a week) holds it; New York's call-back is not due.
    env.clock.set('2026-03-03T02:00:00Z');
    const capped = await api(env.app, 'POST', `/api/v1/campaigns/${created.body.id}/next`, { as: agent });
    expect(capped.body.entry).toBeNull();
    expect(capped.body.skipped).toMatchObject({ frequency_cap: 1, callback_later: 1 });

    // The call-back comes due the next day at 10:00 New York time, despite the cap.
    env.clock.set('2026-03-03T15:00:00Z');
    const due = await api(env.app, 'POST', `/api/v1/campaigns/${created.body.id}/next`, { as: agent });
    expect(due.body.entry.customer_id).toBe(ids.ny);
  });

  it('sends an email campaign only to customers it may contact', async () => {
    const segment = await makeSegment('High risk', [{ field: 'risk_score', op: 'gte', value: 80 }]);
    const created = await api(env.app, 'POST', '/api/v1/campaigns', {
      as: manager,
      body: {
        name: 'Risk notice',
        segment_id: segment,
        channel: 'email',
        message: 'Hello',
        window_start_hour: 0,
        window_end_hour: 24,
        max_contacts: 5,
      },
    });
    env.clock.set('2026-03-04T12:00:00Z');
    const sent = await api(env.app, 'POST', `/api/v1/campaigns/${created.body.id}/send`, { as: manager });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ sent: 3, skipped: {} });
    const badWindow = await api(env.app, 'POST', '/api/v1/campaigns', {
      as: manager,
      body: { name: 'Bad', segment_id: segment, channel: 'phone', window_start_hour: 18, window_end_hour: 9 },
    });
    expect(badWindow.status).toBe(400);
  });
});
