import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import * as campaigns from './campaigns.service.ts';
import {
  accountBody,
  accountImportBody,
  accountSchema,
  attemptSchema,
  campaignBody,
  campaignSchema,
  customerIdParam,
  doNotContactBody,
  entrySchema,
  nextCustomerSchema,
  outcomeBody,
  previewSchema,
  segmentBody,
  segmentPatch,
  segmentSchema,
  sendResultSchema,
} from './proactive.schemas.ts';
import * as segments from './segments.service.ts';

const tags = ['proactive'];
const manage = { access: 'outbound.manage' as const };
const work = { access: 'customers.write' as const };
const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export function proactiveRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/segments', { schema: { tags, response: { 200: list(segmentSchema) } }, config: manage }, async () => ({
    data: await segments.listSegments(ctx),
  }));
  app.post(
    '/api/v1/segments',
    { schema: { tags, body: segmentBody, response: { 201: segmentSchema } }, config: manage },
    async (request, reply) => reply.status(201).send(await segments.createSegment(ctx, actorOf(request), request.body)),
  );
  app.get('/api/v1/segments/:id', { schema: { tags, params: idParam, response: { 200: segmentSchema } }, config: manage }, (request) =>
    segments.getSegment(ctx, request.params.id),
  );
  app.patch(
    '/api/v1/segments/:id',
    { schema: { tags, params: idParam, body: segmentPatch, response: { 200: segmentSchema } }, config: manage },
    (request) => segments.updateSegment(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/segments/:id/preview',
    {
      schema: {
        tags,
        params: idParam,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: previewSchema },
      },
      config: manage,
    },
    (request) => segments.previewSegment(ctx, request.params.id, request.query.limit),
  );
  app.get('/api/v1/segments/:id/export.csv', { schema: { tags, params: idParam }, config: manage }, async (request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="segment-${request.params.id}.csv"`)
      .send(await segments.exportSegmentCsv(ctx, request.params.id)),
  );

  app.put(
    '/api/v1/customers/:customer_id/account',
    { schema: { tags, params: customerIdParam, body: accountBody, response: { 200: accountSchema } }, config: manage },
    (request) => segments.setAccount(ctx, actorOf(request), request.params.customer_id, request.body),
  );
  app.post(
    '/api/v1/customer-accounts/import',
    { schema: { tags, body: accountImportBody, response: { 200: z.object({ imported: z.number() }) } }, config: manage },
    (request) => segments.importAccounts(ctx, actorOf(request), request.body),
  );
  app.put(
    '/api/v1/customers/:customer_id/do-not-contact',
    { schema: { tags, params: customerIdParam, body: doNotContactBody }, config: work },
    async (request, reply) => {
      await campaigns.addDoNotContact(ctx, actorOf(request), request.params.customer_id, request.body.reason);
      return reply.status(204).send();
    },
  );
  app.delete(
    '/api/v1/customers/:customer_id/do-not-contact',
    { schema: { tags, params: customerIdParam }, config: manage },
    async (request, reply) => {
      await campaigns.removeDoNotContact(ctx, actorOf(request), request.params.customer_id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/customers/:customer_id/contact-attempts',
    { schema: { tags, params: customerIdParam, response: { 200: list(attemptSchema) } }, config: { access: 'customers.read' } },
    async (request) => ({ data: await campaigns.customerAttempts(ctx, request.params.customer_id) }),
  );

  app.get('/api/v1/campaigns', { schema: { tags, response: { 200: list(campaignSchema) } }, config: work }, async () => ({
    data: await campaigns.listCampaigns(ctx),
  }));
  app.post(
    '/api/v1/campaigns',
    { schema: { tags, body: campaignBody, response: { 201: campaignSchema } }, config: manage },
    async (request, reply) => reply.status(201).send(await campaigns.createCampaign(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/campaigns/:id',
    { schema: { tags, params: idParam, response: { 200: campaignSchema.extend({ entries: z.array(entrySchema) }) } }, config: work },
    (request) => campaigns.getCampaign(ctx, request.params.id),
  );
  app.post(
    '/api/v1/campaigns/:id/next',
    { schema: { tags, params: idParam, response: { 200: nextCustomerSchema } }, config: work },
    (request) => campaigns.nextCustomer(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/campaigns/:id/send',
    { schema: { tags, params: idParam, response: { 200: sendResultSchema } }, config: manage },
    (request) => campaigns.sendCampaign(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/call-list-entries/:id/outcome',
    { schema: { tags, params: idParam, body: outcomeBody, response: { 201: attemptSchema } }, config: work },
    async (request, reply) => reply.status(201).send(await campaigns.recordOutcome(ctx, actorOf(request), request.params.id, request.body)),
  );
}
