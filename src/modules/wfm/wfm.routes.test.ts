import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../platform/context.ts';
import { installErrorHandling } from '../../platform/error-handler.ts';
import { AppError } from '../../platform/errors.ts';
import type { App, RouteAccess } from '../../platform/http.ts';
import { wfmRoutes } from './wfm.routes.ts';

// Until the module is wired into src/modules/index.ts, the routes run on a bare app with the real
// validators and error handler; a stand-in for the auth hook accepts any bearer token.
let app: App;
const access = new Map<string, RouteAccess | undefined>();

beforeAll(async () => {
  app = Fastify().withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 'test', version: '1' } }, transform: jsonSchemaTransform });
  app.addHook('onRoute', (route) => {
    access.set(`${route.method} ${route.url}`, route.config?.access);
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.access !== 'public' && !request.headers.authorization)
      throw new AppError('unauthenticated', 'Sign in.');
  });
  installErrorHandling(app);
  wfmRoutes(app, {} as Context);
  await app.ready();
});
afterAll(() => app.close());

const post = async (url: string, payload: unknown, headers: Record<string, string> = { authorization: 'Bearer test' }) => {
  const response = await app.inject({ method: 'POST', url, payload: payload as object, headers });
  return { status: response.statusCode, body: response.json() };
};

describe('POST /api/v1/wfm/staffing', () => {
  it('is open to any signed-in user', () => {
    expect(access.get('POST /api/v1/wfm/staffing')).toBe('signed_in');
    expect(access.get('POST /api/v1/wfm/staffing/batch')).toBe('signed_in');
  });

  it('documents both routes in the OpenAPI description', () => {
    const paths = (app.swagger() as { paths: Record<string, { post?: { requestBody?: unknown } }> }).paths;
    expect(paths['/api/v1/wfm/staffing']?.post?.requestBody).toBeDefined();
    expect(JSON.stringify(paths['/api/v1/wfm/staffing'])).toContain('patience_seconds');
    expect(paths['/api/v1/wfm/staffing/batch']?.post).toBeDefined();
  });

  it('answers the agents needed and the figures at that count', async () => {
    const { status, body } = await post('/api/v1/wfm/staffing', {
      volume: 100,
      interval_minutes: 30,
      aht_seconds: 180,
      target_service_level: 0.8,
      target_seconds: 20,
      shrinkage: 0.3,
      max_occupancy: 0.85,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ model: 'erlang_c', agents: 14, fte: 20, scheduled_agents: 20, abandonment: null });
    expect(body.service_level).toBeCloseTo(0.88835, 5);
  });

  it('uses Erlang A when patience_seconds is given', async () => {
    const { status, body } = await post('/api/v1/wfm/staffing', {
      volume: 100,
      aht_seconds: 180,
      patience_seconds: 300,
      max_occupancy: 0.85,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ model: 'erlang_a', agents: 13 });
    expect(body.abandonment).toBeGreaterThan(0);
  });

  it('refuses bad input with 400 validation_failed and the field', async () => {
    const { status, body } = await post('/api/v1/wfm/staffing', { volume: 100, aht_seconds: 180, target_service_level: 1.5 });
    expect(status).toBe(400);
    expect(body.code).toBe('validation_failed');
    expect(JSON.stringify(body.errors)).toContain('target_service_level');
    expect((await post('/api/v1/wfm/staffing', { volume: 100, aht_seconds: 180, surprise: true })).status).toBe(400);
  });

  it('answers 422 for traffic beyond what it supports', async () => {
    const { status, body } = await post('/api/v1/wfm/staffing', { volume: 10_000_000, interval_minutes: 60, aht_seconds: 3600 });
    expect(status).toBe(422);
    expect(body.code).toBe('unprocessable');
  });

  it('staffs a batch of intervals with totals, naming a bad interval', async () => {
    const ok = await post('/api/v1/wfm/staffing/batch', {
      intervals: [
        { volume: 100, aht_seconds: 180 },
        { volume: 50, aht_seconds: 180 },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toHaveLength(2);
    expect(ok.body.summary).toMatchObject({ intervals: 2, peak_agents: 14 });
    const bad = await post('/api/v1/wfm/staffing/batch', {
      intervals: [
        { volume: 100, aht_seconds: 180 },
        { volume: -1, aht_seconds: 180 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('intervals');
  });
});
