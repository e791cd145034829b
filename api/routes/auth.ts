import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { defaultLoginLimits } from '../../infra/config.js';
import {
  accountLocked,
  checkPassword,
  clearLoginFailures,
  createSession,
  lockIfExhausted,
  endSession,
  officerForToken,
  officerOf,
  reserveLoginAttempt,
  requireOfficer,
  SESSION_COOKIE,
  tokenOf,
} from '../auth.js';
import { ProblemDetails, ProblemError } from '../problem.js';

export const OfficerSchema = Type.Object({
  accountId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  unitLevel: Type.String(),
});

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
          body: Type.Object(
            {
              username: Type.String({ minLength: 1, maxLength: 100 }),
              password: Type.String({ minLength: 1, maxLength: 200 }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              token: Type.String(),
              expiresAt: Type.String({ format: 'date-time' }),
              officer: OfficerSchema,
            }),
            401: ProblemDetails,
            429: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const { username, password } = request.body;
        const lockedFor = await reserveLoginAttempt(deps.db, username, limits);
        if (lockedFor !== null) {
          void reply.header('retry-after', String(lockedFor));
          throw accountLocked(lockedFor);
        }
        const accountId = await checkPassword(deps.db, username, password);
        if (accountId === null) {
          const locks = await lockIfExhausted(deps.db, username, limits);
          if (locks !== null) {
            void reply.header('retry-after', String(locks));
            throw accountLocked(locks);
          }
          throw new ProblemError(
            401,
            'invalid-credentials',
            'Wrong username or password',
            'The username or the password is wrong.',
          );
        }
        await clearLoginFailures(deps.db, username);
        const session = await createSession(deps.db, accountId, deps.sessionHours ?? 12);
        void reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.cookieSecure ?? false,
          path: '/',
          expires: session.expiresAt,
        });
        const officer = await officerForToken(deps.db, session.token);
        if (officer === null) throw new Error('a session just made is not found');
        return { token: session.token, expiresAt: session.expiresAt.toISOString(), officer };
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
      async (request) => officerOf(request),
    );
  };
