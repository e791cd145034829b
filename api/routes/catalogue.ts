import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { awardForms, membersOf, visibleUnits } from '../../services/catalogue.js';
import type { AppDeps } from '../deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import { AwardForms, Members, MembersQuery, Units } from '../schemas/catalogue.js';

/** The unit tree an officer sees (their unit's subtree, and the units above it on the way up) and the award catalogue. */
export const catalogueRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));

    app.get(
      '/api/units',
      {
        schema: {
          summary: "The caller's unit, its subtree and the units above it",
          tags: ['catalogue'],
          response: { 200: Units, 401: ProblemDetails },
        },
      },
      async (request) => ({ items: await visibleUnits(deps, officerOf(request)) }),
    );

    app.get(
      '/api/members',
      {
        schema: {
          summary: 'Members (đoàn viên) of a unit in the caller’s subtree',
          tags: ['catalogue'],
          querystring: MembersQuery,
          response: { 200: Members, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request) => ({ items: await membersOf(deps, officerOf(request), request.query.unitId) }),
    );

    app.get(
      '/api/award-forms',
      {
        schema: {
          summary: 'The award catalogue',
          tags: ['catalogue'],
          response: { 200: AwardForms, 401: ProblemDetails },
        },
      },
      async () => ({ items: await awardForms(deps) }),
    );
  };
