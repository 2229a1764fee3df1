/**
 * Sign-in security through the HTTP API: the password policy, account lockout with back-off,
 * TOTP two-factor (enrolment, second step, recovery codes, replay), the admin policy that makes
 * an admin enrol, session idle and absolute expiry, and sessions ending on privilege change.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser, type TestUser } from '../factories.ts';
import { createTestEnvironment, type TestEnvironment } from '../harness.ts';

const PASSWORD = 'correct horse battery';
let env: TestEnvironment;
let admin: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment({ sessionIdleMinutes: 30, sessionMaxHours: 8 });
  admin = await makeUser(env.ctx, 'admin');
});
afterAll(async () => {
  await env?.close();
});

async function signIn(email: string, password = PASSWORD) {
  const response = await env.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  const cookie = String(response.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  return { status: response.statusCode, body: response.json(), cookie };
}

async function asSession(cookie: string, method: string, url: string, csrf?: string, body?: unknown) {
  const response = await env.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: response.statusCode, body: response.body ? response.json() : undefined, headers: response.headers };
}

const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(env.clock.now().getTime() / 1000) });

describe('password policy', () => {
  it('refuses short, common and self-describing passwords, and accepts a good one', async () => {
    for (const password of ['password123456', 'qwertyuiop123', 'aaaaaaaaaaaaaa', 'Passw0rd']) {
      const response = await api(env.app, 'POST', '/api/v1/users', {
        as: admin,
        body: { email: `p-${password.length}@example.com`, name: 'P', role: 'associate', password },
      });
      expect(response.status, password).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
    const own = await api(env.app, 'POST', '/api/v1/users', {
      as: admin,
      body: { email: 'margaret.hamilton@example.com', name: 'M', role: 'associate', password: 'xx-margaret.hamilton-2026' },
    });
    expect(own.status).toBe(400);
    const good = await api(env.app, 'POST', '/api/v1/users', {
      as: admin,
      body: { email: 'good@example.com', name: 'Good', role: 'associate', password: 'violet kettle orbit 42' },
    });
    expect(good.status).toBe(201);
  });
});

describe('account lockout', () => {
  it('locks after five failures, with a back-off that doubles, and a right password resets it', async () => {
    const user = await makeUser(env.ctx, 'associate');
    for (let i = 0; i < 5; i++) expect((await signIn(user.user.email, 'wrong password!')).status).toBe(401);
    // Locked: even the right password is refused for a minute.
    const locked = await signIn(user.user.email);
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toMatch(/locked/);
    env.clock.advance(61_000);
    expect((await signIn(user.user.email, 'still wrong!!')).status).toBe(401);
    // The sixth failure locks for two minutes.
    env.clock.advance(61_000);
    expect((await signIn(user.user.email)).status).toBe(429);
    env.clock.advance(60_000);
    expect((await signIn(user.user.email)).status).toBe(200);
    // Reset: four new failures do not lock.
    for (let i = 0; i < 4; i++) await signIn(user.user.email, 'wrong password!');
    expect((await signIn(user.user.email)).status).toBe(200);
  });
});

describe('two-factor', () => {
  it('enrols from the account, then asks for a code at sign-in; codes do not replay; recovery codes work once', async () => {
    const user = await makeUser(env.ctx, 'engineer');
    const first = await signIn(user.user.email);
    expect(first.status).toBe(200);
    const csrf = first.body.csrf_token as string;

    const begin = await asSession(first.cookie, 'POST', '/api/v1/me/two-factor/enrolment', csrf);
    expect(begin.status).toBe(200);
    expect(begin.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\/Frontline:/);
    const secret = begin.body.secret as string;
    expect((await asSession(first.cookie, 'POST', '/api/v1/me/two-factor/enrolment/confirm', csrf, { code: '000000' })).status).toBe(401);
    const confirm = await asSession(first.cookie, 'POST', '/api/v1/me/two-factor/enrolment/confirm', csrf, { code: await codeAt(secret) });
    expect(confirm.status).toBe(200);
    const recovery = confirm.body.recovery_codes as string[];
    expect(recovery).toHaveLength(10);
    expect((await asSession(first.cookie, 'GET', '/api/v1/me/two-factor')).body).toMatchObject({ enabled: true, recovery_codes_left: 10 });

    env.clock.advance(60_000);
    const step = await signIn(user.user.email);
    expect(step.status).toBe(202);
    expect(step.body.status).toBe('two_factor_required');
    expect(step.cookie).toBe('');
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/session/two-factor',
      payload: { challenge: step.body.challenge, code: '123456' },
    });
    expect(bad.statusCode).toBe(401);
    const code = await codeAt(secret);
    const good = await env.app.inject({
      method: 'POST',
      url: '/api/v1/session/two-factor',
      payload: { challenge: step.body.challenge, code },
    });
    expect(good.statusCode).toBe(200);
    expect(String(good.headers['set-cookie'])).toMatch(/frontline_session=/);
    // The challenge is spent, and the same code cannot be used again.
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/v1/session/two-factor',
      payload: { challenge: step.body.challenge, code },
    });
    expect(again.statusCode).toBe(401);
    const step2 = await signIn(user.user.email);
    const replay = await env.app.inject({
      method: 'POST',
      url: '/api/v1/session/two-factor',
      payload: { challenge: step2.body.challenge, code },
    });
    expect(replay.statusCode).toBe(401);
    const byRecovery = await env.app.inject({
      method: 'POST',
      url: '/api/v1/session/two-factor',
      payload: { challenge: step2.body.challenge, code: recovery[0] },
    });
    expect(byRecovery.statusCode).toBe(200);
    const step3 = await signIn(user.user.email);
    const reused = await env.app.inject({
      method: 'POST',
      url: '/api/v1/session/two-factor',
      payload: { challenge: step3.body.challenge, code: recovery[0] },
    });
    expect(reused.statusCode).toBe(401);
  });

  it('makes an admin without two-factor enrol when the policy requires it', async () => {
    const policyAdmin = await makeUser(env.ctx, 'admin');
    const set = await api(env.app, 'PUT', '/api/v1/security-settings', { as: admin, body: { require_2fa_for_admins: true } });
    expect(set.status).toBe(200);
    expect(set.body.require_2fa_for_admins).toBe(true);
    try {
      // Agents other than admins are not affected.
      const agent = await makeUser(env.ctx, 'associate');
      expect((await signIn(agent.user.email)).status).toBe(200);

      const step = await signIn(policyAdmin.user.email);
      expect(step.status).toBe(202);
      expect(step.body.status).toBe('two_factor_enrolment_required');
      const begin = await env.app.inject({
        method: 'POST',
        url: '/api/v1/session/two-factor/enrolment',
        payload: { challenge: step.body.challenge },
      });
      expect(begin.statusCode).toBe(200);
      const secret = begin.json().secret as string;
      // The enrolment challenge cannot be used as a second step.
      const misuse = await env.app.inject({
        method: 'POST',
        url: '/api/v1/session/two-factor',
        payload: { challenge: step.body.challenge, code: await codeAt(secret) },
      });
      expect(misuse.statusCode).toBe(401);
      const done = await env.app.inject({
        method: 'POST',
        url: '/api/v1/session/two-factor/enrolment/confirm',
        payload: { challenge: step.body.challenge, code: await codeAt(secret) },
      });
      expect(done.statusCode).toBe(200);
      expect(done.json().recovery_codes).toHaveLength(10);
      const cookie = String(done.headers['set-cookie']).split(';')[0] as string;
      // Two-factor cannot be turned off while the policy requires it.
      const off = await asSession(cookie, 'DELETE', '/api/v1/me/two-factor', done.json().csrf_token, { password: PASSWORD });
      expect(off.status).toBe(422);
      env.clock.advance(60_000);
      expect((await signIn(policyAdmin.user.email)).body.status).toBe('two_factor_required');
    } finally {
      await api(env.app, 'PUT', '/api/v1/security-settings', { as: admin, body: { require_2fa_for_admins: false } });
    }
  });
});

describe('sessions', () => {
  it('end after the idle time without requests, and at the absolute limit even when used', async () => {
    const user = await makeUser(env.ctx, 'associate');
    const idle = await signIn(user.user.email);
    env.clock.advance(29 * 60_000);
    expect((await asSession(idle.cookie, 'GET', '/api/v1/session')).status).toBe(200);
    env.clock.advance(29 * 60_000);
    expect((await asSession(idle.cookie, 'GET', '/api/v1/session')).status).toBe(200);
    env.clock.advance(31 * 60_000);
    expect((await asSession(idle.cookie, 'GET', '/api/v1/session')).status).toBe(401);

    const busy = await signIn(user.user.email);
    // Used every 25 minutes: never idle, but the 8-hour limit (480 minutes) still ends it.
    for (let minutes = 25; minutes <= 475; minutes += 25) {
      env.clock.advance(25 * 60_000);
      expect((await asSession(busy.cookie, 'GET', '/api/v1/session')).status, `after ${minutes} minutes`).toBe(200);
    }
    env.clock.advance(25 * 60_000);
    expect((await asSession(busy.cookie, 'GET', '/api/v1/session')).status).toBe(401);
  });

  it('end everywhere when an admin changes the role; a password change keeps only the new session', async () => {
    const user = await makeUser(env.ctx, 'associate');
    const a = await signIn(user.user.email);
    const b = await signIn(user.user.email);
    const promoted = await api(env.app, 'PATCH', `/api/v1/users/${user.user.id}`, { as: admin, body: { role: 'engineer' } });
    expect(promoted.status).toBe(200);
    expect((await asSession(a.cookie, 'GET', '/api/v1/session')).status).toBe(401);
    expect((await asSession(b.cookie, 'GET', '/api/v1/session')).status).toBe(401);

    const c = await signIn(user.user.email);
    const d = await signIn(user.user.email);
    const weak = await asSession(c.cookie, 'POST', '/api/v1/me/password', c.body.csrf_token, {
      current_password: PASSWORD,
      new_password: 'password1234',
    });
    expect(weak.status).toBe(400);
    const wrong = await asSession(c.cookie, 'POST', '/api/v1/me/password', c.body.csrf_token, {
      current_password: 'not it at all',
      new_password: 'amber lantern meadow 7',
    });
    expect(wrong.status).toBe(401);
    const changed = await asSession(c.cookie, 'POST', '/api/v1/me/password', c.body.csrf_token, {
      current_password: PASSWORD,
      new_password: 'amber lantern meadow 7',
    });
    expect(changed.status).toBe(200);
    const fresh = String(changed.headers['set-cookie']).split(';')[0] as string;
    expect(fresh).not.toBe(c.cookie);
    expect((await asSession(c.cookie, 'GET', '/api/v1/session')).status).toBe(401);
    expect((await asSession(d.cookie, 'GET', '/api/v1/session')).status).toBe(401);
    expect((await asSession(fresh, 'GET', '/api/v1/session')).status).toBe(200);
    expect((await signIn(user.user.email, 'amber lantern meadow 7')).status).toBe(200);
    expect((await signIn(user.user.email)).status).toBe(401);
  });

  it('revokes the other sessions on request', async () => {
    const user = await makeUser(env.ctx, 'associate');
    const a = await signIn(user.user.email);
    const b = await signIn(user.user.email);
    const revoked = await asSession(a.cookie, 'POST', '/api/v1/session/revoke-others', a.body.csrf_token);
    expect(revoked.body).toEqual({ revoked: 1 });
    expect((await asSession(a.cookie, 'GET', '/api/v1/session')).status).toBe(200);
    expect((await asSession(b.cookie, 'GET', '/api/v1/session')).status).toBe(401);
  });
});
