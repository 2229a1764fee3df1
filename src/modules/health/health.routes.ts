import { sql } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';

/** Liveness, readiness (the database answers) for load balancers and orchestrators. */
export function healthRoutes(app: App, ctx: Context): void {
  app.get('/healthz', { schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ready', database: ctx.dbKind };
    } catch (error) {
      ctx.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).type('application/problem+json').send({
        type: 'https://frontline.dev/problems/database_unavailable',
        title: 'Service Unavailable',
        status: 503,
        code: 'database_unavailable',
        detail: 'The database does not answer.',
      });
    }
  });
}
