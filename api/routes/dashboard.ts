import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { dashboardOf } from '../../services/dashboard.js';
import type { AppDeps } from '../deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import { DashboardQuery, DashboardSchema } from '../schemas/dashboard.js';

/** The dashboard of a unit: its reports, the year's indicators against their targets, its movements' reviews. */
export const dashboardRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));

    app.get(
      '/api/dashboard',
      {
        schema: {
          summary:
            'Reports due / submitted / overdue, indicators against targets, and movements with their reviews',
          tags: ['reports'],
          querystring: DashboardQuery,
          response: { 200: DashboardSchema, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request) => dashboardOf(deps, officerOf(request), request.query),
    );
  };
