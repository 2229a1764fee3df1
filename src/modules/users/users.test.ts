import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser, type TestUser } from '../../../test/factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../../../test/harness.ts';

let env: TestEnvironment;
let admin: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
});
afterAll(() => env.close());

describe('managing agents', () => {
  it('adds an agent with a tier, skills with proficiency, languages and groups, and audits it', async () => {
    const group = await api(env.app, 'POST', '/api/v1/groups', { as: admin, body: { name: 'Tier 2 Technical', tier: 2 } });
    const created = await api(env.app, 'POST', '/api/v1/users', {
      as: admin,
      body: {
        email: 'Sam.Engineer@example.com',
        name: 'Sam Engineer',
        role: 'engineer',
        tier: 2,
        languages: ['en', 'de'],
        skills: [
          { name: 'product:platform', proficiency: 5 },
          { name: 'language:de', proficiency: 4 },
        ],
        group_ids: [group.body.id],
        password: 'a long enough password',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      role: 'engineer',
      tier: 2,
      languages: ['en', 'de'],
      skills: [
        { name: 'language:de', proficiency: 4 },
        { name: 'product:platform', proficiency: 5 },
      ],
      group_ids: [group.body.id],
    });
    expect(created.body).not.toHaveProperty('password_hash');

    const updated = await api(env.app, 'PATCH', `/api/v1/users/${created.body.id}`, {
      as: admin,
      body: { tier: 3, skills: [{ name: 'product:platform', proficiency: 5 }] },
    });
    expect(updated.body).toMatchObject({ tier: 3, skills: [{ name: 'product:platform', proficiency: 5 }] });

    const audit = await api(env.app, 'GET', `/api/v1/audit-log?entity_type=user&entity_id=${created.body.id}`, { as: admin });
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['user.updated', 'user.created']);
    expect(audit.body.data[0]).toMatchObject({ actor_user_id: admin.user.id, before: { tier: 2 }, after: { tier: 3 } });
    expect(JSON.stringify(audit.body.data)).not.toContain('a long enough password');
  });

  it('refuses a duplicate email whatever its case, an unknown group and a short password', async () => {
    await api(env.app, 'POST', '/api/v1/users', { as: admin, body: { email: 'dup@example.com', name: 'Dup', role: 'associate' } });
    expect(
      (await api(env.app, 'POST', '/api/v1/users', { as: admin, body: { email: 'DUP@example.com', name: 'Dup', role: 'associate' } })).body
        .code,
    ).toBe('email_taken');
    expect(
      (
        await api(env.app, 'POST', '/api/v1/users', {
          as: admin,
          body: { email: 'g@example.com', name: 'G', role: 'associate', group_ids: [987654] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api(env.app, 'POST', '/api/v1/users', {
          as: admin,
          body: { email: 'p@example.com', name: 'P', role: 'associate', password: 'short' },
        })
      ).status,
    ).toBe(400);
  });

  it('keeps an admin from removing their own role or account', async () => {
    const demote = await api(env.app, 'PATCH', `/api/v1/users/${admin.user.id}`, { as: admin, body: { role: 'associate' } });
    expect(demote.status).toBe(422);
    const deactivate = await api(env.app, 'PATCH', `/api/v1/users/${admin.user.id}`, { as: admin, body: { active: false } });
    expect(deactivate.status).toBe(422);
  });

  it('signs a deactivated user out everywhere and refuses their token', async () => {
    const agent = await makeUser(env.ctx, 'associate');
    const signIn = await env.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: agent.user.email, password: 'correct horse battery' },
    });
    const cookie = signIn.cookies.find((c) => c.name === 'frontline_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    await api(env.app, 'PATCH', `/api/v1/users/${agent.user.id}`, { as: admin, body: { active: false } });
    const withCookie = await env.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { frontline_session: cookie?.value ?? '' } });
    expect(withCookie.statusCode).toBe(401);
    expect((await api(env.app, 'GET', '/api/v1/me', { as: agent })).status).toBe(401);
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: agent.user.email, password: 'correct horse battery' },
    });
    expect(again.statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('shows a token once, lists it by prefix only, and revoking it takes effect at once', async () => {
    const agent = await makeUser(env.ctx, 'associate');
    const created = await api(env.app, 'POST', '/api/v1/tokens', { as: agent, body: { name: 'zapier' } });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token.startsWith(created.body.prefix)).toBe(true);
    const listed = await api(env.app, 'GET', '/api/v1/tokens', { as: agent });
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body.data.map((t: { name: string }) => t.name)).toEqual(['zapier', 'test']);
    const stored = await env.ctx.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const asToken = { authorization: `Bearer ${token}` };
    expect((await api(env.app, 'GET', '/api/v1/me', { headers: asToken })).status).toBe(200);
    await api(env.app, 'DELETE', `/api/v1/tokens/${created.body.id}`, { as: agent });
    const revoked = await api(env.app, 'GET', '/api/v1/me', { headers: asToken });
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('unauthenticated');
  });

  it('does not let an agent see or revoke another user’s token', async () => {
    const one = await makeUser(env.ctx, 'associate');
    const other = await makeUser(env.ctx, 'associate');
    const created = await api(env.app, 'POST', '/api/v1/tokens', { as: one, body: { name: 'mine' } });
    expect((await api(env.app, 'DELETE', `/api/v1/tokens/${created.body.id}`, { as: other })).status).toBe(404);
    expect((await api(env.app, 'GET', `/api/v1/tokens?user_id=${one.user.id}`, { as: other })).status).toBe(403);
    expect((await api(env.app, 'POST', '/api/v1/tokens', { as: other, body: { name: 'x', user_id: one.user.id } })).status).toBe(403);
    expect((await api(env.app, 'POST', '/api/v1/tokens', { as: admin, body: { name: 'x', user_id: one.user.id } })).status).toBe(201);
  });
});
