import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';
import { signBody } from './messaging/messaging.service.ts';

let env: TestEnvironment;
let admin: TestUser;
let connection: { id: number; secret: string };

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/v1/channels/messaging-connections',
    headers: { ...admin.auth, 'content-type': 'application/json' },
    payload: JSON.stringify({ name: 'SMS', kind: 'sms' }),
  });
  connection = created.json();
});

afterAll(async () => {
  await env?.close();
});

const segment = fc.oneof(
  fc.constantFrom('1', '0', '-1', '9007199254740993', 'abc', '%00', '1e3', ' 1', '999999'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      email: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      name: fc.oneof(fc.string(), fc.integer()),
      group_id: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant(2 ** 53)),
      host: fc.string(),
      port: fc.oneof(fc.integer(), fc.string()),
      username: fc.string(),
      password: fc.string(),
      kind: fc.constantFrom('sms', 'whatsapp', 'fax', 1),
      outbound_url: fc.oneof(fc.webUrl(), fc.string(), fc.constant('javascript:alert(1)')),
      call_id: fc.oneof(fc.string(), fc.integer()),
      event: fc.constantFrom('ringing', 'answered', 'held', 'resumed', 'ended', 'voicemail', 'nope'),
      from: fc.oneof(fc.string(), fc.constantFrom('+14155550100', 'anonymous'), fc.record({ phone: fc.string(), handle: fc.string() })),
      to: fc.string(),
      agent_id: fc.oneof(fc.integer(), fc.constant(null), fc.string()),
      occurred_at: fc.oneof(
        fc.string(),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
      message_id: fc.string(),
      text: fc.string(),
      active: fc.oneof(fc.boolean(), fc.string()),
      join_window_minutes: fc.oneof(fc.integer(), fc.double()),
    },
    { requiredKeys: [] },
  ),
);

const routes: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: (id: string) => string; body?: boolean; signed?: boolean }[] = [
  { method: 'GET', url: () => '/api/v1/channels/support-addresses' },
  { method: 'POST', url: () => '/api/v1/channels/support-addresses', body: true },
  { method: 'PATCH', url: (id) => `/api/v1/channels/support-addresses/${id}`, body: true },
  { method: 'DELETE', url: (id) => `/api/v1/channels/support-addresses/${id}` },
  { method: 'POST', url: () => '/api/v1/channels/mailboxes', body: true },
  { method: 'PATCH', url: (id) => `/api/v1/channels/mailboxes/${id}`, body: true },
  { method: 'DELETE', url: (id) => `/api/v1/channels/mailboxes/${id}` },
  { method: 'POST', url: () => '/api/v1/channels/messaging-connections', body: true },
  { method: 'PATCH', url: (id) => `/api/v1/channels/messaging-connections/${id}`, body: true },
  { method: 'POST', url: (id) => `/api/v1/channels/messaging-connections/${id}/rotate-secret` },
  { method: 'GET', url: (id) => `/api/v1/channels/inbound-emails?status=${id}&limit=${id}&cursor=${id}` },
  { method: 'GET', url: (id) => `/api/v1/channels/inbound-emails/${id}/raw` },
  { method: 'POST', url: (id) => `/api/v1/channels/inbound-emails/${id}/reprocess` },
  { method: 'GET', url: (id) => `/api/v1/channels/messages/${id}` },
  { method: 'GET', url: (id) => `/api/v1/tickets/${id}/channel-messages` },
  { method: 'POST', url: () => '/api/v1/voice/events', body: true },
  { method: 'GET', url: (id) => `/api/v1/voice/screen-pop?phone=${id}` },
  { method: 'GET', url: (id) => `/api/v1/voice/calls/${id}` },
  { method: 'POST', url: () => `/api/v1/messaging/${connection?.id ?? ':connection'}/inbound`, body: true, signed: true },
  { method: 'POST', url: (id) => `/api/v1/messaging/${id}/inbound`, body: true },
];

describe('channels routes under generated bad input', () => {
  it.each(routes.map((r) => [`${r.method} ${r.url(':id')}`, r] as const))('%s never answers 5xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(segment, json, async (id, body) => {
        const payload = JSON.stringify(body);
        const response = await env.app.inject({
          method: route.method,
          url: route.url(id),
          headers: {
            ...admin.auth,
            ...(route.body ? { 'content-type': 'application/json' } : {}),
            ...(route.signed ? { 'x-frontline-signature': signBody(connection.secret, payload) } : {}),
          },
          ...(route.body ? { payload } : {}),
        });
        expect(response.statusCode, `${route.method} ${route.url(id)} ${payload} → ${response.body}`).toBeLessThan(500);
      }),
      { numRuns: 25, seed: 4 },
    );
  });
});
