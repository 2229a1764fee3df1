import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { pageOf } from '../../platform/pagination.ts';
import { idParam } from '../../platform/schemas.ts';
import * as admin from './channels-admin.service.ts';
import {
  channelMessageSchema,
  commentIdParam,
  connectionBody,
  connectionPatch,
  connectionSchema,
  inboundEmailSchema,
  inboundListQuery,
  mailboxBody,
  mailboxPatch,
  mailboxSchema,
  supportAddressBody,
  supportAddressPatch,
  supportAddressSchema,
} from './channels.schemas.ts';
import { messagingRoutes } from './messaging/messaging.routes.ts';
import { voiceRoutes } from './voice/voice.routes.ts';

const tags = ['channels'];
const settings = 'settings.manage' as const;
const agent = 'tickets.read_all' as const;

export function channelRoutes(app: App, ctx: Context): void {
  app.get(
    '/api/v1/channels/support-addresses',
    { schema: { tags, response: { 200: z.object({ data: z.array(supportAddressSchema) }) } }, config: { access: settings } },
    async () => ({ data: await admin.listSupportAddresses(ctx) }),
  );
  app.post(
    '/api/v1/channels/support-addresses',
    { schema: { tags, body: supportAddressBody, response: { 201: supportAddressSchema } }, config: { access: settings } },
    async (request, reply) => reply.status(201).send(await admin.createSupportAddress(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/channels/support-addresses/:id',
    { schema: { tags, params: idParam, body: supportAddressPatch, response: { 200: supportAddressSchema } }, config: { access: settings } },
    (request) => admin.updateSupportAddress(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/channels/support-addresses/:id',
    { schema: { tags, params: idParam }, config: { access: settings } },
    async (request, reply) => {
      await admin.deleteSupportAddress(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/channels/mailboxes',
    { schema: { tags, response: { 200: z.object({ data: z.array(mailboxSchema) }) } }, config: { access: settings } },
    async () => ({ data: await admin.listMailboxes(ctx) }),
  );
  app.post(
    '/api/v1/channels/mailboxes',
    { schema: { tags, body: mailboxBody, response: { 201: mailboxSchema } }, config: { access: settings } },
    async (request, reply) => reply.status(201).send(await admin.createMailbox(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/channels/mailboxes/:id',
    { schema: { tags, params: idParam, body: mailboxPatch, response: { 200: mailboxSchema } }, config: { access: settings } },
    (request) => admin.updateMailbox(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/channels/mailboxes/:id',
    { schema: { tags, params: idParam }, config: { access: settings } },
    async (request, reply) => {
      await admin.deleteMailbox(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/channels/messaging-connections',
    { schema: { tags, response: { 200: z.object({ data: z.array(connectionSchema) }) } }, config: { access: settings } },
    async () => ({ data: await admin.listConnections(ctx) }),
  );
  app.post(
    '/api/v1/channels/messaging-connections',
    { schema: { tags, body: connectionBody, response: { 201: connectionSchema } }, config: { access: settings } },
    async (request, reply) => reply.status(201).send(await admin.createConnection(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/channels/messaging-connections/:id',
    { schema: { tags, params: idParam, body: connectionPatch, response: { 200: connectionSchema } }, config: { access: settings } },
    (request) => admin.updateConnection(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/channels/messaging-connections/:id/rotate-secret',
    { schema: { tags, params: idParam, response: { 200: connectionSchema } }, config: { access: settings } },
    (request) => admin.updateConnection(ctx, actorOf(request), request.params.id, {}, true),
  );
  app.delete(
    '/api/v1/channels/messaging-connections/:id',
    { schema: { tags, params: idParam }, config: { access: settings } },
    async (request, reply) => {
      await admin.deleteConnection(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/channels/inbound-emails',
    { schema: { tags, querystring: inboundListQuery, response: { 200: pageOf(inboundEmailSchema) } }, config: { access: settings } },
    (request) => admin.listInboundEmails(ctx, request.query),
  );
  app.get(
    '/api/v1/channels/inbound-emails/:id/raw',
    { schema: { tags, params: idParam }, config: { access: settings } },
    async (request, reply) => {
      const raw = await admin.readInboundRaw(ctx, request.params.id);
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="inbound-${request.params.id}.eml"`)
        .send(raw);
    },
  );
  app.post(
    '/api/v1/channels/inbound-emails/:id/reprocess',
    { schema: { tags, params: idParam, response: { 200: inboundEmailSchema } }, config: { access: settings } },
    (request) => admin.reprocessInboundEmail(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/channels/messages/:comment_id',
    { schema: { tags, params: commentIdParam, response: { 200: channelMessageSchema } }, config: { access: agent } },
    (request) => admin.getChannelMessage(ctx, request.params.comment_id),
  );
  app.get(
    '/api/v1/tickets/:id/channel-messages',
    { schema: { tags, params: idParam, response: { 200: z.object({ data: z.array(channelMessageSchema) }) } }, config: { access: agent } },
    async (request) => ({ data: await admin.listTicketChannelMessages(ctx, request.params.id) }),
  );

  voiceRoutes(app, ctx);
  messagingRoutes(app, ctx);
}
