import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import {
  createdSubscriptionSchema,
  deliveriesQuery,
  deliveryParams,
  deliverySchema,
  subscriptionBody,
  subscriptionPatch,
  subscriptionSchema,
} from './webhooks.schemas.ts';
import * as webhooks from './webhooks.service.ts';

const tags = ['webhooks'];
const access = 'settings.manage' as const;
const queued = z.object({ queued: z.boolean() });

export function webhookRoutes(app: App, ctx: Context): void {
  app.get(
    '/api/v1/webhooks',
    { schema: { tags, response: { 200: z.object({ data: z.array(subscriptionSchema) }) } }, config: { access } },
    async () => ({ data: await webhooks.listSubscriptions(ctx) }),
  );
  app.post(
    '/api/v1/webhooks',
    { schema: { tags, body: subscriptionBody, response: { 201: createdSubscriptionSchema } }, config: { access } },
    async (request, reply) => reply.status(201).send(await webhooks.createSubscription(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/webhooks/:id',
    { schema: { tags, params: idParam, response: { 200: subscriptionSchema } }, config: { access } },
    (request) => webhooks.getSubscription(ctx, request.params.id),
  );
  app.patch(
    '/api/v1/webhooks/:id',
    { schema: { tags, params: idParam, body: subscriptionPatch, response: { 200: subscriptionSchema } }, config: { access } },
    (request) => webhooks.updateSubscription(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/webhooks/:id', { schema: { tags, params: idParam }, config: { access } }, async (request, reply) => {
    await webhooks.deleteSubscription(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  app.post(
    '/api/v1/webhooks/:id/enable',
    { schema: { tags, params: idParam, response: { 200: subscriptionSchema } }, config: { access } },
    (request) => webhooks.enableSubscription(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/webhooks/:id/ping',
    { schema: { tags, params: idParam, response: { 202: queued } }, config: { access } },
    async (request, reply) => reply.status(202).send(await webhooks.pingSubscription(ctx, actorOf(request), request.params.id)),
  );
  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        params: idParam,
        querystring: deliveriesQuery,
        response: { 200: z.object({ data: z.array(deliverySchema), next_cursor: z.string().nullable() }) },
      },
      config: { access },
    },
    (request) => webhooks.listDeliveries(ctx, request.params.id, request.query),
  );
  app.post(
    '/api/v1/webhooks/:id/deliveries/:delivery_id/redeliver',
    { schema: { tags, params: deliveryParams, response: { 202: queued } }, config: { access } },
    async (request, reply) => reply.status(202).send(await webhooks.redeliver(ctx, request.params.id, request.params.delivery_id)),
  );
}
