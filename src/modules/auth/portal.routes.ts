import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { sessionSchema } from './auth.schemas.ts';
import { publicDoorLimit, setSessionCookie } from './session-cookie.ts';
import type { SignedIn } from './auth.service.ts';
import * as portal from './portal.service.ts';

const tags = ['portal'];

const sessionBody = (session: SignedIn) => ({
  user: session.user,
  csrf_token: session.csrfToken,
  expires_at: session.expiresAt.toISOString(),
});

/** The customer portal's own doors: sign-up and passwordless sign-in by email. */
export function portalRoutes(app: App, ctx: Context): void {
  app.post(
    '/api/v1/portal/sign-up',
    {
      schema: {
        tags,
        security: [],
        body: z.strictObject({
          name: z.string().trim().min(1).max(200),
          email: z.email().max(254),
          password: z.string().min(10, 'at least 10 characters').max(200),
        }),
        response: { 201: sessionSchema },
      },
      config: { access: 'public', rateLimit: publicDoorLimit(ctx) },
    },
    async (request, reply) => {
      const session = await portal.signUp(ctx, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] });
      setSessionCookie(ctx, request, reply, session.secret, session.expiresAt);
      return reply.status(201).send(sessionBody(session));
    },
  );

  app.post(
    '/api/v1/portal/sign-in-link',
    {
      schema: {
        tags,
        security: [],
        body: z.strictObject({ email: z.email().max(254) }),
        response: { 202: z.object({ detail: z.string() }) },
      },
      config: { access: 'public', rateLimit: publicDoorLimit(ctx) },
    },
    async (request, reply) => {
      await portal.sendSignInLink(ctx, request.body.email);
      return reply.status(202).send({ detail: 'If that address belongs to a customer, a sign-in link is on its way.' });
    },
  );

  app.post(
    '/api/v1/portal/sign-in-link/redeem',
    {
      schema: { tags, security: [], body: z.strictObject({ token: z.string().min(10).max(200) }), response: { 200: sessionSchema } },
      config: { access: 'public', rateLimit: publicDoorLimit(ctx) },
    },
    async (request, reply) => {
      const session = await portal.redeemSignInLink(ctx, request.body.token, { ip: request.ip, userAgent: request.headers['user-agent'] });
      setSessionCookie(ctx, request, reply, session.secret, session.expiresAt);
      return sessionBody(session);
    },
  );
}
