import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { decodeCursor, pageOf, toPage } from '../../platform/pagination.ts';
import { iso } from '../../platform/schemas.ts';

const auditEntry = z.object({
  id: z.number(),
  actor_user_id: z.number().nullable(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  request_id: z.string().nullable(),
  created_at: z.string(),
});

const query = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  entity_type: z.string().max(50).optional(),
  entity_id: z.string().max(50).optional(),
  actor_user_id: z.coerce.number().int().positive().optional(),
  action: z.string().max(100).optional(),
});

/** The audit log, newest first: who changed what, with before and after. Admins (and heads of support) only. */
export function auditRoutes(app: App, ctx: Context): void {
  app.get(
    '/api/v1/audit-log',
    { schema: { tags: ['audit'], querystring: query, response: { 200: pageOf(auditEntry) } }, config: { access: 'audit.read' } },
    async (request) => {
      const q = request.query;
      const before = decodeCursor(q.cursor, 1)?.[0];
      let select = ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(q.limit + 1);
      if (typeof before === 'number') select = select.where('id', '<', before);
      if (q.entity_type) select = select.where('entity_type', '=', q.entity_type);
      if (q.entity_id) select = select.where('entity_id', '=', q.entity_id);
      if (q.actor_user_id) select = select.where('actor_user_id', '=', q.actor_user_id);
      if (q.action) select = select.where('action', '=', q.action);
      const rows = await select.execute();
      return toPage(
        rows,
        q.limit,
        (r) => [r.id],
        (r) => ({ ...r, created_at: iso(r.created_at) as string }),
      );
    },
  );
}
