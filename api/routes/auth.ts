import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import {
  checkPassword,
  createSession,
  endSession,
  officerForToken,
  officerOf,
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
    app.post(
      '/api/auth/login',
      {
        schema: {
          summary: 'Log in: a token for API clients, and an httpOnly session cookie for the web page',
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
          },
        },
      },
      async (request, reply) => {
        const accountId = await checkPassword(deps.db, request.body.username, request.body.password);
        if (accountId === null) {
          throw new ProblemError(
            401,
            'invalid-credentials',
            'Wrong username or password',
            'The username or the password is wrong.',
          );
        }
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
