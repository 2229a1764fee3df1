import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import * as views from './views.service.ts';

const viewSchema = z.object({
  id: z.number(),
  name: z.string(),
  query: z.string(),
  shared: z.boolean(),
  position: z.number(),
  count: z.number().nullable().describe('tickets in the view now; null if its query no longer parses'),
  updated_at: z.string(),
});
const createViewBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  query: z.string().max(1000),
  shared: z.boolean().optional().describe('visible to every agent (managers and admins)'),
  position: z.number().int().min(0).max(10_000).optional(),
});
const updateViewBody = createViewBody.omit({ shared: true }).partial();
const tags = ['views'];

export function viewRoutes(app: App, ctx: Context): void {
  app.get(
    '/api/v1/views',
    { schema: { tags, response: { 200: z.object({ data: z.array(viewSchema) }) } }, config: { access: 'tickets.read_all' } },
    async (request) => ({ data: await views.listViews(ctx, actorOf(request)) }),
  );
  app.post(
    '/api/v1/views',
    { schema: { tags, body: createViewBody, response: { 201: viewSchema } }, config: { access: 'tickets.read_all' } },
    async (request, reply) => reply.status(201).send(await views.createView(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/views/:id',
    { schema: { tags, params: idParam, body: updateViewBody, response: { 200: viewSchema } }, config: { access: 'tickets.read_all' } },
    (request) => views.updateView(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/views/:id', { schema: { tags, params: idParam }, config: { access: 'tickets.read_all' } }, async (request, reply) => {
    await views.deleteView(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
}
