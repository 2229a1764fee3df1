/**
 * Generated bad input never makes the API fail on its side. For EVERY operation of the OpenAPI
 * document (/api/v1/openapi.json), fast-check builds path values, query strings and JSON bodies
 * from the operation's own schemas — fitting values with edge cases, wrong types, unknown extra
 * fields, huge strings and arbitrary JSON — and sends them as an admin, so that each request gets
 * past the permission check. The answer must be a success or a client error, never a 5xx, and
 * every error must be problem+json with a `code` and a `detail`.
 *
 * Deterministic: a fixed seed per operation. FUZZ_RUNS sets the runs per operation (default 60,
 * sized so the whole file stays within about a minute and a half on the embedded database).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../src/platform/permissions.ts';
import { makeTicket, makeUser, type TestUser } from './factories.ts';
import { createTestEnvironment, type TestEnvironment } from './harness.ts';
import { anyJson, bodyFor, pathValue, queryValue } from './security/arbitraries.ts';
import { loadOperations, type Operation } from './security/openapi.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = 20_260_302;

let env: TestEnvironment;
let admin: TestUser;
let operations: Operation[];
const realIds = [1, 2, 3, 4];

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
  for (const role of roles) await makeUser(env.ctx, role);
  for (let i = 0; i < 4; i++) await makeTicket(env.ctx);
  operations = await loadOperations(env.app);
}, 60_000);

afterAll(async () => {
  await env?.close();
});

function seedOf(key: string): number {
  let hash = SEED;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return hash;
}

// Routes that end the caller's own credentials: fuzzing them would sign the fuzzer out.
const selfEnding = new Set(['DELETE /api/v1/session', 'POST /api/v1/session/revoke-others']);

describe('generated fuzz over every route', () => {
  it('finds routes to fuzz', () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it('never answers 5xx, and every error is problem+json', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      if (selfEnding.has(key)) continue;
      const params = Object.fromEntries(op.pathParams.map((p) => [p.name, pathValue(p.schema, realIds)]));
      const query = Object.fromEntries(op.queryParams.map((p) => [p.name, fc.option(queryValue(p.schema), { nil: undefined })]));
      const jsonBody = op.bodyType === 'application/json';
      const input = fc.record({
        params: fc.record(params),
        query: fc.record(query),
        extraQuery: fc.option(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })), { nil: undefined }),
        body: jsonBody ? bodyFor(op.body) : fc.option(anyJson, { nil: undefined }),
      });
      await fc
        .assert(
          fc.asyncProperty(input, async ({ params: p, query: q, extraQuery, body }) => {
            const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
              encodeURIComponent(String(p[name] ?? '1')).replaceAll('.', '%2E'),
            );
            const search = new URLSearchParams();
            for (const [name, value] of Object.entries(q)) if (value !== undefined) search.set(name, value as string);
            if (extraQuery) search.set(extraQuery[0] || 'x', extraQuery[1]);
            const qs = search.toString();
            const response = await env.app.inject({
              method: op.method as 'GET',
              url: qs ? `${path}?${qs}` : path,
              headers: { ...admin.auth, ...(body !== undefined && op.method !== 'GET' ? { 'content-type': 'application/json' } : {}) },
              ...(body !== undefined && op.method !== 'GET' ? { payload: JSON.stringify(body) } : {}),
            });
            if (response.statusCode >= 500) {
              failures.push(
                `${key} → ${response.statusCode} ${response.body.slice(0, 200)} (url ${`${path}?${qs}`.slice(0, 300)}, body ${JSON.stringify(body)?.slice(0, 200)})`,
              );
              return false;
            }
            if (response.statusCode === 401) {
              // Something revoked the fuzzer's own credentials (e.g. a random id matched its token): sign in afresh.
              admin = await makeUser(env.ctx, 'admin');
            } else if (response.statusCode >= 400) {
              const type = String(response.headers['content-type']);
              const problem = JSON.parse(response.body);
              if (!type.startsWith('application/problem+json') || typeof problem.code !== 'string' || !problem.detail) {
                failures.push(`${key} → ${response.statusCode} not problem+json: ${response.body.slice(0, 200)}`);
                return false;
              }
            }
            return true;
          }),
          { numRuns: op.method === 'GET' ? Math.ceil(RUNS / 2) : RUNS, seed: seedOf(key), endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
