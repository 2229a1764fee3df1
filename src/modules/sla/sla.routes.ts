import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import { renderStatement } from './sla-statement.ts';
import {
  atRiskQuery,
  atRiskSchema,
  calendarBody,
  calendarPatch,
  calendarSchema,
  organizationSlaSchema,
  policyBody,
  policyPatch,
  policySchema,
  recomputeSchema,
  reorderBody,
  ticketSlaSchema,
} from './sla.schemas.ts';
import * as sla from './sla.service.ts';

const tags = ['sla'];
const admin = 'settings.manage' as const;
// Agents and analysts read the configuration; only admins change it.
const reader = 'tickets.read_all' as const;

export function slaRoutes(app: App, ctx: Context): void {
  // Business-hours calendars.
  app.get(
    '/api/v1/business-hours',
    { schema: { tags, response: { 200: z.object({ data: z.array(calendarSchema) }) } }, config: { access: reader } },
    async () => ({ data: await sla.listCalendars(ctx) }),
  );
  app.get(
    '/api/v1/business-hours/:id',
    { schema: { tags, params: idParam, response: { 200: calendarSchema } }, config: { access: reader } },
    (request) => sla.getCalendar(ctx, request.params.id),
  );
  app.post(
    '/api/v1/business-hours',
    { schema: { tags, body: calendarBody, response: { 201: calendarSchema } }, config: { access: admin } },
    async (request, reply) => reply.status(201).send(await sla.createCalendar(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/business-hours/:id',
    { schema: { tags, params: idParam, body: calendarPatch, response: { 200: calendarSchema } }, config: { access: admin } },
    (request) => sla.updateCalendar(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/business-hours/:id', { schema: { tags, params: idParam }, config: { access: admin } }, async (request, reply) => {
    await sla.deleteCalendar(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  // SLA policies, in order: the first active one whose conditions match a ticket applies.
  app.get(
    '/api/v1/sla-policies',
    { schema: { tags, response: { 200: z.object({ data: z.array(policySchema) }) } }, config: { access: reader } },
    async () => ({ data: await sla.listPolicies(ctx) }),
  );
  app.get(
    '/api/v1/sla-policies/:id',
    { schema: { tags, params: idParam, response: { 200: policySchema } }, config: { access: reader } },
    (request) => sla.getPolicy(ctx, request.params.id),
  );
  app.post(
    '/api/v1/sla-policies',
    { schema: { tags, body: policyBody, response: { 201: policySchema } }, config: { access: admin } },
    async (request, reply) => reply.status(201).send(await sla.createPolicy(ctx, actorOf(request), request.body)),
  );
  app.put(
    '/api/v1/sla-policies/order',
    { schema: { tags, body: reorderBody, response: { 200: z.object({ data: z.array(policySchema) }) } }, config: { access: admin } },
    async (request) => ({ data: await sla.reorderPolicies(ctx, actorOf(request), request.body.ids) }),
  );
  app.patch(
    '/api/v1/sla-policies/:id',
    { schema: { tags, params: idParam, body: policyPatch, response: { 200: policySchema } }, config: { access: admin } },
    (request) => sla.updatePolicy(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/sla-policies/:id', { schema: { tags, params: idParam }, config: { access: admin } }, async (request, reply) => {
    await sla.deletePolicy(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  app.post('/api/v1/sla/recompute', { schema: { tags, response: { 200: recomputeSchema } }, config: { access: admin } }, async () => {
    const result = await sla.recomputeOpenTickets(ctx);
    return { tickets: result.tickets, clocks: result.clocks, ms: Math.round(result.ms) };
  });

  // Clocks.
  app.get(
    '/api/v1/tickets/:id/sla',
    { schema: { tags, params: idParam, response: { 200: ticketSlaSchema } }, config: { access: reader } },
    (request) => sla.ticketSla(ctx, request.params.id),
  );
  app.get(
    '/api/v1/sla/at-risk',
    { schema: { tags, querystring: atRiskQuery, response: { 200: atRiskSchema } }, config: { access: reader } },
    (request) => sla.atRisk(ctx, request.query),
  );

  // The customer-facing statement: JSON, and a printable page.
  app.get(
    '/api/v1/organizations/:id/sla',
    {
      schema: { tags, params: idParam, response: { 200: organizationSlaSchema } },
      config: { access: ['tickets.read_all', 'tickets.read_own'] },
    },
    (request) => sla.organizationSla(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/sla/organizations/:id',
    { schema: { hide: true, params: idParam }, config: { access: ['tickets.read_all', 'tickets.read_own'] } },
    async (request, reply) => {
      const statement = await sla.organizationSla(ctx, actorOf(request), request.params.id);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .send(renderStatement(statement, ctx.clock.now()));
    },
  );
}
