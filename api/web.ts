/**
 * Serves the officers' web page (web/) from the API process: a handful of static files, read once at start. The page
 * is Preact components written with htm, which needs no build step; the one vendor file comes from the htm package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../infra/config.js';

const require = createRequire(import.meta.url);

export function registerWebPage(app: FastifyInstance): void {
  const webDir = path.join(projectRoot, 'web');
  const files: Record<string, { body: Buffer; type: string }> = {
    '/': { body: readFileSync(path.join(webDir, 'index.html')), type: 'text/html; charset=utf-8' },
    '/app.js': { body: readFileSync(path.join(webDir, 'app.js')), type: 'text/javascript; charset=utf-8' },
    // The one message catalogue, the same file the server imports (messages/).
    '/messages/vi.js': {
      body: readFileSync(path.join(projectRoot, 'messages', 'vi.js')),
      type: 'text/javascript; charset=utf-8',
    },
    '/messages/format.js': {
      body: readFileSync(path.join(projectRoot, 'messages', 'format.js')),
      type: 'text/javascript; charset=utf-8',
    },
    '/styles.css': { body: readFileSync(path.join(webDir, 'styles.css')), type: 'text/css; charset=utf-8' },
    '/vendor/htm-preact.js': {
      // The package's own ESM build for browsers (its exports map points `require` at a file it does not ship).
      body: readFileSync(
        path.join(path.dirname(require.resolve('htm')), '..', 'preact', 'standalone.module.js'),
      ),
      type: 'text/javascript; charset=utf-8',
    },
  };
  for (const [url, file] of Object.entries(files)) {
    app.get(url, { schema: { hide: true } }, (_request, reply) =>
      // Its Content-Security-Policy is the one every answer gets (api/security.ts).
      reply.type(file.type).header('cache-control', 'no-cache').send(file.body),
    );
  }
}
