import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { registerModules } from './modules/index.ts';
import { authenticate } from './platform/auth.ts';
import type { Context } from './platform/context.ts';
import { frameworkError, installErrorHandling } from './platform/error-handler.ts';
import type { App } from './platform/http.ts';
import { installMetrics } from './platform/metrics.ts';
import { can } from './platform/permissions.ts';
import { AppError } from './platform/errors.ts';
import { serveWebApp } from './platform/web-app.ts';

/** Builds the whole HTTP application from a Context; does not listen, so tests use inject(). */
export async function buildApp(ctx: Context): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    forceCloseConnections: 'idle',
    frameworkErrors: frameworkError,
    // One log line per request is noise at info level; debug shows them.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>() as unknown as App;

  // Only JSON (and multipart uploads) are accepted; a text/plain body is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', undefined);

  // Security headers, built once (the Fastify plugin rebuilds the helmet middleware on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)),
  );
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(multipart, { limits: { fileSize: ctx.config.maxAttachmentBytes, files: 10, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Frontline API',
        version: '1',
        description:
          'The Frontline customer service platform. Authenticate with `Authorization: Bearer <token>` (create one with `frontline token create --email …` or POST /api/v1/tokens). Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Each operation carries its access rule as `x-access`, so clients and the security tests read who may call it.
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const access = input.route.config?.access;
      return access === undefined ? out : { ...out, schema: { ...out.schema, 'x-access': access } };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (url.startsWith('/api/v1/') && route.config?.access === undefined) {
      throw new Error(`Route ${route.method} ${url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const actor = await authenticate(ctx.db, ctx.clock, request, ctx.cache, { sessionIdleMinutes: ctx.config.sessionIdleMinutes });
    request.actor = actor;
    if (access === 'public') return;
    if (!actor) throw new AppError('unauthenticated', 'Sign in or send an API token (Authorization: Bearer <token>).');
    if (access === 'signed_in') return;
    const needed = Array.isArray(access) ? access : [access];
    // An array means any one of the permissions suffices; policies narrow further (e.g. own tickets).
    if (!needed.some((permission) => can(actor.role, permission))) {
      throw new AppError('forbidden', `Your role (${actor.role}) may not do this.`);
    }
  });

  installErrorHandling(app);
  installMetrics(app);

  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  await registerModules(app, ctx);
  await serveWebApp(app);
  return app;
}
