import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import { ticketSchema } from '../tickets/index.ts';
import { runAutomations } from './automation-scan.ts';
import {
  automationBody,
  automationPatch,
  automationSchema,
  macroApplyBody,
  macroApplyParams,
  macroBody,
  macroListQuery,
  macroPatch,
  macroPreviewSchema,
  macroSchema,
  reorderBody,
  scanResultSchema,
  triggerBody,
  triggerPatch,
  triggerSchema,
} from './automation.schemas.ts';
import * as automations from './automations.service.ts';
import * as macros from './macros.service.ts';
import * as triggers from './triggers.service.ts';

const admin = 'settings.manage' as const;
const agent = 'tickets.update' as const;

export function automationRoutes(app: App, ctx: Context): void {
  // Triggers: conditions → actions on every ticket change, in order.
  const tags = ['triggers'];
  app.get(
    '/api/v1/triggers',
    { schema: { tags, response: { 200: z.object({ data: z.array(triggerSchema) }) } }, config: { access: admin } },
    async () => ({ data: await triggers.listTriggers(ctx) }),
  );
  app.post(
    '/api/v1/triggers',
    { schema: { tags, body: triggerBody, response: { 201: triggerSchema } }, config: { access: admin } },
    async (request, reply) => reply.status(201).send(await triggers.createTrigger(ctx, actorOf(request), request.body)),
  );
  app.put(
    '/api/v1/triggers/order',
    { schema: { tags, body: reorderBody, response: { 200: z.object({ data: z.array(triggerSchema) }) } }, config: { access: admin } },
    async (request) => ({ data: await triggers.reorderTriggers(ctx, actorOf(request), request.body.ids) }),
  );
  app.get(
    '/api/v1/triggers/:id',
    { schema: { tags, params: idParam, response: { 200: triggerSchema } }, config: { access: admin } },
    (request) => triggers.getTrigger(ctx, request.params.id),
  );
  app.patch(
    '/api/v1/triggers/:id',
    { schema: { tags, params: idParam, body: triggerPatch, response: { 200: triggerSchema } }, config: { access: admin } },
    (request) => triggers.updateTrigger(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/triggers/:id', { schema: { tags, params: idParam }, config: { access: admin } }, async (request, reply) => {
    await triggers.deleteTrigger(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  // Time-based automations.
  const timeTags = ['automations'];
  app.get(
    '/api/v1/automations',
    { schema: { tags: timeTags, response: { 200: z.object({ data: z.array(automationSchema) }) } }, config: { access: admin } },
    async () => ({ data: await automations.listAutomations(ctx) }),
  );
  app.post(
    '/api/v1/automations',
    { schema: { tags: timeTags, body: automationBody, response: { 201: automationSchema } }, config: { access: admin } },
    async (request, reply) => reply.status(201).send(await automations.createAutomation(ctx, actorOf(request), request.body)),
  );
  app.post('/api/v1/automations/run', { schema: { tags: timeTags, response: { 200: scanResultSchema } }, config: { access: admin } }, () =>
    runAutomations(ctx),
  );
  app.get(
    '/api/v1/automations/:id',
    { schema: { tags: timeTags, params: idParam, response: { 200: automationSchema } }, config: { access: admin } },
    (request) => automations.getAutomation(ctx, request.params.id),
  );
  app.patch(
    '/api/v1/automations/:id',
    { schema: { tags: timeTags, params: idParam, body: automationPatch, response: { 200: automationSchema } }, config: { access: admin } },
    (request) => automations.updateAutomation(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/automations/:id',
    { schema: { tags: timeTags, params: idParam }, config: { access: admin } },
    async (request, reply) => {
      await automations.deleteAutomation(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  // Macros: agents list and apply them; admins write them.
  const macroTags = ['macros'];
  app.get(
    '/api/v1/macros',
    {
      schema: { tags: macroTags, querystring: macroListQuery, response: { 200: z.object({ data: z.array(macroSchema) }) } },
      config: { access: agent },
    },
    async (request) => ({ data: await macros.listMacros(ctx, request.query.include_inactive === 'true') }),
  );
  app.post(
    '/api/v1/macros',
    { schema: { tags: macroTags, body: macroBody, response: { 201: macroSchema } }, config: { access: admin } },
    async (request, reply) => reply.status(201).send(await macros.createMacro(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/macros/:id',
    { schema: { tags: macroTags, params: idParam, response: { 200: macroSchema } }, config: { access: agent } },
    (request) => macros.getMacro(ctx, request.params.id),
  );
  app.patch(
    '/api/v1/macros/:id',
    { schema: { tags: macroTags, params: idParam, body: macroPatch, response: { 200: macroSchema } }, config: { access: admin } },
    (request) => macros.updateMacro(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/macros/:id', { schema: { tags: macroTags, params: idParam }, config: { access: admin } }, async (request, reply) => {
    await macros.deleteMacro(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  app.get(
    '/api/v1/tickets/:id/macros/:macro_id/preview',
    { schema: { tags: macroTags, params: macroApplyParams, response: { 200: macroPreviewSchema } }, config: { access: agent } },
    async (request) => {
      const { macro, changes, reply } = await macros.previewMacro(ctx, actorOf(request), request.params.id, request.params.macro_id);
      return { macro_id: macro.id, ticket_id: request.params.id, changes: { ...changes } as Record<string, unknown>, reply };
    },
  );
  app.post(
    '/api/v1/tickets/:id/macros/:macro_id/apply',
    {
      schema: { tags: macroTags, params: macroApplyParams, body: macroApplyBody, response: { 200: ticketSchema } },
      config: { access: agent },
    },
    (request) => macros.applyMacro(ctx, actorOf(request), request.params.id, request.params.macro_id, request.body ?? {}),
  );
}
