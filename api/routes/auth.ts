import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { capabilitiesOf } from '../../domain/capabilities.js';
import { Type } from 'typebox';
import type { AppDeps } from '../deps.js';
import { defaultLoginLimits } from '../../infra/config.js';
import { endSession, logIn } from '../../services/accounts.js';
import { accountLocked, officerOf, requireOfficer, SESSION_COOKIE, tokenOf } from '../auth.js';
import { ProblemDetails, ProblemError } from '../problem.js';
import { LoginAnswer, LoginBody, OfficerSchema } from '../schemas/auth.js';

export const authRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const limits = deps.login ?? defaultLoginLimits;
    app.post(
      '/api/auth/login',
      {
        // Per client address, right or wrong: slows spraying one password over many usernames, which the per-account
        // lock-out below does not see. Kept in each process's memory; the lock-out is the part shared by replicas.
        config: {
          rateLimit: { max: limits.rateLimitMax, timeWindow: limits.rateLimitWindowSeconds * 1000 },
        },
        schema: {
          summary: 'Log in: a token for API clients, and an httpOnly session cookie for the web page',
          description:
            `At most ${limits.rateLimitMax} attempts per client address every ${limits.rateLimitWindowSeconds} s ` +
            '(429 `too-many-requests`); ' +
            `${limits.maxFailures} wrong passwords in a row for a username within ${limits.failureWindowMinutes} minutes ` +
            `lock it for ${limits.lockMinutes} minutes (429 \`account-locked\`, even with the right password). ` +
            'Both carry Retry-After.',
          tags: ['auth'],
          body: LoginBody,
          response: {
            200: LoginAnswer,
            401: ProblemDetails,
            429: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const outcome = await logIn(deps, limits, request.body, deps.sessionHours ?? 12);
        if (!outcome.ok) {
          if (outcome.lockedForSeconds === null) throw wrongCredentials();
          void reply.header('retry-after', String(outcome.lockedForSeconds));
          throw accountLocked(outcome.lockedForSeconds);
        }
        void reply.setCookie(SESSION_COOKIE, outcome.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.cookieSecure ?? false,
          path: '/',
          expires: outcome.expiresAt,
        });
        return {
          token: outcome.token,
          expiresAt: outcome.expiresAt.toISOString(),
          officer: { ...outcome.officer, may: capabilitiesOf(outcome.officer) },
        };
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { summary: 'Log out: ends the session', tags: ['auth'], response: { 204: Type.Null() } } },
      async (request, reply) => {
        const token = tokenOf(request);
        if (token !== null) await endSession(deps.db, token);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/me',
      {
        onRequest: requireOfficer(deps.db),
        schema: {
          summary: 'Who is logged in',
          tags: ['auth'],
          response: { 200: OfficerSchema, 401: ProblemDetails },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        return { ...officer, may: capabilitiesOf(officer) };
      },
    );
  };

const wrongCredentials = (): ProblemError =>
  new ProblemError(
    401,
    'invalid-credentials',
    'Wrong username or password',
    'The username or the password is wrong.',
  );
