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

type PartStatus = { status: 'up' | 'down'; latencyMs: number; error?: string };

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<PartStatus> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latencyMs: elapsed() };
  } catch (err) {
    return { status: 'down', latencyMs: elapsed(), error: err instanceof Error ? err.message : String(err) };
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
          probe(() => sql`select 1`.execute(deps.db), PROBE_TIMEOUT_MS),
          // The SDK retries an unreachable server; its gRPC deadline ends those retries with the probe (instead of
          // leaving them running in the background), so the outer limit is only a safety net.
          probe(
            () =>
              deps.temporal.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
                deps.temporal.workflowService.getSystemInfo({}),
              ),
            PROBE_TIMEOUT_MS + 5_000,
          ),
        ]);
        const ok = postgres.status === 'up' && temporal.status === 'up';
        return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', postgres, temporal });
      },
    );
  };
