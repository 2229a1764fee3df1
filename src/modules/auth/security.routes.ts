import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/auth.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, actorOf } from '../../platform/http.ts';
import { verifyPassword } from '../../platform/secrets.ts';
import { findUserById } from '../users/index.ts';
import {
  challengeBody,
  changePasswordBody,
  changedPasswordSchema,
  confirmBody,
  disableTwoFactorBody,
  enrolmentSchema,
  recoveryCodesSchema,
  securitySettingsSchema,
  sessionSchema,
  sessionWithCodesSchema,
  twoFactorBody,
  twoFactorStatusSchema,
  updateSecuritySettingsBody,
} from './auth.schemas.ts';
import * as auth from './auth.service.ts';
import { publicDoorLimit, setSessionCookie } from './session-cookie.ts';
import * as security from './security.service.ts';

const tags = ['auth'];

/** Two-factor sign-in and enrolment, password change, other sessions, and the security policy. */
export function securityRoutes(app: App, ctx: Context): void {
  const meta = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  });

  app.post(
    '/api/v1/session/two-factor',
    {
      schema: { tags, body: twoFactorBody, response: { 200: sessionSchema }, security: [] },
      config: { access: 'public', rateLimit: publicDoorLimit(ctx) },
    },
    async (request, reply) => {
      const session = await auth.completeTwoFactor(ctx, request.body.challenge, request.body.code, meta(request));
      setSessionCookie(ctx, request, reply, session.secret, session.expiresAt);
      return { user: session.user, csrf_token: session.csrfToken, expires_at: session.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/v1/session/two-factor/enrolment',
    {
      schema: { tags, body: challengeBody, response: { 200: enrolmentSchema }, security: [] },
      config: { access: 'public', rateLimit: publicDoorLimit(ctx) },
    },
    (request) => auth.beginEnrolmentAtSignIn(ctx, request.body.challenge),
  );

  app.post(
    '/api/v1/session/two-factor/enrolment/confirm',
    {
      schema: { tags, body: challengeBody.extend(confirmBody.shape), response: { 200: sessionWithCodesSchema }, security: [] },
      config: { access: 'public', rateLimit: publicDoorLimit(ctx) },
    },
    async (request, reply) => {
      const session = await auth.confirmEnrolmentAtSignIn(ctx, request.body.challenge, request.body.code, meta(request));
      setSessionCookie(ctx, request, reply, session.secret, session.expiresAt);
      return {
        user: session.user,
        csrf_token: session.csrfToken,
        expires_at: session.expiresAt.toISOString(),
        recovery_codes: session.recoveryCodes,
      };
    },
  );

  app.post(
    '/api/v1/session/revoke-others',
    { schema: { tags, response: { 200: z.object({ revoked: z.number() }) } }, config: { access: 'signed_in' } },
    async (request) => ({ revoked: await auth.revokeOtherSessions(ctx, actorOf(request), request.cookies[SESSION_COOKIE]) }),
  );

  app.get(
    '/api/v1/me/two-factor',
    { schema: { tags, response: { 200: twoFactorStatusSchema } }, config: { access: 'signed_in' } },
    (request) => {
      const actor = actorOf(request);
      return security.twoFactorStatus(ctx, actor.userId, actor.role);
    },
  );

  app.post(
    '/api/v1/me/two-factor/enrolment',
    { schema: { tags, response: { 200: enrolmentSchema } }, config: { access: 'signed_in' } },
    async (request) => {
      const user = await findUserById(ctx.db, actorOf(request).userId);
      if (!user) throw new AppError('unauthenticated', 'Sign in again.');
      return security.beginEnrolment(ctx, { id: user.id, email: user.email });
    },
  );

  app.post(
    '/api/v1/me/two-factor/enrolment/confirm',
    { schema: { tags, body: confirmBody, response: { 200: recoveryCodesSchema } }, config: { access: 'signed_in' } },
    async (request) => {
      const actor = actorOf(request);
      return { recovery_codes: await security.confirmEnrolment(ctx, actor, actor.userId, request.body.code) };
    },
  );

  app.delete(
    '/api/v1/me/two-factor',
    { schema: { tags, body: disableTwoFactorBody }, config: { access: 'signed_in' } },
    async (request, reply) => {
      const actor = actorOf(request);
      if (await security.twoFactorRequiredFor(ctx, actor.role)) {
        throw new AppError('unprocessable', 'The security policy requires two-factor sign-in for your role.');
      }
      const user = await findUserById(ctx.db, actor.userId);
      if (!user || !(await verifyPassword(user.password_hash, request.body.password))) {
        throw new AppError('invalid_credentials', 'The password is not right.');
      }
      await security.disableTwoFactor(ctx, actor, actor.userId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: { tags, body: changePasswordBody, response: { 200: changedPasswordSchema } },
      config: { access: 'signed_in', rateLimit: publicDoorLimit(ctx) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const session = await auth.changeOwnPassword(ctx, actor, request.body, { ...meta(request), viaSession: actor.via === 'session' });
      if (session) setSessionCookie(ctx, request, reply, session.secret, session.expiresAt);
      return { csrf_token: session?.csrfToken ?? null, expires_at: session?.expiresAt.toISOString() ?? null };
    },
  );

  app.get(
    '/api/v1/security-settings',
    { schema: { tags, response: { 200: securitySettingsSchema } }, config: { access: 'settings.manage' } },
    () => security.getSecuritySettings(ctx),
  );

  app.put(
    '/api/v1/security-settings',
    {
      schema: { tags, body: updateSecuritySettingsBody, response: { 200: securitySettingsSchema } },
      config: { access: 'settings.manage' },
    },
    (request) => security.updateSecuritySettings(ctx, actorOf(request), request.body),
  );
}
