/**
 * Health of the parts the API depends on: PostgreSQL and Temporal, each probed with a time limit, so that a part that
 * hangs is reported down rather than hanging the probe.
 */
import { sql } from 'kysely';
import type { ServiceDeps } from './deps.js';

const PROBE_TIMEOUT_MS = 3_000;

export type PartStatus = { status: 'up' | 'down'; latencyMs: number; error?: string };

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

export interface HealthReport {
  status: 'ok' | 'unavailable';
  postgres: PartStatus;
  temporal: PartStatus;
}

export async function checkHealth(deps: Pick<ServiceDeps, 'db' | 'temporal'>): Promise<HealthReport> {
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
  return { status: ok ? 'ok' : 'unavailable', postgres, temporal };
}
