/**
 * Serves the officers' web page (web/) from the API process: every file of web/ (found by walking the folder at start,
 * read once), the message catalogue and formatting module the server uses too, and the few npm packages the page is
 * built on (Preact, htm, wouter-preact, Chart.js), as ES modules with no build step.
 *
 * Browsers resolve a bare specifier (`import { h } from 'preact'`) only through an import map, and an import map is an
 * inline script, which the page's Content-Security-Policy (api/security.ts) does not allow. So the server applies the
 * map below itself: in every module it serves, each bare specifier is replaced by the URL of the file the map names,
 * and nothing else of the file changes. A specifier the map does not know stops the start, instead of a blank page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'es-module-lexer/js';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../infra/config.js';
import { EMBEDDABLE_PAGE } from './security.js';

/** Each bare specifier the page or a vendored package imports, and its browser ES module in node_modules. */
const importMap: Record<string, string> = {
  preact: 'preact/dist/preact.module.js',
  'preact/hooks': 'preact/hooks/dist/hooks.module.js',
  htm: 'htm/dist/htm.module.js',
  'wouter-preact': 'wouter-preact/src/index.js',
  'wouter-preact/use-hash-location': 'wouter-preact/src/use-hash-location.js',
  regexparam: 'regexparam/dist/index.mjs',
  'chart.js': 'chart.js/dist/chart.js',
  '@kurkle/color': '@kurkle/color/dist/color.esm.js',
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface ServedFile {
  body: Buffer | string;
  type: string;
}

export function registerWebPage(app: FastifyInstance): void {
  const files = webPageFiles();
  // The public pages' addresses are real paths (a QR code prints them); each is the one public page, which reads it.
  const publicPage = files.get('/public.html');
  if (publicPage === undefined) throw new Error('web/public.html is missing');
  for (const url of ['/xac-minh', '/xac-minh/:code', '/vinh-danh', EMBEDDABLE_PAGE])
    app.get(url, { schema: { hide: true } }, (_request, reply) =>
      reply.type(publicPage.type).header('cache-control', 'no-cache').send(publicPage.body),
    );
  for (const [url, file] of files) {
    app.get(url, { schema: { hide: true } }, (_request, reply) =>
      // Its Content-Security-Policy is the one every answer gets (api/security.ts).
      reply.type(file.type).header('cache-control', 'no-cache').send(file.body),
    );
  }
}

let webPage: Map<string, ServedFile> | undefined;

/**
 * Every file the page needs, by its URL: web/ itself, the two shared modules of messages/, and the vendored modules.
 * Read and rewritten once per process, however many apps it builds (the tests build one per file).
 */
export function webPageFiles(): Map<string, ServedFile> {
  webPage ??= readWebPageFiles();
  return webPage;
}

function readWebPageFiles(): Map<string, ServedFile> {
  const webDir = path.join(projectRoot, 'web');
  const nodeModules = path.join(projectRoot, 'node_modules');
  const files = new Map<string, ServedFile>();
  const vendorQueue: string[] = [];
  const serve = (url: string, file: string): void => {
    const type = contentTypes[path.extname(file)];
    if (type === undefined) return;
    const body = readFileSync(file);
    files.set(url, {
      type,
      body: type.startsWith('text/javascript') ? resolveImports(body, url, file) : body,
    });
  };
  /** The module's bare specifiers answered from the map (queueing the vendored files), relative ones followed. */
  function resolveImports(body: Buffer, url: string, file: string): string {
    const source = body.toString('utf8');
    let out = '';
    let last = 0;
    for (const entry of parse(source)[0]) {
      const specifier = entry.specifier;
      // import.meta, or a dynamic import of a computed name (none of the page's modules has one).
      if (typeof specifier !== 'string' || source.slice(entry.start, entry.end) !== specifier) continue;
      if (specifier.startsWith('./') || specifier.startsWith('../')) {
        if (file.startsWith(nodeModules)) vendorQueue.push(path.resolve(path.dirname(file), specifier));
        continue;
      }
      if (specifier.startsWith('/')) continue;
      const target = importMap[specifier];
      if (target === undefined)
        throw new Error(`${url} imports '${specifier}', which the web page's import map (api/web.ts) lacks`);
      vendorQueue.push(path.join(nodeModules, target));
      out += source.slice(last, entry.start) + vendorUrl(nodeModules, path.join(nodeModules, target));
      last = entry.end;
    }
    return out + source.slice(last);
  }

  for (const file of walk(webDir)) {
    const relative = path.relative(webDir, file).split(path.sep).join('/');
    serve(relative === 'index.html' ? '/' : `/${relative}`, file);
  }
  // The one message catalogue and formatting module, the same files the server imports (messages/).
  for (const name of ['vi.js', 'format.js'])
    serve(`/messages/${name}`, path.join(projectRoot, 'messages', name));
  for (let file = vendorQueue.pop(); file !== undefined; file = vendorQueue.pop()) {
    const url = vendorUrl(nodeModules, file);
    if (files.has(url)) continue;
    serve(url, file);
    if (!files.has(url))
      throw new Error(`${file} is imported by the web page but is not a module it can serve`);
  }
  return files;
}

/** Where a file of node_modules is served: /vendor/<package>/<its path in the package>. */
function vendorUrl(nodeModules: string, file: string): string {
  const relative = path.relative(nodeModules, file);
  if (relative.startsWith('..')) throw new Error(`${file} is outside node_modules`);
  return `/vendor/${relative.split(path.sep).join('/')}`;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : entry.isFile() ? [full] : [];
  });
}
