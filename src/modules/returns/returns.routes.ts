import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import { signatureHeader, verifySignature } from '../webhooks/index.ts';
import { returnAnalytics } from './returns-analytics.ts';
import {
  agentClaimBody,
  analyticsQuery,
  analyticsSchema,
  claimSchema,
  correctionBody,
  listClaimsQuery,
  myClaimBody,
  transitionBody,
  warehouseEventBody,
} from './returns.schemas.ts';
import * as returns from './returns.service.ts';

const tags = ['returns'];
const agents = { access: 'returns.manage' as const };
const list = z.object({ data: z.array(claimSchema) });

export function returnRoutes(app: App, ctx: Context): void {
  // The customer's own claims, from the portal.
  app.get('/api/v1/my/return-claims', { schema: { tags, response: { 200: list } }, config: { access: 'tickets.read_own' } }, (request) =>
    returns.listClaims(ctx, actorOf(request), { limit: 200 }),
  );
  app.post(
    '/api/v1/my/return-claims',
    { schema: { tags, body: myClaimBody, response: { 201: claimSchema } }, config: { access: 'tickets.read_own' } },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await returns.fileClaim(ctx, actor, actor.customerId, request.body));
    },
  );
  app.patch(
    '/api/v1/my/return-claims/:id',
    { schema: { tags, params: idParam, body: correctionBody, response: { 200: claimSchema } }, config: { access: 'tickets.read_own' } },
    (request) => returns.correctClaim(ctx, actorOf(request), request.params.id, request.body),
  );

  // Agents.
  app.get('/api/v1/return-claims', { schema: { tags, querystring: listClaimsQuery, response: { 200: list } }, config: agents }, (request) =>
    returns.listClaims(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/return-claims',
    { schema: { tags, body: agentClaimBody, response: { 201: claimSchema } }, config: agents },
    async (request, reply) => {
      const { customer_id, ...claim } = request.body;
      return reply.status(201).send(await returns.fileClaim(ctx, actorOf(request), customer_id, claim));
    },
  );
  app.get('/api/v1/return-claims/:id', { schema: { tags, params: idParam, response: { 200: claimSchema } }, config: agents }, (request) =>
    returns.getClaim(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/return-claims/:id',
    { schema: { tags, params: idParam, body: correctionBody, response: { 200: claimSchema } }, config: agents },
    (request) => returns.correctClaim(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/return-claims/:id/transitions',
    { schema: { tags, params: idParam, body: transitionBody, response: { 200: claimSchema } }, config: agents },
    (request) => returns.transitionClaim(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/return-analytics',
    { schema: { tags, querystring: analyticsQuery, response: { 200: analyticsSchema } }, config: agents },
    (request) => returnAnalytics(ctx, request.query),
  );
  app.post(
    '/api/v1/return-settings/warehouse-secret',
    { schema: { tags, response: { 200: z.object({ secret: z.string() }) } }, config: { access: 'settings.manage' } },
    (request) => returns.rotateWarehouseSecret(ctx, actorOf(request)),
  );

  // The warehouse system's events, signed like our own webhooks: `frontline-signature: t=…,v1=HMAC(secret, "t.body")`.
  app.register(async (scope: App) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
      done(null, String(body)),
    );
    scope.post(
      '/api/v1/warehouse/events',
      { schema: { tags, response: { 200: claimSchema } }, config: { access: 'public' } },
      async (request) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        const secret = await returns.warehouseSecret(ctx.db);
        const header = request.headers[signatureHeader];
        if (
          !secret ||
          !verifySignature(secret, typeof header === 'string' ? header : undefined, raw, Math.floor(ctx.clock.now().getTime() / 1000))
        ) {
          throw new AppError('unauthenticated', 'The event signature is missing, wrong or too old.');
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          throw new AppError('validation_failed', 'The body is not JSON.');
        }
        const result = warehouseEventBody.safeParse(parsed);
        if (!result.success) {
          throw new AppError(
            'validation_failed',
            'The event is not valid.',
            result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
          );
        }
        const event = result.data;
        const warehouse = { userId: null, role: 'system' as const, customerId: null, name: 'warehouse', via: 'system' as const };
        return returns.transitionClaim(ctx, warehouse, event.claim_id, {
          to: event.event,
          tracking_number: event.tracking_number,
          reason: event.note,
        });
      },
    );
  });
}
