import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServiceDeps } from '../../services/deps.js';
import { honourRoll, honourRollConsent, recordHonourRollConsent } from '../../services/honour-roll.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import {
  ConsentBody,
  ConsentSchema,
  HonourRollQuery,
  HonourRollSchema,
  MemberParams,
} from '../schemas/honour-roll.js';

/** Per client address, a minute: a website embedding the roll reads it a few times; a scraper gets no further. */
export const HONOUR_ROLL_RATE_LIMIT = 120;

/** The public honour roll (no login; any website may read its feed) and the officers' record of members' consent. */
export const honourRollRoutes =
  (deps: ServiceDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/public/honour-roll',
      {
        config: { rateLimit: { max: HONOUR_ROLL_RATE_LIMIT, timeWindow: 60_000 } },
        schema: {
          summary: 'The public honour roll: awards that stand, newest first (a JSON feed for any website)',
          description:
            'Revoked awards and members who asked to be kept off are left out. Readable from any origin (CORS), ' +
            `no login; at most ${HONOUR_ROLL_RATE_LIMIT} requests per client address a minute (429).`,
          tags: ['public'],
          security: [],
          querystring: HonourRollQuery,
          response: { 200: HonourRollSchema, 429: ProblemDetails },
        },
      },
      async (request, reply) => {
        // Public data, read with no credentials: a federation's website may fetch it from its own pages.
        void reply.header('access-control-allow-origin', '*');
        return honourRoll(deps, request.query);
      },
    );

    app.get(
      '/api/members/:id/honour-roll',
      {
        onRequest: requireOfficer(deps.db),
        schema: {
          summary: 'Whether a member is on the public honour roll, and who last recorded their wish',
          tags: ['members'],
          params: MemberParams,
          response: { 200: ConsentSchema, 404: ProblemDetails },
        },
      },
      async (request) => honourRollConsent(deps, officerOf(request), request.params.id),
    );

    app.put(
      '/api/members/:id/honour-roll',
      {
        onRequest: requireOfficer(deps.db),
        schema: {
          summary: 'Record a member’s wish to be on the public honour roll, or kept off it',
          description: 'By an officer of a unit that holds the member; from then on the roll follows it.',
          tags: ['members'],
          params: MemberParams,
          body: ConsentBody,
          response: { 200: ConsentSchema, 403: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request) =>
        recordHonourRollConsent(deps, officerOf(request), request.params.id, request.body.listed),
    );
  };
