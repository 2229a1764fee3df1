import { randomBytes } from 'node:crypto';
import type { Role } from '../src/db/schema.ts';
import { issueToken } from '../src/modules/auth/index.ts';
import { createTicket, type TicketView } from '../src/modules/tickets/index.ts';
import { createUser, type UserView } from '../src/modules/users/index.ts';
import { type Context, systemActor, type UserActor } from '../src/platform/context.ts';
import type { App } from '../src/platform/http.ts';

const unique = () => randomBytes(4).toString('hex');

export interface TestUser {
  user: UserView;
  token: string;
  actor: UserActor;
  /** Headers for an API call as this user. */
  auth: { authorization: string };
}

/** A user of the given role with an API token; customers are linked to their customer record. */
export async function makeUser(ctx: Context, role: Role, fields: { email?: string; name?: string; tier?: number } = {}): Promise<TestUser> {
  const email = fields.email ?? `${role}-${unique()}@example.com`;
  const user = await createUser(ctx, systemActor, {
    email,
    name: fields.name ?? `${role[0]?.toUpperCase()}${role.slice(1)} ${unique()}`,
    role,
    password: 'correct horse battery',
    tier: fields.tier,
  });
  const { token } = await ctx.db.transaction().execute((trx) => issueToken(trx, systemActor, user.id, 'test', ctx.clock.now()));
  const actor: UserActor = { userId: user.id, role, customerId: user.customer_id, name: user.name, via: 'token' };
  return { user, token, actor, auth: { authorization: `Bearer ${token}` } };
}

export async function makeTicket(
  ctx: Context,
  fields: Partial<Parameters<typeof createTicket>[2]> & { requesterEmail?: string } = {},
): Promise<TicketView> {
  const { requesterEmail, ...rest } = fields;
  return createTicket(ctx, systemActor, {
    subject: `Printer on fire ${unique()}`,
    description: 'It started smoking after the last firmware update.',
    requester: { email: requesterEmail ?? `customer-${unique()}@example.com` },
    priority: 'p3',
    type: 'question',
    tags: [],
    custom_fields: {},
    ...rest,
  });
}

/** JSON API call through inject(); returns status and parsed body. */
export async function api(
  app: App,
  method: string,
  url: string,
  options: { as?: TestUser; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(options.as?.auth ?? {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });
  let body: any;
  try {
    body = response.json();
  } catch {
    body = response.body;
  }
  return { status: response.statusCode, body, headers: response.headers };
}
