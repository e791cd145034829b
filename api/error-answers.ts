/**
 * Every refusal and failure the API sends, as an RFC 9457 problem document, from one place: the router's own (a
 * malformed URL), schema validation, Fastify's client errors, the rules' refusals (DomainError, through the table in
 * domain-problems.ts), a dependency that is down (503 with Retry-After) and, last, an internal error whose details
 * stay in the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDataError, unavailableDependency } from '../infra/dependency-errors.js';
import { asProblem } from './domain-problems.js';
import { PROBLEM_TYPE_BASE, ProblemError, type ProblemDetails } from './problem.js';

/** The app's error and not-found handlers. */
export function registerErrorAnswers(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const error = asProblem(raw) as FastifyError;
    const problem = toProblem(error, request.url);
    if (problem.status === 503) {
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      request.log.warn({ err: error }, 'a dependency is unavailable');
    } else if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = new ProblemError(
      404,
      'not-found',
      'Not found',
      `No resource at ${request.method} ${request.url}`,
    );
    void reply.status(404).type('application/problem+json').send(problem.toProblem(request.url));
  });
}

/**
 * The router's own refusals (a malformed URL, a path segment over the length limit) come before any hook or error
 * handler: they are answered here, as problem documents like every other refusal.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode ?? 400;
  const problem = new ProblemError(
    status,
    status === 414 ? 'uri-too-long' : 'malformed-url',
    status === 414 ? 'URI too long' : 'Malformed URL',
    status === 414
      ? 'A segment of the URL is longer than any identifier of this API.'
      : 'The URL cannot be decoded.',
  );
  // The raw response: no route, so no schema types the reply yet.
  const body = JSON.stringify(problem.toProblem(request.url));
  reply.raw.writeHead(status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
  });
  reply.raw.end(body);
}

function toProblem(error: FastifyError, instance: string): ProblemDetails {
  if (error instanceof ProblemError) return error.toProblem(instance);
  if (error.validation !== undefined) {
    const part = error.validationContext ?? 'body';
    return {
      type: `${PROBLEM_TYPE_BASE}validation`,
      title: 'Invalid request',
      status: 400,
      detail: `The request ${part} is not valid: ${error.validation.map((v) => describe(v)).join('; ')}`,
      instance,
      errors: error.validation.map((v) => ({ pointer: pointerOf(part, v), detail: describe(v) })),
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, body too large, wrong content type.
    const known = clientErrors[error.code] ?? { slug: 'bad-request', title: 'Bad request' };
    return {
      type: `${PROBLEM_TYPE_BASE}${known.slug}`,
      title: known.title,
      status,
      detail: error.message,
      instance,
    };
  }
  if (isMalformedMultipart(error)) {
    return {
      type: `${PROBLEM_TYPE_BASE}malformed-body`,
      title: 'Malformed request body',
      status: 400,
      detail: `The multipart/form-data body cannot be read (${error.message}); send it with its boundary, as a browser's form does.`,
      instance,
    };
  }
  if (isDataError(error)) {
    // The database refused a value this API let through: the request's fault, and repeating it changes nothing.
    return {
      type: `${PROBLEM_TYPE_BASE}invalid-data`,
      title: 'A value cannot be stored',
      status: 422,
      detail:
        'A value in the request cannot be stored (a character or a number out of range); correct it and send again.',
      instance,
    };
  }
  const down = unavailableDependency(error);
  if (down !== undefined) {
    return {
      type: `${PROBLEM_TYPE_BASE}${down}-unavailable`,
      title: 'Service unavailable',
      status: 503,
      detail:
        down === 'postgres'
          ? 'The database is not answering at the moment. Retry in a few seconds.'
          : 'The workflow engine (Temporal) did not answer in time. An action sent now may still be applied: retry it with the same Idempotency-Key, or reload before acting again.',
      instance,
    };
  }
  // Internals stay in the log: the client learns only that it was not its fault.
  return {
    type: `${PROBLEM_TYPE_BASE}internal`,
    title: 'Internal error',
    status: 500,
    detail: 'The server could not complete the request; it has been logged. Try again later.',
    instance,
  };
}

/** Busboy's words for a multipart body it cannot parse (no boundary, a broken part); they come without a status. */
function isMalformedMultipart(error: Error): boolean {
  return /^(Multipart: Boundary not found|Malformed part header|Unexpected end of (form|file))/.test(
    error.message,
  );
}

/** How long a client is told to wait before retrying when a dependency is down (Retry-After, seconds). */
export const RETRY_AFTER_SECONDS = 5;

/** Fastify's own client errors, under stable problem types of ours (its codes are an implementation detail). */
const clientErrors: Record<string, { slug: string; title: string } | undefined> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { slug: 'malformed-body', title: 'Malformed request body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { slug: 'malformed-body', title: 'Malformed request body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { slug: 'body-too-large', title: 'Request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { slug: 'unsupported-media-type', title: 'Unsupported media type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { slug: 'malformed-body', title: 'Malformed request body' },
};

interface AjvIssue {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

function pointerOf(part: string, v: AjvIssue): string {
  const missing = v.params?.missingProperty;
  const extra = v.params?.additionalProperty;
  const tail = typeof missing === 'string' ? `/${missing}` : typeof extra === 'string' ? `/${extra}` : '';
  return `/${part}${v.instancePath}${tail}`;
}

function describe(v: AjvIssue): string {
  const extra = v.params?.additionalProperty;
  if (typeof extra === 'string') return `unknown property "${extra}"`;
  const where = v.instancePath === '' ? '' : `${v.instancePath.slice(1).replace(/\//g, '.')} `;
  return `${where}${v.message ?? 'is invalid'}`;
}
