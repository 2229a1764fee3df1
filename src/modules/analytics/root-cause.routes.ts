import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import {
  driversQuery,
  driversResponse,
  linkBody,
  problemBody,
  problemDetailSchema,
  problemListQuery,
  problemPatch,
  problemQuery,
  problemSchema,
  problemTicketParams,
} from './root-cause.schemas.ts';
import * as rootCause from './root-cause.service.ts';

const tags = ['analytics'];
const reader = 'analytics.read' as const;
const writer = 'analytics.manage' as const;

export function rootCauseRoutes(app: App, ctx: Context): void {
  app.get(
    '/api/v1/analytics/drivers',
    { schema: { tags, querystring: driversQuery, response: { 200: driversResponse } }, config: { access: reader } },
    (request) => rootCause.listDrivers(ctx, request.query),
  );
  app.get(
    '/api/v1/problems',
    {
      schema: {
        tags,
        querystring: problemListQuery,
        response: { 200: z.object({ data: z.array(problemSchema), next_cursor: z.string().nullable() }) },
      },
      config: { access: reader },
    },
    (request) => rootCause.listProblems(ctx, request.query),
  );
  app.post(
    '/api/v1/problems',
    { schema: { tags, body: problemBody, response: { 201: problemSchema } }, config: { access: writer } },
    async (request, reply) => reply.status(201).send(await rootCause.createProblem(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/problems/:id',
    { schema: { tags, params: idParam, querystring: problemQuery, response: { 200: problemDetailSchema } }, config: { access: reader } },
    (request) => rootCause.getProblem(ctx, request.params.id, request.query),
  );
  app.patch(
    '/api/v1/problems/:id',
    { schema: { tags, params: idParam, body: problemPatch, response: { 200: problemSchema } }, config: { access: writer } },
    (request) => rootCause.updateProblem(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/problems/:id', { schema: { tags, params: idParam }, config: { access: writer } }, async (request, reply) => {
    await rootCause.deleteProblem(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  app.get(
    '/api/v1/problems/:id/tickets',
    {
      schema: {
        tags,
        params: idParam,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: { 200: z.object({ ticket_ids: z.array(z.number()) }) },
      },
      config: { access: reader },
    },
    (request) => rootCause.problemTickets(ctx, request.params.id, request.query.limit),
  );
  app.post(
    '/api/v1/problems/:id/tickets',
    { schema: { tags, params: idParam, body: linkBody, response: { 200: z.object({ linked: z.number() }) } }, config: { access: writer } },
    (request) => rootCause.linkProblemTickets(ctx, actorOf(request), request.params.id, request.body.ticket_ids),
  );
  app.delete(
    '/api/v1/problems/:id/tickets/:ticket_id',
    { schema: { tags, params: problemTicketParams }, config: { access: writer } },
    async (request, reply) => {
      await rootCause.unlinkProblemTicket(ctx, actorOf(request), request.params.id, request.params.ticket_id);
      return reply.status(204).send();
    },
  );
}
