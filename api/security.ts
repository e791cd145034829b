/**
 * What every answer of the API carries against the browser's attacks: security headers (helmet), the rate limiter the
 * login route uses, and a same-origin check on changes made with the session cookie. Registered once, before any
 * route, so that it also covers the web page, the OpenAPI browser and the problem documents.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../infra/config.js';
import type { App, AppDeps } from './deps.js';
import { SESSION_COOKIE } from './auth.js';
import { ProblemError } from './problem.js';

/** The settings of AppDeps that come from the configuration: `api/main.ts` and `npm start` pass the same ones. */
export function securitySettings(
  config: Config,
): Required<Pick<AppDeps, 'sessionHours' | 'cookieSecure' | 'login' | 'allowedOrigins' | 'trustProxy'>> {
  return {
    sessionHours: config.sessionHours,
    cookieSecure: config.cookieSecure,
    login: config.login,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
  };
}

/**
 * The page (web/) is ES modules and a stylesheet from this origin; Preact sets inline styles through the CSSOM, which
 * CSP does not govern, so neither scripts nor styles need 'unsafe-inline'. Nothing may frame any of it.
 */
const directives: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The Swagger UI at /api/docs applies an inline style at run time that Chromium blocks under the page's policy; its
 * scripts are files from here like the page's. So its policy differs only there, and only for styles.
 */
const docsPolicy = Object.entries({ ...directives, 'style-src': ["'self'", "'unsafe-inline'"] })
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** The one page another site may frame: the honour roll's list (api/web.ts serves it). */
export const EMBEDDABLE_PAGE = '/vinh-danh/nhung';
const embedPolicy = Object.entries({ ...directives, 'frame-ancestors': ['*'] })
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

export async function registerSecurity(app: App, deps: AppDeps): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    // The page's own requests then carry a Referer, the origin check's fallback when a browser sends no Origin.
    referrerPolicy: { policy: 'same-origin' },
    // Only behind TLS (where the cookie is Secure too), and for this host alone: includeSubDomains would bind every
    // site under the union's domain to HTTPS for a year.
    strictTransportSecurity:
      deps.cookieSecure === true ? { maxAge: 15_552_000, includeSubDomains: false } : false,
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url?.startsWith('/api/docs') === true)
      void reply.header('content-security-policy', docsPolicy);
    // The honour roll's embeddable list is meant to be framed by the federation's websites: public, no login, no
    // action a frame could trick anyone into, so any site may frame it (and only it).
    if (request.routeOptions.url === EMBEDDABLE_PAGE) {
      void reply.header('content-security-policy', embedPolicy);
      void reply.removeHeader('x-frame-options');
    }
  });

  await app.register(rateLimit, {
    // Only the routes that ask for it (the login); the limits are in their own route options.
    global: false,
    errorResponseBuilder: (_request, context) => tooManyRequests(Math.ceil(context.ttl / 1000)),
  });

  const allowed = new Set(deps.allowedOrigins ?? []);
  // After onRequest, so the cookie plugin has parsed the cookies; before the handler, so that nothing has changed.
  app.addHook('preValidation', async (request) => {
    if (!changesState(request.method) || !bySessionCookie(request)) return;
    const origin = originOf(request);
    // No Origin and no Referer: not a browser (every current browser sends Origin with a POST, PUT, PATCH or DELETE),
    // so no page can have made it on an officer's behalf. Go's net/http CrossOriginProtection makes the same call.
    if (origin === undefined) return;
    if (allowed.has(origin) || ownOrigins(request).includes(origin)) return;
    throw new ProblemError(
      403,
      'cross-origin-request',
      'Cross-origin request refused',
      `Changes made with the session cookie must come from this site's own pages; this one came from ${origin}.`,
    );
  });
}

const changesState = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** The session cookie, and no Bearer token (which a page on another site cannot make the browser send). */
const bySessionCookie = (request: FastifyRequest): boolean =>
  request.headers.authorization === undefined && request.cookies[SESSION_COOKIE] !== undefined;

/** The origin the browser says the request came from: Origin, else the origin of Referer ("null" stays "null"). */
function originOf(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== '') return URL.canParse(origin) ? new URL(origin).origin : origin;
  const referer = request.headers.referer;
  if (referer !== undefined && referer !== '')
    return URL.canParse(referer) ? new URL(referer).origin : 'null';
  return undefined;
}

/**
 * This API's own origin, as the request reached it: its Host, under the scheme a TLS proxy reports, or under either
 * when nothing says. A page of another port of the same host is another origin, and is refused.
 */
function ownOrigins(request: FastifyRequest): string[] {
  const host = request.headers.host;
  if (host === undefined || host === '') return [];
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  const schemes = proto === 'http' || proto === 'https' ? [proto] : ['http', 'https'];
  return schemes.flatMap((scheme) => {
    const url = `${scheme}://${host}`;
    return URL.canParse(url) ? [new URL(url).origin] : [];
  });
}

const tooManyRequests = (seconds: number): ProblemError => {
  const problem = new ProblemError(
    429,
    'too-many-requests',
    'Too many requests',
    `Có quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau ${seconds} giây.`,
  );
  problem.extensions = { retryAfterSeconds: seconds };
  return problem;
};
