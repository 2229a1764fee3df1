import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { api, makeUser, type TestUser } from './factories.ts';
import { createTestEnvironment, type TestEnvironment } from './harness.ts';

let env: TestEnvironment;
let admin: TestUser;

beforeAll(async () => {
  env = await createTestEnvironment();
  admin = await makeUser(env.ctx, 'admin');
});
afterAll(() => env.close());

describe('the HTTP surface', () => {
  it('answers health and readiness', async () => {
    expect((await api(env.app, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await api(env.app, 'GET', '/readyz')).body).toMatchObject({ status: 'ready' });
  });

  it('exposes Prometheus metrics including request durations', async () => {
    await api(env.app, 'GET', '/api/v1/me', { as: admin });
    const metrics = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/frontline_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/me",status="200"\} \d+/);
  });

  it('publishes an OpenAPI 3.1 document covering the routes, and readable docs', async () => {
    const spec = (await api(env.app, 'GET', '/api/v1/openapi.json')).body;
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/tickets/{id}/comments', '/api/v1/customers']),
    );
    expect(spec.paths['/api/v1/tickets'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['subject', 'description']),
    );
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sends the security headers on every answer, errors included', async () => {
    for (const url of ['/healthz', '/api/v1/me', '/api/v1/nothing']) {
      const response = await env.app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("connect-src 'self' ws: wss:");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('tags every response with a request id, and echoes one it was given', async () => {
    const fresh = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await env.app.inject({ method: 'GET', url: '/api/v1/nothing', headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers['x-request-id']).toBe('trace-123');
    expect(given.json()).toMatchObject({ status: 404, code: 'not_found', request_id: 'trace-123' });
  });

  it('finishes a request in flight before shutting down', async () => {
    const app = await buildApp(env.ctx);
    let release: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      app.get('/slow', { schema: { hide: true } }, async () => {
        resolve();
        await new Promise<void>((done) => {
          release = done;
        });
        return { finished: true };
      });
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = fetch(`${address}/slow`).then((r) => r.json());
    await started;
    const closed = app.close();
    release();
    expect(await response).toEqual({ finished: true });
    await closed;
  });
});

describe('workforce staffing over HTTP', () => {
  it('answers the agents needed for the classic 100 calls / 30 min / 180 s / 80-20 case', async () => {
    const response = await api(env.app, 'POST', '/api/v1/wfm/staffing', {
      as: admin,
      body: { volume: 100, interval_minutes: 30, aht_seconds: 180, target_service_level: 0.8, target_seconds: 20, max_occupancy: 0.85 },
    });
    expect(response.status).toBe(200);
    expect(response.body.agents).toBe(14);
    expect((await api(env.app, 'POST', '/api/v1/wfm/staffing', { body: { volume: 100, aht_seconds: 180 } })).status).toBe(401);
  });
});
