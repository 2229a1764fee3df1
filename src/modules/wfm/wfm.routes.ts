import type { Context } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { planningRoutes } from './planning.routes.ts';
import { staffingFor, staffingForIntervals } from './staffing.ts';
import { staffingBatchResultSchema, staffingBatchSchema, staffingInputSchema, staffingResultSchema } from './wfm.schemas.ts';

const tags = ['wfm'];

export function wfmRoutes(app: App, ctx: Context): void {
  app.post(
    '/api/v1/wfm/staffing',
    {
      schema: {
        tags,
        description:
          'Agents needed for an X/Y service-level target in one interval (Erlang C; Erlang A when `patience_seconds` is given), the service level, ASA, occupancy and abandonment at that count, and FTE after shrinkage. 422 when the traffic is beyond 100,000 Erlangs.',
        body: staffingInputSchema,
        response: { 200: staffingResultSchema },
      },
      config: { access: 'signed_in' },
    },
    async (request) => staffingFor(request.body),
  );

  app.post(
    '/api/v1/wfm/staffing/batch',
    {
      schema: {
        tags,
        description:
          'The same for up to 5,000 intervals at once (a day curve, or many queues), with agent-hours, paid hours and shifts in total.',
        body: staffingBatchSchema,
        response: { 200: staffingBatchResultSchema },
      },
      config: { access: 'signed_in' },
    },
    async (request) => staffingForIntervals(request.body.intervals, request.body.shift_hours),
  );

  planningRoutes(app, ctx);
}
