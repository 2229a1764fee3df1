import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../platform/auth.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

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
