/**
 * Every status a route can answer is in its OpenAPI entry, and every error is declared as what it is on the wire:
 * `application/problem+json`. Routes declare the refusals that are theirs (404 for an unknown nomination, 409 for a
 * stale state…); the ones that any route may give, whatever it does, are added here once, when each route is
 * registered, rather than repeated in forty route files and forgotten in the forty-first.
 */
import type { RouteOptions } from 'fastify';
import { ProblemDetails } from './problem.js';

const PROBLEM_JSON = 'application/problem+json';

/** Answers any route may give, and why. */
const everywhere: Record<number, string> = {
  400: 'The request is malformed or fails its schema (a problem document with the field pointers)',
  414: 'The URL, or one of its path segments, is too long',
  422: 'A text value cannot be stored (a control character or broken Unicode), or a value is out of range',
  500: 'An error of ours; it has been logged',
  503: 'PostgreSQL or Temporal is not answering; retry after the Retry-After header’s seconds',
};

/** Answers of routes that take a body. */
const withBody: Record<number, string> = {
  413: 'The request body is too large',
  415: 'The request body is not of a media type this route takes',
};

/** Answers of routes that need a logged-in officer. */
const authenticated: Record<number, string> = {
  401: 'Not logged in, or the session has ended',
  403: 'The officer may not do this here, or a change sent with the session cookie came from another site',
};

/** Routes open without a session: they answer no 401 or 403 of their own. */
const open = new Set(['/api/health', '/api/auth/login']);

type Schema = NonNullable<RouteOptions['schema']> & {
  hide?: boolean;
  response?: Record<string, unknown>;
  body?: unknown;
};

/** A problem document's schema: ProblemDetails itself, or one that extends it (the refused rows of an import). */
function isProblemSchema(schema: unknown): boolean {
  if (schema === ProblemDetails) return true;
  const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties;
  return properties !== undefined && 'type' in properties && 'title' in properties && 'detail' in properties;
}

function asProblemResponse(schema: unknown, description: string): unknown {
  // Only problem documents are sent as problem+json; a route's own error body (the health report's 503) is JSON, and
  // one declared with media types already knows better.
  if (!isProblemSchema(schema)) return schema;
  return { description, content: { [PROBLEM_JSON]: { schema } } };
}

/** An onRoute hook: completes the route's responses before Fastify compiles its serializers and Swagger reads them. */
export function documentErrorResponses(route: RouteOptions): void {
  const schema = route.schema as Schema | undefined;
  if (schema === undefined || schema.hide === true || !route.url.startsWith('/api/')) return;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const takesBody = methods.some((m) => ['POST', 'PUT', 'PATCH'].includes(m));
  const added: Record<number, string> = {
    ...everywhere,
    ...(takesBody ? withBody : {}),
    ...(open.has(route.url) ? {} : authenticated),
  };
  const response: Record<string, unknown> = { ...(schema.response ?? {}) };
  for (const status of Object.keys(added)) response[status] ??= ProblemDetails;
  for (const [status, declared] of Object.entries(response)) {
    if (Number(status) < 400) continue;
    response[status] = asProblemResponse(
      declared,
      added[Number(status)] ?? 'Refused: the problem document says why',
    );
  }
  route.schema = { ...schema, response };
}
