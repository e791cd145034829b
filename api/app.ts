import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { ServiceDeps } from '../services/deps.js';
import { isDataError, unavailableDependency } from '../infra/dependency-errors.js';
import type { LoginLimits } from '../infra/config.js';
import { asProblem } from './domain-problems.js';
import { PROBLEM_TYPE_BASE, ProblemError, type ProblemDetails } from './problem.js';
import { healthRoutes } from './routes/health.js';
import { attachmentRoutes, MAX_ATTACHMENT_BYTES } from './routes/attachments.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { mailOutboxRoutes } from './routes/mail-outbox.js';
import { movementRoutes } from './routes/movements.js';
import { nominationRoutes } from './routes/nominations.js';
import { reportRoutes } from './routes/reports.js';
import { trainingRoutes } from './routes/trainings.js';
import { workRoutes } from './routes/work.js';
import { documentErrorResponses } from './openapi-errors.js';
import { refuseUnstorableText } from './text-guard.js';
import { registerSecurity } from './security.js';
import { registerWebPage } from './web.js';

/** What the API runs on: the services' dependencies and the HTTP settings. */
export interface AppDeps extends ServiceDeps {
  /** How long a login lasts (default 12 hours). */
  sessionHours?: number;
  /** Mark the session cookie Secure (behind HTTPS). */
  cookieSecure?: boolean;
  /** Login attempts per address and the lock-out after wrong passwords (defaults in infra/config.ts). */
  login?: LoginLimits;
  /** Origins besides the API's own whose pages may make changes with the session cookie. */
  allowedOrigins?: string[];
  /** Proxies to believe about the client's address (TRUST_PROXY); none by default. */
  trustProxy?: boolean | string[];
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Builds the HTTP API. Tests call `app.inject` on it; `api/main.ts` listens. */
export async function buildApp(deps: AppDeps, options: { logger?: boolean | object } = {}): Promise<App> {
  const app = Fastify({
    logger: withoutPersonalData(options.logger ?? false),
    // Limits on what a client can send; beyond them it gets a problem document, never a crash.
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy every client would otherwise have the proxy's address, and share one login rate limit.
    trustProxy: deps.trustProxy ?? false,
    // The router's own refusals (a malformed URL, a path segment over the length limit) come before any hook or error
    // handler: they are answered here, as problem documents like every other refusal.
    frameworkErrors: (error, request, reply) => {
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
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are JSON and must arrive with the right types (a number is not a name); path and query values are
  // always text, so they are coerced to the types their schemas declare.
  const strict = addFormats.default(
    new Ajv.default({ allErrors: true, coerceTypes: false, useDefaults: true }),
  );
  const coercing = addFormats.default(
    new Ajv.default({ allErrors: true, coerceTypes: 'array', useDefaults: true }),
  );
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema),
  );

  await registerSecurity(app, deps);
  // Before anything registers a route: each route's entry lists every status it can answer, errors as problem+json.
  app.addHook('onRoute', documentErrorResponses);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/auth/login' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'sid',
            description: 'The web page’s session cookie',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
      info: {
        title: 'Thi đua, khen thưởng — nomination approval API',
        description:
          'Officers create and advance nominations for awards; every decision is an auditable event.',
        version: '0.1.0',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
  app.decorateRequest('officer', null);
  app.addHook('preValidation', refuseUnstorableText);

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

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(catalogueRoutes(deps));
  await app.register(nominationRoutes(deps));
  await app.register(workRoutes(deps));
  await app.register(attachmentRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(reportRoutes(deps));
  await app.register(trainingRoutes(deps));
  await app.register(movementRoutes(deps));
  await app.register(dashboardRoutes(deps));
  await app.register(mailOutboxRoutes(deps));
  registerWebPage(app);
  return app;
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

/**
 * Request logs without the query string: searches carry people's names (`?q=Nguyễn…`), and nothing personal may reach
 * the logs. The path and the route are enough to follow a request; its id ties it to the answer's log line.
 */
function withoutPersonalData(logger: boolean | object): boolean | object {
  if (logger === false) return false;
  return {
    ...(logger === true ? {} : logger),
    serializers: {
      req: (request: { id?: string; method?: string; url?: string }) => ({
        id: request.id,
        method: request.method,
        path: request.url?.split('?')[0],
      }),
    },
  };
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
