/**
 * The role × route matrix, generated from the API's own description (/api/v1/openapi.json): for
 * EVERY operation of every module, and for every role and for an anonymous caller, the answer must
 * match the operation's declared access rule (`x-access`):
 *
 * - no credentials → 401 `unauthenticated` on everything except `public` routes;
 * - a role without any of the route's permissions → 403 `forbidden` from the permission check,
 *   before the route reads its input;
 * - a role that holds one → the request gets past the check (whatever the route then answers, it
 *   is never that 403, never a 401, and never a 5xx).
 *
 * An operation without a rule, or with a rule naming a permission no role holds, fails the test;
 * so does a route that is missing from the document. Row-level rules (a customer reaches only
 * their own records) are checked by test/security/idor.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/db/schema.ts';
import { roles } from '../src/platform/permissions.ts';
import { api, makeUser, type TestUser } from './factories.ts';
import { createTestEnvironment, type TestEnvironment } from './harness.ts';
import { expectationFor, fillPath, isNumeric, isValidRule, loadOperations, type Operation } from './security/openapi.ts';

let env: TestEnvironment;
let operations: Operation[];
const as = {} as Record<Role, TestUser>;

beforeAll(async () => {
  env = await createTestEnvironment();
  for (const role of roles) as[role] = await makeUser(env.ctx, role);
  operations = await loadOperations(env.app);
}, 60_000);

afterAll(async () => {
  await env?.close();
});

/** A path value that names nothing: the permission check must not depend on the record existing. */
const absentParam = (_name: string, schema: Parameters<typeof isNumeric>[0]) => (isNumeric(schema) ? '987654321' : 'absent-value');

function request(op: Operation, user: TestUser | undefined) {
  const url = fillPath(op, absentParam);
  const body = op.bodyType === 'application/json' ? {} : undefined;
  return api(env.app, op.method, url, { ...(user ? { as: user } : {}), ...(body !== undefined ? { body } : {}) });
}

const isRoleDenial = (response: { status: number; body: any }) =>
  response.status === 403 && response.body?.code === 'forbidden' && /^Your role \(/.test(String(response.body?.detail));

describe('the route table', () => {
  it('describes many routes, each with a valid access rule', () => {
    expect(operations.length).toBeGreaterThan(50);
    const withoutRule = operations
      .filter((op) => !isValidRule(op.access))
      .map((op) => `${op.method} ${op.path}: ${JSON.stringify(op.access)}`);
    expect(withoutRule).toEqual([]);
  });

  it('includes the routes every module depends on', () => {
    const keys = new Set(operations.map((op) => `${op.method} ${op.path}`));
    for (const key of [
      'POST /api/v1/session',
      'GET /api/v1/tickets',
      'GET /api/v1/tickets/{id}',
      'GET /api/v1/users',
      'POST /api/v1/tokens',
    ]) {
      expect(keys).toContain(key);
    }
  });
});

describe('every route answers by its declared rule', () => {
  it('refuses anonymous callers on every non-public route', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const response = await request(op, undefined);
      if (response.status >= 500) wrong.push(`${op.method} ${op.path}: ${response.status}`);
      else if (op.access !== 'public' && (response.status !== 401 || response.body?.code !== 'unauthenticated'))
        wrong.push(`${op.method} ${op.path}: ${response.status} (expected 401)`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  for (const role of roles) {
    it(`gives ${role} exactly what the rules grant`, async () => {
      const wrong: string[] = [];
      let denied = 0;
      for (const op of operations) {
        const expected = expectationFor(op.access, role);
        const response = await request(op, as[role]);
        const label = `${op.method} ${op.path}: ${response.status} ${response.body?.code ?? ''}`;
        if (response.status >= 500) wrong.push(`${label} (server error)`);
        else if (expected === 'denied') {
          denied++;
          if (!isRoleDenial(response)) wrong.push(`${label} (expected 403 forbidden)`);
        } else if (isRoleDenial(response)) wrong.push(`${label} (expected to pass the check)`);
        else if (
          expected === 'allowed' &&
          response.status === 401 &&
          /API token is not valid|Sign in or send an API token/.test(String(response.body?.detail))
        )
          wrong.push(`${label} (token refused)`);
        if (response.status >= 400) {
          expect(String(response.headers['content-type']), label).toMatch(/^application\/problem\+json/);
        }
      }
      expect(wrong).toEqual([]);
      // The matrix is not vacuous: admins reach everything, customers are kept out of most of it.
      if (role === 'admin') expect(denied).toBe(operations.filter((op) => expectationFor(op.access, 'admin') === 'denied').length);
      if (role === 'customer') expect(denied).toBeGreaterThan(operations.length / 2);
    }, 120_000);
  }
});
