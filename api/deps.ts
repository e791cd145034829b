/**
 * What the API runs on (the services' dependencies and the HTTP settings) and the app's type: a module of their own,
 * so that the route plugins need not import the app that registers them.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { LoginLimits } from '../infra/config.js';
import type { ServiceDeps } from '../services/deps.js';

/** What the API runs on: the services' dependencies and the HTTP settings. */
export interface AppDeps extends ServiceDeps {
  /** How long a login lasts (default 12 hours). */
  sessionHours?: number;
  /** Mark the session cookie Secure (behind HTTPS). */
  cookieSecure?: boolean;
  /** Login attempts per address and the lock-out after wrong passwords (defaults in infra/config.ts). */
  login?: LoginLimits;
  /** Origins besides the API's own whose pages may make changes with the session cookie. */
  allowedOrigins?: string[];
  /** Proxies to believe about the client's address (TRUST_PROXY); none by default. */
  trustProxy?: boolean | string[];
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
