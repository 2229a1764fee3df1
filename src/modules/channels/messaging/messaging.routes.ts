import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import type { App } from '../../../platform/http.ts';
import { idParam } from '../../../platform/schemas.ts';
import { inboundMessageResponse, receiveMessage } from './messaging.service.ts';

const tags = ['messaging'];

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

export function messagingRoutes(app: App, ctx: Context): void {
  // The signature covers the exact bytes sent, so this route keeps the raw body and parses it itself.
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      request.rawBody = body as Buffer;
      done(null, {});
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/messaging/:id/inbound',
      {
        schema: {
          tags,
          description:
            'Inbound message from a messaging provider (JSON: message_id, from {phone | handle, name}, text, sent_at, attachments). ' +
            "Sign the raw body: `x-frontline-signature: sha256=<hex HMAC-SHA256 of the body with the connection's secret>`.",
          params: idParam,
          headers: z.object({ 'x-frontline-signature': z.string().max(200).optional() }).loose(),
          response: { 200: inboundMessageResponse },
        },
        config: { access: 'public' },
      },
      (request) => receiveMessage(ctx, request.params.id, request.rawBody ?? Buffer.alloc(0), request.headers['x-frontline-signature']),
    );
  });
}
