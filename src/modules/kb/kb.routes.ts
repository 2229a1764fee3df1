import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { pageOf } from '../../platform/pagination.ts';
import { idParam } from '../../platform/schemas.ts';
import * as articles from './articles.service.ts';
import { readArticleAttachment, uploadArticleAttachment } from './attachments.service.ts';
import * as catalog from './catalog.service.ts';
import {
  analyticsQuery,
  analyticsSchema,
  articleAnalyticsSchema,
  articleSchema,
  articleSummarySchema,
  autocompleteResponse,
  categoryBody,
  categoryPatch,
  categorySchema,
  createArticleBody,
  feedbackBody,
  feedbackSchema,
  helpSessionBody,
  helpSessionSchema,
  listArticlesQuery,
  localeQuery,
  markdownBody,
  outdatedBody,
  restoreBody,
  searchQuery,
  searchResponse,
  similarTicketsSchema,
  solvedWithBody,
  solvedWithSchema,
  suggestionsBody,
  ticketArticleParams,
  translationBody,
  translationParams,
  updateArticleBody,
  versionDetailSchema,
  versionParams,
  versionQuery,
  versionSchema,
  viewBody,
} from './kb.schemas.ts';
import { renderMarkdown } from './kb-text.ts';
import { autocomplete, searchKnowledgeBase } from './search.service.ts';
import * as selfService from './self-service.service.ts';

const tags = ['knowledge base'];
const writer = 'kb.write' as const;
const agentReader = 'kb.read_internal' as const;
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) });

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

export function kbRoutes(app: App, ctx: Context): void {
  // ── Articles ──
  app.get(
    '/api/v1/kb/articles',
    { schema: { tags, querystring: listArticlesQuery, response: { 200: pageOf(articleSummarySchema) } }, config: { access: 'public' } },
    (request) => catalog.listArticles(ctx, request.actor, request.query),
  );
  app.post(
    '/api/v1/kb/articles',
    { schema: { tags, body: createArticleBody, response: { 201: articleSchema } }, config: { access: writer } },
    async (request, reply) => reply.status(201).send(await articles.createArticle(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/kb/articles/:id',
    {
      schema: {
        tags,
        description: 'An article in `locale`, or in a fallback (its base language, then the default) with `fallback: true`.',
        params: idParam,
        querystring: localeQuery,
        response: { 200: articleSchema },
      },
      config: { access: 'public' },
    },
    (request) => articles.getArticle(ctx, request.actor, request.params.id, request.query.locale),
  );
  app.patch(
    '/api/v1/kb/articles/:id',
    { schema: { tags, params: idParam, body: updateArticleBody, response: { 200: articleSchema } }, config: { access: writer } },
    (request) => articles.updateArticle(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/kb/articles/:id', { schema: { tags, params: idParam }, config: { access: writer } }, async (request, reply) => {
    await articles.deleteArticle(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.post(
    '/api/v1/kb/preview',
    {
      schema: {
        tags,
        description: 'Markdown rendered as an article would be (sanitised HTML).',
        body: z.strictObject({ body: markdownBody }),
        response: { 200: z.object({ html: z.string() }) },
      },
      config: { access: writer },
    },
    async (request) => ({ html: renderMarkdown(request.body.body) }),
  );

  // ── Translations and versions ──
  app.put(
    '/api/v1/kb/articles/:id/translations/:locale',
    { schema: { tags, params: translationParams, body: translationBody, response: { 200: articleSchema } }, config: { access: writer } },
    (request) => articles.putTranslation(ctx, actorOf(request), request.params.id, request.params.locale, request.body),
  );
  app.delete(
    '/api/v1/kb/articles/:id/translations/:locale',
    { schema: { tags, params: translationParams }, config: { access: writer } },
    async (request, reply) => {
      await articles.deleteTranslation(ctx, actorOf(request), request.params.id, request.params.locale);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/kb/articles/:id/versions',
    {
      schema: { tags, params: idParam, querystring: localeQuery, response: { 200: z.object({ data: z.array(versionSchema) }) } },
      config: { access: agentReader },
    },
    async (request) => ({ data: await articles.listVersions(ctx, request.actor, request.params.id, request.query.locale) }),
  );
  app.get(
    '/api/v1/kb/articles/:id/versions/:version',
    {
      schema: { tags, params: versionParams, querystring: versionQuery, response: { 200: versionDetailSchema } },
      config: { access: agentReader },
    },
    (request) =>
      articles.getVersion(ctx, request.actor, request.params.id, request.params.version, {
        locale: request.query.locale,
        compareTo: request.query.compare_to,
      }),
  );
  app.post(
    '/api/v1/kb/articles/:id/versions/:version/restore',
    { schema: { tags, params: versionParams, body: restoreBody, response: { 200: articleSchema } }, config: { access: writer } },
    (request) => articles.restoreVersion(ctx, actorOf(request), request.params.id, request.params.version, request.body),
  );

  // ── Outdated flags, feedback, views, attachments ──
  app.post(
    '/api/v1/kb/articles/:id/outdated',
    { schema: { tags, params: idParam, body: outdatedBody, response: { 200: articleSchema } }, config: { access: agentReader } },
    (request) => articles.flagOutdated(ctx, actorOf(request), request.params.id, request.body.reason),
  );
  app.delete(
    '/api/v1/kb/articles/:id/outdated',
    { schema: { tags, params: idParam, response: { 200: articleSchema } }, config: { access: writer } },
    (request) => articles.flagOutdated(ctx, actorOf(request), request.params.id, null),
  );
  app.post(
    '/api/v1/kb/articles/:id/feedback',
    { schema: { tags, params: idParam, body: feedbackBody, response: { 201: feedbackSchema } }, config: { access: 'public' } },
    async (request, reply) => reply.status(201).send(await articles.addFeedback(ctx, request.actor, request.params.id, request.body)),
  );
  app.get(
    '/api/v1/kb/articles/:id/feedback',
    {
      schema: {
        tags,
        params: idParam,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
        response: { 200: z.object({ data: z.array(feedbackSchema) }) },
      },
      config: { access: agentReader },
    },
    async (request) => ({ data: await articles.listFeedback(ctx, request.params.id, { limit: request.query.limit }) }),
  );
  app.post(
    '/api/v1/kb/articles/:id/views',
    { schema: { tags, params: idParam, body: viewBody.optional() }, config: { access: 'public' } },
    async (request, reply) => {
      await selfService.recordView(ctx, request.actor, request.params.id, request.body?.visitor_key);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/kb/articles/:id/analytics',
    {
      schema: { tags, params: idParam, querystring: analyticsQuery, response: { 200: articleAnalyticsSchema } },
      config: { access: agentReader },
    },
    (request) => selfService.articleAnalytics(ctx, request.params.id, request.query.days),
  );
  app.post(
    '/api/v1/kb/articles/:id/attachments',
    { schema: { tags, params: idParam, consumes: ['multipart/form-data'] }, config: { access: writer } },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 'Upload the file as multipart/form-data in a field named "file".');
      const { part, data } = await readUpload(request);
      return reply.status(201).send(
        await uploadArticleAttachment(ctx, actorOf(request), request.params.id, {
          filename: part.filename,
          mimetype: part.mimetype,
          data,
        }),
      );
    },
  );
  app.get('/api/v1/kb/attachments/:id', { schema: { tags, params: idParam }, config: { access: 'public' } }, async (request, reply) => {
    const file = await readArticleAttachment(ctx, request.actor, request.params.id);
    const inline = file.contentType.startsWith('image/') || file.contentType === 'application/pdf';
    return reply
      .type(file.contentType)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.data);
  });

  // ── Categories ──
  app.get(
    '/api/v1/kb/categories',
    { schema: { tags, response: { 200: z.object({ data: z.array(categorySchema) }) } }, config: { access: 'public' } },
    async (request) => ({ data: await catalog.listCategories(ctx, request.actor) }),
  );
  app.post(
    '/api/v1/kb/categories',
    { schema: { tags, body: categoryBody, response: { 201: categorySchema } }, config: { access: writer } },
    async (request, reply) => reply.status(201).send(await catalog.createCategory(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/kb/categories/:id',
    { schema: { tags, params: idParam, body: categoryPatch, response: { 200: categorySchema } }, config: { access: writer } },
    (request) => catalog.updateCategory(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete('/api/v1/kb/categories/:id', { schema: { tags, params: idParam }, config: { access: writer } }, async (request, reply) => {
    await catalog.deleteCategory(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  // ── Search ──
  app.get(
    '/api/v1/kb/search',
    {
      schema: {
        tags,
        description:
          'Best answers first. Any word may match (stemmed per locale); typos are matched to known words; titles, phrases and all-words matches rank higher. Customers and visitors get public articles only.',
        querystring: searchQuery,
        response: { 200: searchResponse },
      },
      config: { access: 'public' },
    },
    async (request) => ({ data: await searchKnowledgeBase(ctx, request.actor, request.query) }),
  );
  app.get(
    '/api/v1/kb/autocomplete',
    {
      schema: {
        tags,
        querystring: z.object({
          q: z.string().max(200).default(''),
          locale: searchQuery.shape.locale,
          limit: z.coerce.number().int().min(1).max(20).default(8),
        }),
        response: { 200: autocompleteResponse },
      },
      config: { access: 'public' },
    },
    async (request) => ({ data: await autocomplete(ctx, request.actor, request.query) }),
  );

  // ── Self-service: suggestions while writing a request, and deflection ──
  app.post(
    '/api/v1/kb/suggestions',
    { schema: { tags, body: suggestionsBody, response: { 200: searchResponse } }, config: { access: 'public' } },
    async (request) => ({ data: await selfService.suggestArticles(ctx, request.actor, request.body) }),
  );
  app.post(
    '/api/v1/kb/help-sessions/leave',
    {
      schema: {
        tags,
        description: 'The visitor left the new-request form without sending it.',
        body: helpSessionBody,
        response: { 200: helpSessionSchema },
      },
      config: { access: 'public' },
    },
    (request) => selfService.leaveHelpSession(ctx, request.body.visitor_key),
  );
  app.post(
    '/api/v1/kb/help-sessions/ticket',
    {
      schema: { tags, body: helpSessionBody.required({ ticket_id: true }), response: { 200: helpSessionSchema } },
      config: { access: 'tickets.create' },
    },
    (request) => selfService.linkTicketToHelpSession(ctx, actorOf(request), request.body.visitor_key, request.body.ticket_id),
  );
  app.get(
    '/api/v1/kb/analytics',
    { schema: { tags, querystring: analyticsQuery, response: { 200: analyticsSchema } }, config: { access: agentReader } },
    (request) => selfService.knowledgeBaseAnalytics(ctx, request.query.days),
  );

  // ── Agents at a ticket ──
  app.get(
    '/api/v1/kb/tickets/:id/suggestions',
    { schema: { tags, params: idParam, querystring: limitQuery, response: { 200: searchResponse } }, config: { access: agentReader } },
    async (request) => ({ data: await selfService.suggestionsForTicket(ctx, actorOf(request), request.params.id, request.query.limit) }),
  );
  app.get(
    '/api/v1/kb/tickets/:id/similar',
    {
      schema: { tags, params: idParam, querystring: limitQuery, response: { 200: similarTicketsSchema } },
      config: { access: agentReader },
    },
    async (request) => ({ data: await selfService.similarTickets(ctx, actorOf(request), request.params.id, request.query.limit) }),
  );
  app.get(
    '/api/v1/kb/tickets/:id/solved-with',
    { schema: { tags, params: idParam, response: { 200: solvedWithSchema } }, config: { access: agentReader } },
    async (request) => ({ data: await selfService.listSolvedWith(ctx, actorOf(request), request.params.id) }),
  );
  app.post(
    '/api/v1/kb/tickets/:id/solved-with',
    { schema: { tags, params: idParam, body: solvedWithBody, response: { 200: solvedWithSchema } }, config: { access: 'tickets.update' } },
    async (request) => ({ data: await selfService.markSolvedWith(ctx, actorOf(request), request.params.id, request.body.article_id) }),
  );
  app.delete(
    '/api/v1/kb/tickets/:id/solved-with/:article_id',
    { schema: { tags, params: ticketArticleParams, response: { 200: solvedWithSchema } }, config: { access: 'tickets.update' } },
    async (request) => ({ data: await selfService.unmarkSolvedWith(ctx, actorOf(request), request.params.id, request.params.article_id) }),
  );
}
