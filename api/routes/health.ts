import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';

const PartHealth = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  latencyMs: Type.Number(),
  error: Type.Optional(Type.String()),
});

const HealthReport = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  postgres: PartHealth,
  temporal: PartHealth,
});

const PROBE_TIMEOUT_MS = 3_000;

async function probe(
  check: () => Promise<unknown>,
): Promise<{ status: 'up' | 'down'; latencyMs: number; error?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  } finally {
    clearTimeout(timer);
  }
}

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
        const [postgres, temporal] = await Promise.all([
          probe(() => sql`select 1`.execute(deps.db)),
          probe(() => deps.temporal.workflowService.getSystemInfo({})),
        ]);
        const ok = postgres.status === 'up' && temporal.status === 'up';
        return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', postgres, temporal });
      },
    );
  };
