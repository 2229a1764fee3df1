import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE, clearSessionCookie } from '../../platform/auth.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { idParam } from '../../platform/schemas.ts';
import { getUser } from '../users/index.ts';
import { createTokenBody, createdTokenSchema, listTokensQuery, sessionSchema, signInBody, tokenSchema } from './auth.schemas.ts';
import * as auth from './auth.service.ts';

export function setSessionCookie(ctx: Context, request: FastifyRequest, reply: FastifyReply, secret: string, expiresAt: Date): void {
  const secure = ctx.config.secureCookies === 'always' || (ctx.config.secureCookies === 'auto' && request.protocol === 'https');
  reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}

/** Per-address limits for the doors anyone can knock on: sign-in, sign-up, sign-in links. */
export function publicDoorLimit(ctx: Context) {
  return {
    max: ctx.config.signInLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => request.ip,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
      new AppError('rate_limited', `Too many attempts; try again in ${context.after}.`),
  };
}

export function authRoutes(app: App, ctx: Context): void {
  app.post(
    '/api/v1/session',
    {
      schema: { tags: ['auth'], body: signInBody, response: { 200: sessionSchema }, security: [] },
      config: {
        access: 'public',
        rateLimit: publicDoorLimit(ctx),
      },
    },
    async (request, reply) => {
      const session = await auth.signIn(ctx, request.body.email, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(ctx, request, reply, session.secret, session.expiresAt);
      return { user: session.user, csrf_token: session.csrfToken, expires_at: session.expiresAt.toISOString() };
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
}
