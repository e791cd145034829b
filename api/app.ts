import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App, AppDeps } from './deps.js';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { answerFrameworkError, registerErrorAnswers } from './error-answers.js';
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
import { decisionRoutes } from './routes/decisions.js';
import { decisionPaperRoutes } from './routes/decision-papers.js';
import { verificationRoutes } from './routes/verification.js';
import { honourRollRoutes } from './routes/honour-roll.js';
import { workRoutes } from './routes/work.js';
import { documentErrorResponses } from './openapi-errors.js';
import { refuseUnstorableText } from './text-guard.js';
import { registerSecurity } from './security.js';
import { registerWebPage } from './web.js';

export type { App, AppDeps };

/** Builds the HTTP API. Tests call `app.inject` on it; `api/main.ts` listens. */
export async function buildApp(deps: AppDeps, options: { logger?: boolean | object } = {}): Promise<App> {
  const app = Fastify({
    logger: withoutPersonalData(options.logger ?? false),
    // Limits on what a client can send; beyond them it gets a problem document, never a crash.
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy every client would otherwise have the proxy's address, and share one login rate limit.
    trustProxy: deps.trustProxy ?? false,
    frameworkErrors: answerFrameworkError,
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

  registerErrorAnswers(app);

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
  await app.register(decisionRoutes(deps));
  await app.register(decisionPaperRoutes(deps));
  await app.register(verificationRoutes(deps));
  await app.register(honourRollRoutes(deps));
  await app.register(movementRoutes(deps));
  await app.register(dashboardRoutes(deps));
  await app.register(mailOutboxRoutes(deps));
  registerWebPage(app);
  return app;
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
