import { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import { type App, actorOf } from '../../../platform/http.ts';
import { screenPopForPhone } from './screen-pop.ts';
import { callEventBody, callEventResponse, callSchema, screenPopQuery, screenPopSchema } from './voice.schemas.ts';
import { getCall, recordCallEvent } from './voice.service.ts';

const tags = ['voice'];

export function voiceRoutes(app: App, ctx: Context): void {
  // Telephony providers (or their adapter) post call events with an agent-role integration token.
  app.post(
    '/api/v1/voice/events',
    { schema: { tags, body: callEventBody, response: { 200: callEventResponse } }, config: { access: 'tickets.update' } },
    (request) => recordCallEvent(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/v1/voice/screen-pop',
    { schema: { tags, querystring: screenPopQuery, response: { 200: screenPopSchema } }, config: { access: 'customers.read' } },
    (request) => screenPopForPhone(ctx.db, request.query.phone),
  );
  app.get(
    '/api/v1/voice/calls/:call_id',
    {
      schema: { tags, params: z.object({ call_id: z.string().min(1).max(200) }), response: { 200: callSchema } },
      config: { access: 'tickets.read_all' },
    },
    (request) => getCall(ctx, request.params.call_id),
  );
}
