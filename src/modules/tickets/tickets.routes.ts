import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { pageOf, pageQuery } from '../../platform/pagination.ts';
import { idParam, pathId } from '../../platform/schemas.ts';
import { addComment } from './add-comment.ts';
import { bulkUpdateTickets } from './bulk-update.ts';
import { readAttachment, uploadAttachment } from './attachments.service.ts';
import { createTicket } from './create-ticket.ts';
import { listTickets } from './list-tickets.ts';
import { mergeTickets } from './merge-tickets.ts';
import { linkTickets, listLinks, unlinkTickets } from './ticket-links.ts';
import { getTicketForActor, listComments, listEvents } from './ticket-queries.ts';
import {
  attachmentSchema,
  commentSchema,
  createCommentBody,
  createLinkBody,
  createTicketBody,
  eventSchema,
  linkSchema,
  listTicketsQuery,
  mergeTicketBody,
  ticketSchema,
  updateTicketBody,
} from './tickets.schemas.ts';
import { updateTicket } from './update-ticket.ts';

const tags = ['tickets'];

/** Reads the one uploaded file; a broken multipart body is the client's mistake (400), an oversized file a 413. */
async function readUpload(request: FastifyRequest) {
  try {
    const part = await request.file();
    if (!part)
      throw new AppError('validation_failed', 'No file in the upload; send it in a field named "file".', [
        { path: 'file', message: 'required' },
      ]);
    return { part, data: await part.toBuffer() };
  } catch (error) {
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode === 413) throw error;
    throw new AppError('validation_failed', `The upload is not valid multipart/form-data: ${(error as Error).message}.`);
  }
}
const readers = ['tickets.read_all', 'tickets.read_own'] as const;

export function ticketRoutes(app: App, ctx: Context): void {
  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        description:
          'Search tickets. `q` takes the search language: `status:open`, `status<solved`, `priority:p1`, `assignee:me|none`, `group:…`, `tag:…`, `category:…`, `requester:alice@example.com`, `channel:email`, `created>2026-01-01`, `updated<7d`, `-tag:vip`, quoted phrases and free text; `order_by:created|updated|priority|status|id` and `sort:asc|desc`.',
        querystring: listTicketsQuery,
        response: { 200: pageOf(ticketSchema) },
      },
      config: { access: [...readers] },
    },
    (request) => listTickets(ctx, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/tickets',
    { schema: { tags, body: createTicketBody, response: { 201: ticketSchema } }, config: { access: 'tickets.create' } },
    async (request, reply) => {
      const ticket = await createTicket(ctx, actorOf(request), request.body);
      return reply.status(201).header('location', `/api/v1/tickets/${ticket.id}`).send(ticket);
    },
  );

  app.post(
    '/api/v1/tickets/bulk',
    {
      schema: {
        tags,
        description: 'Apply the same changes to up to 100 tickets; each succeeds or fails on its own.',
        body: z.strictObject({
          ids: z.array(z.number().int().positive()).min(1).max(100),
          changes: updateTicketBody.omit({ version: true }),
        }),
        response: {
          200: z.object({
            data: z.array(
              z.object({
                id: z.number(),
                ok: z.boolean(),
                ticket: ticketSchema.optional(),
                error: z.object({ code: z.string(), detail: z.string() }).optional(),
              }),
            ),
          }),
        },
      },
      config: { access: 'tickets.update' },
    },
    async (request) => ({ data: await bulkUpdateTickets(ctx, actorOf(request), request.body.ids, request.body.changes) }),
  );

  app.get(
    '/api/v1/tickets/:id',
    { schema: { tags, params: idParam, response: { 200: ticketSchema } }, config: { access: [...readers] } },
    (request) => getTicketForActor(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/tickets/:id',
    { schema: { tags, params: idParam, body: updateTicketBody, response: { 200: ticketSchema } }, config: { access: 'tickets.update' } },
    (request) => {
      const ifMatch = request.headers['if-match'];
      const version =
        request.body.version ??
        (typeof ifMatch === 'string' && /^"?\d+"?$/.test(ifMatch) ? Number(ifMatch.replaceAll('"', '')) : undefined);
      return updateTicket(ctx, actorOf(request), request.params.id, { ...request.body, version });
    },
  );

  app.get(
    '/api/v1/tickets/:id/comments',
    {
      schema: { tags, params: idParam, querystring: pageQuery, response: { 200: pageOf(commentSchema) } },
      config: { access: [...readers] },
    },
    (request) => listComments(ctx, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/tickets/:id/comments',
    {
      schema: { tags, params: idParam, body: createCommentBody, response: { 201: commentSchema } },
      config: { access: ['tickets.comment_public', 'tickets.comment_internal'] },
    },
    async (request, reply) => reply.status(201).send(await addComment(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/tickets/:id/events',
    {
      schema: {
        tags,
        params: idParam,
        querystring: pageQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: pageOf(eventSchema) },
      },
      config: { access: [...readers] },
    },
    (request) => listEvents(ctx, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/tickets/:id/merge',
    { schema: { tags, params: idParam, body: mergeTicketBody, response: { 200: ticketSchema } }, config: { access: 'tickets.merge' } },
    (request) => mergeTickets(ctx, actorOf(request), request.params.id, request.body.target_id),
  );

  app.get(
    '/api/v1/tickets/:id/links',
    { schema: { tags, params: idParam, response: { 200: z.object({ data: z.array(linkSchema) }) } }, config: { access: [...readers] } },
    async (request) => ({ data: await listLinks(ctx, actorOf(request), request.params.id) }),
  );
  app.post(
    '/api/v1/tickets/:id/links',
    {
      schema: { tags, params: idParam, body: createLinkBody, response: { 201: z.object({ data: z.array(linkSchema) }) } },
      config: { access: 'tickets.update' },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ data: await linkTickets(ctx, actorOf(request), request.params.id, request.body.target_id, request.body.kind) }),
  );
  app.delete(
    '/api/v1/tickets/:id/links/:link_id',
    {
      schema: { tags, params: idParam.extend({ link_id: pathId }), response: { 200: z.object({ data: z.array(linkSchema) }) } },
      config: { access: 'tickets.update' },
    },
    async (request) => ({ data: await unlinkTickets(ctx, actorOf(request), request.params.id, request.params.link_id) }),
  );

  app.post(
    '/api/v1/tickets/:id/attachments',
    {
      schema: { tags, params: idParam, consumes: ['multipart/form-data'], response: { 201: attachmentSchema } },
      config: { access: ['tickets.comment_public', 'tickets.comment_internal'] },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 'Upload the file as multipart/form-data in a field named "file".');
      const { part, data } = await readUpload(request);
      const attachment = await uploadAttachment(ctx, actorOf(request), request.params.id, {
        filename: part.filename,
        mimetype: part.mimetype,
        data,
      });
      return reply.status(201).send(attachment);
    },
  );

  app.post(
    '/api/v1/attachments',
    {
      schema: {
        tags,
        description: 'Upload a file before the ticket exists; name it in `attachment_ids` when creating the ticket.',
        consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema },
      },
      config: { access: 'tickets.create' },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 'Upload the file as multipart/form-data in a field named "file".');
      const { part, data } = await readUpload(request);
      const attachment = await uploadAttachment(ctx, actorOf(request), null, { filename: part.filename, mimetype: part.mimetype, data });
      return reply.status(201).send(attachment);
    },
  );

  app.get('/api/v1/attachments/:id', { schema: { tags, params: idParam }, config: { access: [...readers] } }, async (request, reply) => {
    const file = await readAttachment(ctx, actorOf(request), request.params.id);
    const inline = file.contentType.startsWith('image/') || file.contentType === 'application/pdf';
    return reply
      .type(file.contentType)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.data);
  });
}
