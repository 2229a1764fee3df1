import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { pageOf } from '../../platform/pagination.ts';
import { can } from '../../platform/permissions.ts';
import { idParam } from '../../platform/schemas.ts';
import * as groupsService from './groups.service.ts';
import {
  createGroupBody,
  createUserBody,
  groupSchema,
  listUsersQuery,
  updateGroupBody,
  updateUserBody,
  userSchema,
} from './users.schemas.ts';
import * as users from './users.service.ts';

const tags = ['users'];

export function userRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/me', { schema: { tags, response: { 200: userSchema } }, config: { access: 'signed_in' } }, (request) =>
    users.getUser(ctx, actorOf(request).userId),
  );

  app.get(
    '/api/v1/users',
    { schema: { tags, querystring: listUsersQuery, response: { 200: pageOf(userSchema) } }, config: { access: 'users.read' } },
    (request) => users.listUsers(ctx, request.query),
  );

  app.post(
    '/api/v1/users',
    { schema: { tags, body: createUserBody, response: { 201: userSchema } }, config: { access: 'users.manage' } },
    async (request, reply) => reply.status(201).send(await users.createUser(ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/users/:id',
    { schema: { tags, params: idParam, response: { 200: userSchema } }, config: { access: 'signed_in' } },
    (request) => {
      const actor = actorOf(request);
      if (actor.userId !== request.params.id && !can(actor.role, 'users.read')) throw forbidden();
      return users.getUser(ctx, request.params.id);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    { schema: { tags, params: idParam, body: updateUserBody, response: { 200: userSchema } }, config: { access: 'users.manage' } },
    (request) => users.updateUser(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/groups',
    { schema: { tags: ['groups'], response: { 200: z.object({ data: z.array(groupSchema) }) } }, config: { access: 'users.read' } },
    async () => ({ data: await groupsService.listGroups(ctx) }),
  );

  app.post(
    '/api/v1/groups',
    { schema: { tags: ['groups'], body: createGroupBody, response: { 201: groupSchema } }, config: { access: 'groups.manage' } },
    async (request, reply) => reply.status(201).send(await groupsService.createGroup(ctx, actorOf(request), request.body)),
  );

  app.patch(
    '/api/v1/groups/:id',
    {
      schema: { tags: ['groups'], params: idParam, body: updateGroupBody, response: { 200: groupSchema } },
      config: { access: 'groups.manage' },
    },
    (request) => groupsService.updateGroup(ctx, actorOf(request), request.params.id, request.body),
  );
}
