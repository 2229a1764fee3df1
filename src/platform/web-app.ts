import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from './http.ts';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Serves the built React app at / and falls back to index.html for its client-side routes. */
export async function serveWebApp(app: App): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>Frontline</title><p>The web app is not built yet: run <code>npm run build:web</code> (npm start does it for you).</p>',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside each asset (scripts/build-web.js).
    preCompressed: true,
    setHeaders(response, filePath) {
      // Hashed assets never change; index.html must always be fresh.
      if (filePath.includes(`${path.sep}assets${path.sep}`)) response.header('cache-control', 'public, max-age=31536000, immutable');
      // The chat widget other sites embed (/widget.js): a stable URL, so cached briefly and revalidated.
      if (path.basename(filePath).startsWith('widget.js')) {
        response.header('cache-control', 'public, max-age=300, stale-while-revalidate=86400');
        response.header('access-control-allow-origin', '*');
        response.header('cross-origin-resource-policy', 'cross-origin');
      }
    },
  });
  const index = fs.readFileSync(indexFile);
  const sendIndex = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html').header('cache-control', 'no-cache').send(index);
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api/') || url.startsWith('/assets/')) {
      reply.callNotFound();
      return reply;
    }
    const file = path.join(distDir, path.normalize(url));
    if (file.startsWith(distDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(distDir, file));
    }
    return sendIndex(request, reply);
  });
}
