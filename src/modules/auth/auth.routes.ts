import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE, clearSessionCookie } from '../../platform/auth.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import { getUser } from '../users/index.ts';
import {
  challengeSchema,
  createTokenBody,
  createdTokenSchema,
  listTokensQuery,
  sessionSchema,
  signInBody,
  tokenSchema,
} from './auth.schemas.ts';
import { publicDoorLimit, setSessionCookie } from './session-cookie.ts';
import { securityRoutes } from './security.routes.ts';
import * as auth from './auth.service.ts';

export function authRoutes(app: App, ctx: Context): void {
  app.post(
    '/api/v1/session',
    {
      schema: { tags: ['auth'], body: signInBody, response: { 200: sessionSchema, 202: challengeSchema }, security: [] },
      config: {
        access: 'public',
        rateLimit: publicDoorLimit(ctx),
      },
    },
    async (request, reply) => {
      const result = await auth.signIn(ctx, request.body.email, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      if (result.kind !== 'session') {
        // The password was right; a second step (two-factor, or enrolling in it) comes before the session.
        return reply.status(202).send({ status: result.kind, challenge: result.challenge, expires_at: result.expiresAt.toISOString() });
      }
      setSessionCookie(ctx, request, reply, result.secret, result.expiresAt);
      return { user: result.user, csrf_token: result.csrfToken, expires_at: result.expiresAt.toISOString() };
    },
  );

  app.get(
    '/api/v1/session',
    { schema: { tags: ['auth'], response: { 200: sessionSchema } }, config: { access: 'signed_in' } },
    async (request) => {
      const actor = actorOf(request);
      const secret = request.cookies[SESSION_COOKIE];
      const session = secret ? await auth.currentSession(ctx, secret) : undefined;
      if (!session) throw new AppError('unauthenticated', 'This request is not made with a web session.');
      return {
        user: await getUser(ctx, actor.userId),
        csrf_token: session.csrf_token,
        expires_at: new Date(session.expires_at).toISOString(),
      };
    },
  );

  app.delete('/api/v1/session', { schema: { tags: ['auth'] }, config: { access: 'signed_in' } }, async (request, reply) => {
    await auth.signOut(ctx, request.cookies[SESSION_COOKIE]);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get(
    '/api/v1/tokens',
    {
      schema: { tags: ['auth'], querystring: listTokensQuery, response: { 200: z.object({ data: z.array(tokenSchema) }) } },
      config: { access: 'tokens.own' },
    },
    async (request) => ({ data: await auth.listTokens(ctx, actorOf(request), request.query.user_id) }),
  );
  app.post(
    '/api/v1/tokens',
    { schema: { tags: ['auth'], body: createTokenBody, response: { 201: createdTokenSchema } }, config: { access: 'tokens.own' } },
    async (request, reply) => reply.status(201).send(await auth.createToken(ctx, actorOf(request), request.body)),
  );
  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags: ['auth'], params: idParam, response: { 200: tokenSchema } }, config: { access: 'tokens.own' } },
    (request) => auth.revokeToken(ctx, actorOf(request), request.params.id),
  );

  securityRoutes(app, ctx);
}
