import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { UserActor } from './context.ts';
import { AppError } from './errors.ts';
import type { Permission } from './permissions.ts';

/** The Fastify instance every module registers its routes on, typed by the zod schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Every route declares who may call it: `public`, `signed_in`, or the permissions it needs.
 * A route without this is refused at start-up, so no route can ship unchecked.
 */
export type RouteAccess = 'public' | 'signed_in' | Permission | Permission[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: UserActor | undefined;
  }
}

/** The signed-in caller; routes behind a permission can rely on it. */
export function actorOf(request: { actor: UserActor | undefined }): UserActor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in or send an API token.');
  return request.actor;
}
