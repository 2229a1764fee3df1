import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { pageOf } from '../../platform/pagination.ts';
import { idParam, pathId } from '../../platform/schemas.ts';
import {
  createCustomerBody,
  createOrganizationBody,
  customerSchema,
  identityInput,
  listCustomersQuery,
  mergeCustomerBody,
  organizationSchema,
  updateCustomerBody,
  updateOrganizationBody,
} from './customers.schemas.ts';
import * as customers from './customers.service.ts';
import * as organizations from './organizations.service.ts';

const tags = ['customers'];
const orgTags = ['organizations'];

export function customerRoutes(app: App, ctx: Context): void {
  app.get(
    '/api/v1/customers',
    { schema: { tags, querystring: listCustomersQuery, response: { 200: pageOf(customerSchema) } }, config: { access: 'customers.read' } },
    (request) => customers.listCustomers(ctx, request.query),
  );
  app.post(
    '/api/v1/customers',
    { schema: { tags, body: createCustomerBody, response: { 201: customerSchema } }, config: { access: 'customers.write' } },
    async (request, reply) => reply.status(201).send(await customers.createCustomer(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/customers/:id',
    { schema: { tags, params: idParam, response: { 200: customerSchema } }, config: { access: 'customers.read' } },
    (request) => customers.getCustomer(ctx, request.params.id),
  );
  app.patch(
    '/api/v1/customers/:id',
    {
      schema: { tags, params: idParam, body: updateCustomerBody, response: { 200: customerSchema } },
      config: { access: 'customers.write' },
    },
    (request) => customers.updateCustomer(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/customers/:id/identities',
    { schema: { tags, params: idParam, body: identityInput, response: { 200: customerSchema } }, config: { access: 'customers.write' } },
    (request) => customers.addIdentity(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/customers/:id/identities/:identity_id',
    {
      schema: { tags, params: idParam.extend({ identity_id: pathId }), response: { 200: customerSchema } },
      config: { access: 'customers.write' },
    },
    (request) => customers.removeIdentity(ctx, actorOf(request), request.params.id, request.params.identity_id),
  );
  app.post(
    '/api/v1/customers/:id/merge',
    {
      schema: { tags, params: idParam, body: mergeCustomerBody, response: { 200: customerSchema } },
      config: { access: 'customers.merge' },
    },
    (request) => customers.mergeCustomers(ctx, actorOf(request), request.params.id, request.body.source_id),
  );

  app.get(
    '/api/v1/organizations',
    {
      schema: {
        tags: orgTags,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(25),
          cursor: z.string().max(500).optional(),
          q: z.string().max(200).optional(),
        }),
        response: { 200: pageOf(organizationSchema) },
      },
      config: { access: 'customers.read' },
    },
    (request) => organizations.listOrganizations(ctx, request.query),
  );
  app.post(
    '/api/v1/organizations',
    {
      schema: { tags: orgTags, body: createOrganizationBody, response: { 201: organizationSchema } },
      config: { access: 'organizations.write' },
    },
    async (request, reply) => reply.status(201).send(await organizations.createOrganization(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/organizations/:id',
    { schema: { tags: orgTags, params: idParam, response: { 200: organizationSchema } }, config: { access: 'customers.read' } },
    (request) => organizations.getOrganization(ctx, request.params.id),
  );
  app.patch(
    '/api/v1/organizations/:id',
    {
      schema: { tags: orgTags, params: idParam, body: updateOrganizationBody, response: { 200: organizationSchema } },
      config: { access: 'organizations.write' },
    },
    (request) => organizations.updateOrganization(ctx, actorOf(request), request.params.id, request.body),
  );
}
