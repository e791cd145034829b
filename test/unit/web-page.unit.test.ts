import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'es-module-lexer/js';
import { webPageFiles } from '../../api/web.js';
import { projectRoot } from '../../infra/config.js';

// The page is ES modules with no build step: every file of web/ is served, and every import of every module it
// serves, the vendored packages' included, names a URL the same server answers (no bare specifier left to an import
// map, which the page's Content-Security-Policy would not run).
describe('the files of the web page', () => {
  const files = webPageFiles();

  it('serves every file of web/, whatever its folder, with its content type', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
      );
    const webDir = path.join(projectRoot, 'web');
    const urls = walk(webDir).map((f) => `/${path.relative(webDir, f).split(path.sep).join('/')}`);
    expect(urls).toEqual(expect.arrayContaining(['/app.js', '/api.js', '/pages/dashboard.js']));
    for (const url of urls) expect(files.has(url === '/index.html' ? '/' : url)).toBe(true);
    expect(files.get('/')?.type).toBe('text/html; charset=utf-8');
    expect(files.get('/styles.css')?.type).toBe('text/css; charset=utf-8');
    expect(files.get('/pages/inbox.js')?.type).toBe('text/javascript; charset=utf-8');
    expect(files.get('/messages/vi.js')?.type).toBe('text/javascript; charset=utf-8');
  });

  it('leaves no import the browser cannot follow to a file it serves', () => {
    const unresolved: string[] = [];
    for (const [url, file] of files) {
      if (!file.type.startsWith('text/javascript')) continue;
      for (const entry of parse(String(file.body))[0]) {
        if (typeof entry.specifier !== 'string') continue;
        const target = new URL(entry.specifier, `http://page${url}`);
        if (target.host !== 'page' || !files.has(target.pathname))
          unresolved.push(`${url} → ${entry.specifier}`);
      }
    }
    expect(unresolved).toEqual([]);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        '/vendor/preact/dist/preact.module.js',
        '/vendor/wouter-preact/src/index.js',
        '/vendor/chart.js/dist/chart.js',
      ]),
    );
  });
});
