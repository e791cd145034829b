import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServiceDeps } from '../../services/deps.js';
import { verifyCode } from '../../services/verification.js';
import { ProblemDetails } from '../problem.js';
import { VerificationParams, VerificationSchema } from '../schemas/verification.js';

/** Per client address, a minute: a person checks a few papers; a guesser of codes gets nowhere at this pace. */
export const VERIFICATION_RATE_LIMIT = 30;

/** The public check of a printed paper's code: no login, rate-limited, only what the paper itself prints. */
export const verificationRoutes =
  (deps: ServiceDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/public/verifications/:code',
      {
        config: { rateLimit: { max: VERIFICATION_RATE_LIMIT, timeWindow: 60_000 } },
        schema: {
          summary: 'Whether a printed decision or certificate is genuine and still valid (public, no login)',
          description:
            'The code printed on the paper (its QR code opens /xac-minh/{code}). A code no paper carries is 404. ' +
            `At most ${VERIFICATION_RATE_LIMIT} checks per client address a minute (429, with Retry-After).`,
          tags: ['public'],
          security: [],
          params: VerificationParams,
          response: { 200: VerificationSchema, 404: ProblemDetails, 429: ProblemDetails },
        },
      },
      async (request) => verifyCode(deps, request.params.code),
    );
  };
