import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkHealth } from '../../services/health.js';
import type { AppDeps } from '../deps.js';
import { HealthReport } from '../schemas/health.js';

/** `GET /api/health`: PostgreSQL and Temporal reported separately; 503 when either is down. */
export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          summary: 'Health of the API and the parts it depends on',
          tags: ['operations'],
          response: { 200: HealthReport, 503: HealthReport },
        },
      },
      async (_request, reply) => {
        const report = await checkHealth(deps);
        return reply.status(report.status === 'ok' ? 200 : 503).send(report);
      },
    );
  };
