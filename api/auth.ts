/**
 * Who is asking. A session token comes either as a Bearer token (API clients) or in an httpOnly, SameSite=Strict
 * cookie (the web page); services/accounts.ts keeps the sessions. Every officer acts for the unit of their account and
 * sees that unit's subtree.
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../domain/viewer.js';
import { officerForToken } from '../services/accounts.js';
import type { ServiceDeps } from '../services/deps.js';
import { ProblemError } from './problem.js';

/** The officer behind a request: the services' viewer. */
export type Officer = Viewer;

declare module 'fastify' {
  interface FastifyRequest {
    officer: Officer | null;
  }
}

export const SESSION_COOKIE = 'sid';

export const accountLocked = (seconds: number): ProblemError => {
  const problem = new ProblemError(
    429,
    'account-locked',
    'Account temporarily locked',
    `Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${Math.ceil(seconds / 60)} phút.`,
  );
  problem.extensions = { retryAfterSeconds: seconds };
  return problem;
};

export function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? null;
  }
  return request.cookies[SESSION_COOKIE] ?? null;
}

export const unauthenticated = (): ProblemError =>
  new ProblemError(
    401,
    'unauthenticated',
    'Not logged in',
    'Log in first: the session is missing, expired or ended.',
  );

/** preHandler for routes that need an officer. */
export function requireOfficer(db: ServiceDeps['db']) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = tokenOf(request);
    const officer = token === null ? null : await officerForToken(db, token);
    if (officer === null) throw unauthenticated();
    request.officer = officer;
  };
}

export function officerOf(request: FastifyRequest): Officer {
  if (request.officer === null) throw unauthenticated();
  return request.officer;
}
