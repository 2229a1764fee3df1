import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import {
  categorySchema,
  createCategoryBody,
  createCustomFieldBody,
  createResolutionCodeBody,
  customFieldSchema,
  resolutionCodeSchema,
  ticketSettingsSchema,
  updateCategoryBody,
  updateCustomFieldBody,
  updateTicketSettingsBody,
} from './taxonomy.schemas.ts';
import * as taxonomy from './taxonomy.service.ts';

const tags = ['taxonomy'];

export function taxonomyRoutes(app: App, ctx: Context): void {
  // Customers see the taxonomy too: the portal's request form offers it.
  app.get(
    '/api/v1/categories',
    { schema: { tags, response: { 200: z.object({ data: z.array(categorySchema) }) } }, config: { access: 'signed_in' } },
    async () => ({ data: await taxonomy.listCategories(ctx) }),
  );
  app.post(
    '/api/v1/categories',
    { schema: { tags, body: createCategoryBody, response: { 201: categorySchema } }, config: { access: 'taxonomy.manage' } },
    async (request, reply) => reply.status(201).send(await taxonomy.createCategory(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/categories/:id',
    {
      schema: { tags, params: idParam, body: updateCategoryBody, response: { 200: categorySchema } },
      config: { access: 'taxonomy.manage' },
    },
    (request) => taxonomy.updateCategory(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/custom-fields',
    { schema: { tags, response: { 200: z.object({ data: z.array(customFieldSchema) }) } }, config: { access: 'signed_in' } },
    async () => ({ data: await taxonomy.listCustomFields(ctx) }),
  );
  app.post(
    '/api/v1/custom-fields',
    { schema: { tags, body: createCustomFieldBody, response: { 201: customFieldSchema } }, config: { access: 'custom_fields.manage' } },
    async (request, reply) => reply.status(201).send(await taxonomy.createCustomField(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/custom-fields/:id',
    {
      schema: { tags, params: idParam, body: updateCustomFieldBody, response: { 200: customFieldSchema } },
      config: { access: 'custom_fields.manage' },
    },
    (request) => taxonomy.updateCustomField(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/resolution-codes',
    { schema: { tags, response: { 200: z.object({ data: z.array(resolutionCodeSchema) }) } }, config: { access: 'tickets.read_all' } },
    async () => ({ data: await taxonomy.listResolutionCodes(ctx) }),
  );
  app.post(
    '/api/v1/resolution-codes',
    { schema: { tags, body: createResolutionCodeBody, response: { 200: resolutionCodeSchema } }, config: { access: 'taxonomy.manage' } },
    (request) => taxonomy.upsertResolutionCode(ctx, actorOf(request), request.body),
  );

  app.get(
    '/api/v1/settings/tickets',
    { schema: { tags: ['settings'], response: { 200: ticketSettingsSchema } }, config: { access: 'tickets.read_all' } },
    () => taxonomy.getTicketSettings(ctx.db),
  );
  app.patch(
    '/api/v1/settings/tickets',
    {
      schema: { tags: ['settings'], body: updateTicketSettingsBody, response: { 200: ticketSettingsSchema } },
      config: { access: 'settings.manage' },
    },
    (request) => taxonomy.updateTicketSettings(ctx, actorOf(request), request.body),
  );
}
