import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { signatureHeader, signPayload } from '../webhooks/index.ts';

let env: TestEnvironment;
let customer: TestUser;
let other: TestUser;
let agent: TestUser;
let admin: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  customer = await makeUser(env.ctx, 'customer');
  other = await makeUser(env.ctx, 'customer');
  agent = await makeUser(env.ctx, 'associate');
  admin = await makeUser(env.ctx, 'admin');
});
afterAll(() => env.close());

const claim = {
  kind: 'warranty',
  order_reference: 'ORD-77',
  item: 'Kettle',
  serial_number: '',
  purchase_date: '2025-12-01',
  reason: 'Leaks',
  photos: ['leak.jpg'],
};

describe('warranty claims', () => {
  it('rejects a claim at intake with a clear reason, and accepts it after the customer corrects it', async () => {
    const filed = await api(env.app, 'POST', '/api/v1/my/return-claims', { as: customer, body: claim });
    expect(filed.status).toBe(201);
    expect(filed.body.status).toBe('rejected');
    expect(filed.body.rejection_reasons).toEqual([
      { code: 'missing_data', field: 'serial_number', message: 'For a warranty claim, the serial number is required.' },
    ]);
    const hidden = await api(env.app, 'GET', `/api/v1/my/return-claims`, { as: other });
    expect(hidden.body.data).toEqual([]);
    const foreign = await api(env.app, 'PATCH', `/api/v1/my/return-claims/${filed.body.id}`, {
      as: other,
      body: { serial_number: 'KT-1' },
    });
    expect(foreign.status).toBe(404);

    const corrected = await api(env.app, 'PATCH', `/api/v1/my/return-claims/${filed.body.id}`, {
      as: customer,
      body: { serial_number: 'KT-2025-0001' },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'requested', rejection_reasons: [] });

    const approved = await api(env.app, 'POST', `/api/v1/return-claims/${filed.body.id}/transitions`, {
      as: agent,
      body: { to: 'approved' },
    });
    expect(approved.body.status).toBe('approved');
    expect(approved.body.events.map((e: { to_status: string }) => e.to_status)).toEqual(['requested', 'rejected', 'requested', 'approved']);
    const late = await api(env.app, 'PATCH', `/api/v1/my/return-claims/${filed.body.id}`, { as: customer, body: { reason: 'x' } });
    expect(late.status).toBe(422);
  });

  it('refuses a skipped step and a rejection without a reason', async () => {
    const filed = await api(env.app, 'POST', '/api/v1/return-claims', {
      as: agent,
      body: { ...claim, customer_id: customer.user.customer_id, serial_number: 'KT-9' },
    });
    expect(filed.body.status).toBe('requested');
    const skip = await api(env.app, 'POST', `/api/v1/return-claims/${filed.body.id}/transitions`, { as: agent, body: { to: 'received' } });
    expect(skip.status).toBe(422);
    expect(skip.body.code).toBe('invalid_transition');
    const bare = await api(env.app, 'POST', `/api/v1/return-claims/${filed.body.id}/transitions`, { as: agent, body: { to: 'rejected' } });
    expect(bare.status).toBe(400);
    const rejected = await api(env.app, 'POST', `/api/v1/return-claims/${filed.body.id}/transitions`, {
      as: agent,
      body: { to: 'rejected', reason: 'Damage caused by misuse' },
    });
    expect(rejected.body.rejection_reasons).toEqual([{ code: 'reviewed', message: 'Damage caused by misuse' }]);
    // A person's rejection is final: the customer cannot re-file it by editing.
    const edit = await api(env.app, 'PATCH', `/api/v1/my/return-claims/${filed.body.id}`, {
      as: customer,
      body: { reason: 'Really leaks' },
    });
    expect(edit.status).toBe(422);
    const badDate = await api(env.app, 'POST', '/api/v1/my/return-claims', {
      as: customer,
      body: { ...claim, purchase_date: '01/12/2025' },
    });
    expect(badDate.status).toBe(400);
    const customerDenied = await api(env.app, 'GET', '/api/v1/return-claims', { as: customer });
    expect(customerDenied.status).toBe(403);
  });
});

describe('the warehouse system', () => {
  it('moves a claim with signed events and refuses unsigned, forged or stale ones', async () => {
    const { body: settings } = await api(env.app, 'POST', '/api/v1/return-settings/warehouse-secret', { as: admin });
    const filed = await api(env.app, 'POST', '/api/v1/return-claims', {
      as: agent,
      body: { ...claim, customer_id: customer.user.customer_id, serial_number: 'KT-10' },
    });
    await api(env.app, 'POST', `/api/v1/return-claims/${filed.body.id}/transitions`, { as: agent, body: { to: 'approved' } });
    const now = () => Math.floor(env.clock.now().getTime() / 1000);
    const send = (event: unknown, header?: string) => {
      const body = JSON.stringify(event);
      return env.app.inject({
        method: 'POST',
        url: '/api/v1/warehouse/events',
        headers: { 'content-type': 'application/json', ...(header !== undefined ? { [signatureHeader]: header } : {}) },
        payload: body,
      });
    };
    const label = { claim_id: filed.body.id, event: 'label_issued', tracking_number: '1Z999' };
    expect((await send(label)).statusCode).toBe(401);
    expect((await send(label, signPayload('wrong-secret', now(), JSON.stringify(label)))).statusCode).toBe(401);
    expect((await send(label, signPayload(settings.secret, now() - 600, JSON.stringify(label)))).statusCode).toBe(401);
    const tampered = await send({ ...label, tracking_number: 'EVIL' }, signPayload(settings.secret, now(), JSON.stringify(label)));
    expect(tampered.statusCode).toBe(401);

    const ok = await send(label, signPayload(settings.secret, now(), JSON.stringify(label)));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'label_issued', tracking_number: '1Z999' });
    const early = { claim_id: filed.body.id, event: 'inspected' };
    expect((await send(early, signPayload(settings.secret, now(), JSON.stringify(early)))).statusCode).toBe(422);
    const bad = { claim_id: filed.body.id, event: 'exploded' };
    expect((await send(bad, signPayload(settings.secret, now(), JSON.stringify(bad)))).statusCode).toBe(400);

    env.clock.advance(48 * 3_600_000);
    for (const event of ['received', 'inspected']) {
      const body = { claim_id: filed.body.id, event };
      expect((await send(body, signPayload(settings.secret, now(), JSON.stringify(body)))).statusCode).toBe(200);
    }
    const refunded = await api(env.app, 'POST', `/api/v1/return-claims/${filed.body.id}/transitions`, {
      as: agent,
      body: { to: 'refunded' },
    });
    expect(refunded.body.closed_at).not.toBeNull();
  });

  it('reports rejection rate, cycle time and reasons', async () => {
    const day = env.clock.now().toISOString().slice(0, 10);
    const report = await api(env.app, 'GET', `/api/v1/return-analytics?from=2026-03-01&to=${day}`, { as: agent });
    expect(report.status).toBe(200);
    // Three claims: one approved (open), one rejected by a person at once (0 h), one refunded after 48 h: mean (0 + 48) / 2.
    expect(report.body).toMatchObject({ claims: 3, closed: 2, rejected: 1, rejection_rate: 0.5, mean_cycle_hours: 24 });
    expect(report.body.rejection_reasons).toEqual([{ code: 'reviewed', count: 1 }]);
    const backwards = await api(env.app, 'GET', '/api/v1/return-analytics?from=2026-03-05&to=2026-03-01', { as: agent });
    expect(backwards.status).toBe(400);
  });
});
