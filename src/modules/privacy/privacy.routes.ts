import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import { presentHold, presentPolicy, presentRun } from './privacy.presenter.ts';
import { eraseBody, erasureSchema, holdBody, holdSchema, policyBody, policySchema, runSchema } from './privacy.schemas.ts';
import { compactAfterErasure, eraseCustomer, exportCustomer } from './privacy.service.ts';
import * as retention from './retention.service.ts';

const tags = ['privacy'];
const access = { access: 'privacy.manage' as const };

/** GDPR requests, retention policies, legal holds and retention reports: admins only. */
export function privacyRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/privacy/customers/:id/export', { schema: { tags, params: idParam }, config: access }, async (request, reply) => {
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'frontline-sar-'));
    try {
      const file = path.join(work, 'export.tar.gz');
      await exportCustomer(ctx, actorOf(request), request.params.id, file);
      const data = await fs.readFile(file);
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="customer-${request.params.id}-export.tar.gz"`)
        .header('cache-control', 'no-store')
        .send(data);
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  });
  app.post(
    '/api/v1/privacy/customers/:id/erase',
    { schema: { tags, params: idParam, body: eraseBody, response: { 200: erasureSchema } }, config: access },
    async (request) => {
      const result = await eraseCustomer(ctx, actorOf(request), request.params.id);
      await compactAfterErasure(ctx).catch((err: unknown) => ctx.log.warn({ err }, 'vacuum after erasure failed'));
      return result;
    },
  );

  app.get(
    '/api/v1/privacy/retention-policies',
    { schema: { tags, response: { 200: z.object({ data: z.array(policySchema) }) } }, config: access },
    async () => ({ data: (await retention.listPolicies(ctx)).map(presentPolicy) }),
  );
  app.post(
    '/api/v1/privacy/retention-policies',
    { schema: { tags, body: policyBody, response: { 201: policySchema } }, config: access },
    async (request, reply) => reply.status(201).send(presentPolicy(await retention.createPolicy(ctx, actorOf(request), request.body))),
  );
  app.delete('/api/v1/privacy/retention-policies/:id', { schema: { tags, params: idParam }, config: access }, async (request, reply) => {
    await retention.deletePolicy(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.get(
    '/api/v1/privacy/legal-holds',
    { schema: { tags, response: { 200: z.object({ data: z.array(holdSchema) }) } }, config: access },
    async () => ({ data: (await retention.listHolds(ctx)).map(presentHold) }),
  );
  app.post(
    '/api/v1/privacy/legal-holds',
    { schema: { tags, body: holdBody, response: { 201: holdSchema } }, config: access },
    async (request, reply) => reply.status(201).send(presentHold(await retention.createHold(ctx, actorOf(request), request.body))),
  );
  app.post(
    '/api/v1/privacy/legal-holds/:id/release',
    { schema: { tags, params: idParam, response: { 200: holdSchema } }, config: access },
    async (request) => presentHold(await retention.releaseHold(ctx, actorOf(request), request.params.id)),
  );

  app.get(
    '/api/v1/privacy/retention-runs',
    { schema: { tags, response: { 200: z.object({ data: z.array(runSchema) }) } }, config: access },
    async () => ({ data: (await retention.listRuns(ctx)).map(presentRun) }),
  );
  app.post('/api/v1/privacy/retention-runs', { schema: { tags, response: { 201: runSchema } }, config: access }, async (_request, reply) =>
    reply.status(201).send(presentRun(await retention.runRetention(ctx))),
  );
}
