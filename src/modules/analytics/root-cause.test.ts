import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';

/**
 * Cost: $36 an agent hour, 10 minutes a contact → $6.00 a contact.
 * Mar 2 – Apr 1 (30 days, before the fix): 6 Login and 4 Billing tickets.
 * Apr 1 – May 1 (30 days, after the fix): 3 Login and 7 Billing tickets, one Billing ticket linked to
 * the login problem by hand. Now: May 5.
 */
let env: TestEnvironment;
let analyst: TestUser;
let agent: TestUser;
const categories: Record<string, number> = {};
const afterBilling: number[] = [];

beforeAll(async () => {
  env = await createTestEnvironment();
  const admin = await makeUser(env.ctx, 'admin');
  analyst = await makeUser(env.ctx, 'analyst');
  agent = await makeUser(env.ctx, 'associate');
  for (const name of ['Login', 'Billing']) {
    const created = await api(env.app, 'POST', '/api/v1/categories', { as: admin, body: { name, slug: name.toLowerCase() } });
    categories[name] = created.body.id;
  }
  const costs = { currency: 'USD', loaded_hourly_cost_cents: 3600, standard_handle_seconds: 600, channels: {} };
  expect((await api(env.app, 'PUT', '/api/v1/analytics/cost-settings', { as: admin, body: costs })).status).toBe(200);
  const open = async (day: string, category: string, n: number) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      env.clock.set(`2026-${day}T${String(8 + i).padStart(2, '0')}:00:00Z`);
      ids.push((await makeTicket(env.ctx, { category: categories[category] })).id);
    }
    return ids;
  };
  await open('03-05', 'Login', 6);
  await open('03-06', 'Billing', 4);
  await open('04-10', 'Login', 3);
  afterBilling.push(...(await open('04-11', 'Billing', 7)));
  env.clock.set('2026-05-05T09:00:00Z');
}, 60_000);
afterAll(() => env.close());

describe('root cause', () => {
  it('ranks contact drivers by volume × cost with their monthly cost', async () => {
    const response = await api(env.app, 'GET', '/api/v1/analytics/drivers?from=2026-03-02&to=2026-03-31', { as: analyst });
    expect(response.status).toBe(200);
    expect(response.body.total_contacts).toBe(10);
    expect(response.body.data).toEqual([
      // 6 × 10 min × $36/h = $36.00 over 30 days → × 30.4375 / 30 a month.
      {
        driver: categories.Login,
        label: 'Login',
        contacts: 6,
        share: 0.6,
        aht_seconds: 600,
        cost_cents: 3600,
        monthly_cost_cents: 3653,
        previous_contacts: 0,
        trend: null,
      },
      {
        driver: categories.Billing,
        label: 'Billing',
        contacts: 4,
        share: 0.4,
        aht_seconds: 600,
        cost_cents: 2400,
        monthly_cost_cents: 2435,
        previous_contacts: 0,
        trend: null,
      },
    ]);
    const april = await api(env.app, 'GET', '/api/v1/analytics/drivers?from=2026-04-01&to=2026-04-30', { as: analyst });
    expect(april.body.data[0]).toMatchObject({ label: 'Billing', contacts: 7, previous_contacts: 4, trend: 0.75 });
  });

  it('measures a remediation pilot before and after the fix and its payback', async () => {
    expect((await api(env.app, 'POST', '/api/v1/problems', { as: agent, body: { title: 'Login failures' } })).status).toBe(403);
    const created = await api(env.app, 'POST', '/api/v1/problems', {
      as: analyst,
      body: {
        title: 'Login failures',
        category_id: categories.Login,
        fix_description: 'Passwordless sign-in link',
        fix_started_at: '2026-04-01T00:00:00Z',
        fix_cost_cents: 4870,
        window_days: 30,
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const linked = await api(env.app, 'POST', `/api/v1/problems/${id}/tickets`, { as: analyst, body: { ticket_ids: [afterBilling[0]] } });
    expect(linked.body).toEqual({ linked: 1 });
    expect((await api(env.app, 'POST', `/api/v1/problems/${id}/tickets`, { as: analyst, body: { ticket_ids: [99_999_999] } })).status).toBe(
      400,
    );

    const problem = await api(env.app, 'GET', `/api/v1/problems/${id}?from=2026-03-02&to=2026-03-31`, { as: analyst });
    expect(problem.status).toBe(200);
    expect(problem.body.figures).toMatchObject({ contacts: 6, share: 0.6, cost_cents: 3600, monthly_cost_cents: 3653 });
    const pilot = problem.body.pilot;
    expect(pilot.before).toMatchObject({ days: 30, contacts: 6, total_contacts: 10, contact_rate: 0.6, contacts_per_day: 0.2 });
    expect(pilot.after).toMatchObject({ days: 30, contacts: 4, total_contacts: 10, contact_rate: 0.4, complete: true });
    // (6 − 4) / 30 contacts a day fewer × 30.4375 days × $6.00 = $12.175 a month; $48.70 pays back in 4 months.
    expect(pilot.cost_per_contact_cents).toBe(600);
    expect(pilot.monthly_saving_cents).toBe(1218);
    expect(pilot.payback_months).toBeCloseTo(4, 10);

    const tickets = await api(env.app, 'GET', `/api/v1/problems/${id}/tickets`, { as: analyst });
    expect(tickets.body.ticket_ids).toHaveLength(10);
    expect(tickets.body.ticket_ids).toContain(afterBilling[0]);
    expect((await api(env.app, 'DELETE', `/api/v1/problems/${id}/tickets/${afterBilling[0]}`, { as: analyst })).status).toBe(204);
    const list = await api(env.app, 'GET', '/api/v1/problems', { as: analyst });
    expect(list.body).toMatchObject({ data: [{ id, title: 'Login failures', window_days: 30 }], next_cursor: null });
    expect((await api(env.app, 'PATCH', `/api/v1/problems/${id}`, { as: analyst, body: { window_days: 10 } })).status).toBe(400);
  });
});
