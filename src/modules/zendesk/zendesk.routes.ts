import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, UserActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { App, RouteAccess } from '../../platform/http.ts';
import { can } from '../../platform/permissions.ts';
import { authenticateZendesk } from './zendesk.auth.ts';
import { sendZendeskError } from './zendesk.errors.ts';
import { translateSearch } from './zendesk.mapping.ts';
import { presentZendeskTicket, type UrlOf } from './zendesk.presenter.ts';
import { zendeskOrganizationCreate, zendeskTicketCreate, zendeskTicketUpdate } from './zendesk.schemas.ts';
import * as service from './zendesk.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call an /api/v2 route (same rule as `access` on /api/v1); a route without one stops the app at start-up. */
    zendeskAccess?: RouteAccess;
  }
}

export const ZENDESK_PREFIX = '/api/v2';
/** Zendesk's default limit for the Support API: 700 requests a minute per account. */
export const ZENDESK_REQUESTS_PER_MINUTE = 700;

type Handler = (request: FastifyRequest, actor: UserActor, url: UrlOf, reply: FastifyReply) => Promise<unknown>;

const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

function idParam(request: FastifyRequest, name = 'id'): number {
  const raw = (request.params as Record<string, string>)[name];
  const parsed = positiveId.safeParse(raw);
  if (!parsed.success) throw new AppError('not_found', `${raw} is not an id`);
  return parsed.data;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown, root: string): T {
  const envelope = body && typeof body === 'object' ? (body as Record<string, unknown>)[root] : undefined;
  if (envelope === undefined) {
    throw new AppError('validation_failed', `Send the record inside "${root}"`, [{ path: root, message: 'is required' }]);
  }
  const parsed = schema.safeParse(envelope);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      'Record validation errors',
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || root, message: i.message })),
    );
  }
  return parsed.data;
}

const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>;

function intQuery(request: FastifyRequest, name: string, fallback: number, max: number): number {
  const raw = query(request)[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new AppError('validation_failed', `${name} must be a whole number from 1 to ${max}`, [{ path: name, message: 'is invalid' }]);
  }
  return n;
}

/** A per-caller fixed window: 429 with Retry-After once the minute's budget is spent. */
class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly perMinute: number) {}
  hit(key: string, now: number): number | null {
    const window = this.windows.get(key);
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(key, { start: now, count: 1 });
      return null;
    }
    window.count += 1;
    return window.count > this.perMinute ? Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000)) : null;
  }
}

/**
 * The Zendesk Support API v2 subset under /api/v2 (every path also answers with `.json`). It is a
 * translation layer over Frontline's services; it is left out of the /api/v1 OpenAPI document
 * (`hide`), since Zendesk documents it. Errors here are Zendesk-shaped, not problem+json.
 */
export function zendeskRoutes(app: App, ctx: Context): void {
  const limiter = new RateLimiter(ZENDESK_REQUESTS_PER_MINUTE);
  app.register(
    async (zd) => {
      zd.addHook('onRoute', (route) => {
        if (route.config?.zendeskAccess === undefined) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
      });
      zd.setErrorHandler((error, request, reply) => sendZendeskError(error, request, reply));
      // Any other path under /api/v2 is Zendesk's InvalidEndpoint (a catch-all: the more specific routes win).
      zd.route({
        method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        url: '/*',
        schema: { hide: true },
        config: { zendeskAccess: 'public' },
        handler: async (_request, reply) =>
          reply.status(404).type('application/json; charset=utf-8').send({ error: 'InvalidEndpoint', description: 'Not found' }),
      });
      zd.addHook('onRequest', async (request) => {
        const access = request.routeOptions.config.zendeskAccess;
        if (access === undefined) return;
        if (access === 'public') return;
        const actor = await authenticateZendesk(ctx, request);
        request.actor = actor;
        if (!actor) throw new AppError('unauthenticated', "Couldn't authenticate you");
        const wait = limiter.hit(`u:${actor.userId}`, ctx.clock.now().getTime());
        if (wait !== null)
          throw new AppError('rate_limited', `Rate limit of ${ZENDESK_REQUESTS_PER_MINUTE} requests a minute exceeded`, {
            retry_after: wait,
          });
        if (access === 'signed_in') return;
        const needed = Array.isArray(access) ? access : [access];
        if (!needed.some((permission) => can(actor.role, permission))) {
          throw new AppError(
            'forbidden',
            'You do not have access to this page. Please contact the account owner of this help desk for further help.',
          );
        }
      });

      const route = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, access: RouteAccess, handler: Handler) => {
        for (const url of [path, `${path}.json`]) {
          zd.route({
            method,
            url,
            schema: { hide: true },
            config: { zendeskAccess: access },
            handler: async (request, reply) => {
              const actor = request.actor as UserActor;
              const origin = `${request.protocol}://${request.host}${ZENDESK_PREFIX}`;
              return handler(request, actor, (p) => `${origin}${p}`, reply);
            },
          });
        }
      };

      route('GET', '/users/me', 'signed_in', async (_r, actor, url) => ({ user: await service.me(ctx, actor, url) }));
      route('GET', '/users/:id', 'users.read', async (r, _a, url) => ({ user: await service.showUser(ctx, idParam(r), url) }));

      route('GET', '/tickets', 'tickets.read_all', async (r, actor, url) => {
        const q = query(r);
        const size = q['page[size]'];
        if (size !== undefined || q['page[after]'] !== undefined) {
          const pageSize = intQuery(r, 'page[size]', 100, 100);
          const after = q['page[after]'];
          const page = await service.ticketsByCursor(ctx, actor, '', pageSize, after);
          const fields = await service.fieldIds(ctx);
          return {
            tickets: page.tickets.map((t) => presentZendeskTicket(t, url, fields)),
            meta: { has_more: page.next !== null, after_cursor: page.next, before_cursor: null },
            links: { prev: null, next: page.next ? url(`/tickets.json?page[size]=${pageSize}&page[after]=${page.next}`) : null },
          };
        }
        const page = intQuery(r, 'page', 1, 100_000);
        const perPage = intQuery(r, 'per_page', 100, 100);
        const result = await service.ticketsByOffset(ctx, actor, '', page, perPage);
        const fields = await service.fieldIds(ctx);
        return {
          tickets: result.tickets.map((t) => presentZendeskTicket(t, url, fields)),
          count: result.count,
          next_page: page * perPage < result.count ? url(`/tickets.json?page=${page + 1}&per_page=${perPage}`) : null,
          previous_page: page > 1 ? url(`/tickets.json?page=${page - 1}&per_page=${perPage}`) : null,
        };
      });
      route('GET', '/tickets/show_many', 'tickets.read_all', async (r, actor, url) => {
        const raw = query(r).ids ?? '';
        const ids = raw
          .split(',')
          .filter(Boolean)
          .map((s) => positiveId.safeParse(s));
        if (ids.length > 100 || ids.some((p) => !p.success)) {
          throw new AppError('validation_failed', 'ids: up to 100 ticket ids, comma-separated', [{ path: 'ids', message: 'is invalid' }]);
        }
        return {
          tickets: await service.showManyTickets(
            ctx,
            actor,
            ids.map((p) => p.data as number),
            url,
          ),
        };
      });
      route('GET', '/tickets/:id', ['tickets.read_all', 'tickets.read_own'], async (r, actor, url) => ({
        ticket: await service.showTicket(ctx, actor, idParam(r), url),
      }));
      route('POST', '/tickets', 'tickets.create', async (r, actor, url, reply) => {
        const ticket = await service.createZendeskTicket(ctx, actor, parseBody(zendeskTicketCreate, r.body, 'ticket'), url);
        reply.status(201).header('location', url(`/tickets/${ticket.id}.json`));
        return { ticket, audit: { ticket_id: ticket.id, created_at: ticket.created_at, author_id: actor.userId, events: [] } };
      });
      route('PUT', '/tickets/:id', 'tickets.update', async (r, actor, url) => {
        const ticket = await service.updateZendeskTicket(ctx, actor, idParam(r), parseBody(zendeskTicketUpdate, r.body, 'ticket'), url);
        return { ticket, audit: { ticket_id: ticket.id, created_at: ticket.updated_at, author_id: actor.userId, events: [] } };
      });
      route('GET', '/tickets/:id/comments', ['tickets.read_all', 'tickets.read_own'], async (r, actor, url) => {
        const comments = await service.ticketComments(ctx, actor, idParam(r), url);
        return { comments, count: comments.length, next_page: null, previous_page: null };
      });

      const search = async (r: FastifyRequest) => {
        const raw = query(r).query;
        if (!raw) throw new AppError('validation_failed', 'query: give a search', [{ path: 'query', message: 'is required' }]);
        return translateSearch(raw);
      };
      route('GET', '/search', 'tickets.read_all', async (r, actor, url) => {
        const translated = await search(r);
        const page = intQuery(r, 'page', 1, 10);
        const perPage = intQuery(r, 'per_page', 100, 100);
        if (!translated) return { results: [], facets: null, next_page: null, previous_page: null, count: 0 };
        const result = await service.ticketsByOffset(ctx, actor, translated.q, page, perPage);
        const fields = await service.fieldIds(ctx);
        const again = (n: number) =>
          url(`/search.json?query=${encodeURIComponent(query(r).query as string)}&page=${n}&per_page=${perPage}`);
        return {
          results: result.tickets.map((t) => ({ ...presentZendeskTicket(t, url, fields), result_type: 'ticket' })),
          facets: null,
          next_page: page * perPage < result.count ? again(page + 1) : null,
          previous_page: page > 1 ? again(page - 1) : null,
          count: result.count,
        };
      });
      route('GET', '/search/count', 'tickets.read_all', async (r, actor) => {
        const translated = await search(r);
        if (!translated) return { count: 0 };
        const result = await service.ticketsByOffset(ctx, actor, translated.q, 1, 1);
        return { count: result.count };
      });

      route('GET', '/organizations/:id', 'customers.read', async (r, _a, url) => ({
        organization: await service.showOrganization(ctx, idParam(r), url),
      }));
      route('POST', '/organizations', 'customers.write', async (r, actor, url, reply) => {
        const organization = await service.createZendeskOrganization(
          ctx,
          actor,
          parseBody(zendeskOrganizationCreate, r.body, 'organization'),
          url,
        );
        reply.status(201);
        return { organization };
      });
      const offsetLinks = (url: UrlOf, path: string, page: number, perPage: number, more: boolean) => ({
        next_page: more ? url(`${path}.json?page=${page + 1}&per_page=${perPage}`) : null,
        previous_page: page > 1 ? url(`${path}.json?page=${page - 1}&per_page=${perPage}`) : null,
      });
      route('GET', '/users', 'users.read', async (r, _a, url) => {
        const page = intQuery(r, 'page', 1, 100_000);
        const perPage = intQuery(r, 'per_page', 100, 100);
        const result = await service.listZendeskUsers(ctx, page, perPage, url);
        return { users: result.users, ...offsetLinks(url, '/users', page, perPage, result.more) };
      });
      route('GET', '/organizations', 'customers.read', async (r, _a, url) => {
        const page = intQuery(r, 'page', 1, 100_000);
        const perPage = intQuery(r, 'per_page', 100, 100);
        const result = await service.listZendeskOrganizations(ctx, page, perPage, url);
        return { organizations: result.organizations, ...offsetLinks(url, '/organizations', page, perPage, result.more) };
      });
      route('GET', '/groups', 'users.read', async (_r, _a, url) => {
        const groups = await service.listZendeskGroups(ctx, url);
        return { groups, count: groups.length, next_page: null, previous_page: null };
      });
      route('GET', '/group_memberships', 'users.read', async (_r, _a, url) => {
        const group_memberships = await service.listGroupMemberships(ctx, url);
        return { group_memberships, count: group_memberships.length, next_page: null, previous_page: null };
      });
      const tagsBody = (body: unknown) => parseBody(z.array(z.string().trim().toLowerCase().min(1).max(60)).max(50), body, 'tags');
      route('GET', '/tickets/:id/tags', ['tickets.read_all', 'tickets.read_own'], async (r, actor) => ({
        tags: await service.ticketTags(ctx, actor, idParam(r)),
      }));
      route('POST', '/tickets/:id/tags', 'tickets.update', async (r, actor) => ({
        tags: await service.changeTicketTags(ctx, actor, idParam(r), 'set', tagsBody(r.body)),
      }));
      route('PUT', '/tickets/:id/tags', 'tickets.update', async (r, actor) => ({
        tags: await service.changeTicketTags(ctx, actor, idParam(r), 'add', tagsBody(r.body)),
      }));
      route('DELETE', '/tickets/:id/tags', 'tickets.update', async (r, actor) => ({
        tags: await service.changeTicketTags(ctx, actor, idParam(r), 'remove', tagsBody(r.body)),
      }));
      route('GET', '/tickets/:id/audits', ['tickets.read_all', 'tickets.read_own'], async (r, actor) => {
        const audits = await service.ticketAudits(ctx, actor, idParam(r));
        return { audits, count: audits.length, next_page: null, previous_page: null };
      });
      const startTime = (r: FastifyRequest) => {
        const raw = query(r).start_time;
        const n = Number(raw);
        if (raw === undefined || !Number.isInteger(n) || n < 0) {
          throw new AppError('validation_failed', 'start_time: a Unix time in seconds', [{ path: 'start_time', message: 'is invalid' }]);
        }
        return n;
      };
      route('GET', '/incremental/tickets/cursor', 'tickets.read_all', async (r, actor, url) => {
        const cursor = query(r).cursor;
        const perPage = intQuery(r, 'per_page', 1000, 1000);
        const start = cursor === undefined ? startTime(r) : Number(query(r).start_time ?? 0) || 0;
        const result = await service.incrementalTickets(ctx, actor, start, cursor, perPage);
        const fields = await service.fieldIds(ctx);
        const after = result.next;
        return {
          tickets: result.tickets.map((t) => presentZendeskTicket(t, url, fields)),
          after_cursor: after,
          before_cursor: null,
          after_url: after ? url(`/incremental/tickets/cursor.json?start_time=${start}&per_page=${perPage}&cursor=${after}`) : null,
          before_url: null,
          end_of_stream: after === null,
        };
      });
      route('GET', '/incremental/tickets', 'tickets.read_all', async (r, actor, url) => {
        const start = startTime(r);
        const perPage = intQuery(r, 'per_page', 1000, 1000);
        const result = await service.incrementalTickets(ctx, actor, start, undefined, perPage);
        const fields = await service.fieldIds(ctx);
        const end = result.next === null ? result.endTime : result.endTime;
        return {
          tickets: result.tickets.map((t) => presentZendeskTicket(t, url, fields)),
          count: result.tickets.length,
          end_time: end,
          next_page: url(`/incremental/tickets.json?start_time=${result.next === null ? end + 1 : end}&per_page=${perPage}`),
          end_of_stream: result.next === null,
        };
      });
      route('GET', '/ticket_fields', 'tickets.read_all', async (_r, _a, url) => ({ ticket_fields: await service.ticketFields(ctx, url) }));
    },
    { prefix: ZENDESK_PREFIX },
  );
}
