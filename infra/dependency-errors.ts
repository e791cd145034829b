/**
 * Telling apart the failures of the parts the system stands on from everything else. A server that is down, restarting
 * or unreachable is not the caller's fault nor a bug of ours: the API answers 503 with Retry-After, and activities
 * retry. A value the database refuses (a data error) is neither: no retry can fix it, so it must fail at once.
 */
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

export type Dependency = 'postgres' | 'temporal';

/** The error and its causes, outermost first (libraries wrap: kysely, the Temporal client, AggregateError). */
function* chain(err: unknown): Generator {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    yield current;
    if (current instanceof AggregateError) for (const inner of current.errors) yield* chain(inner);
    current = (current as { cause?: unknown }).cause;
  }
}

const codeOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : '');

/** Socket-level failures: the server is not there, or went away. */
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL's SQLSTATEs for a server that is shutting down, starting, or has lost the connection (classes 08 and 57P),
 * and "too many connections" (53300): all pass with time.
 */
function isPostgresUnavailableCode(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300')
  );
}

// pg's own words when the socket ends or no connection can be had in time; it gives these errors no code.
const postgresMessages = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Client was closed and is not queryable/i,
  /Query read timeout/i,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    if (isGrpcError(e)) return false; // a Temporal failure, handled below
    const code = codeOf(e);
    if (isPostgresUnavailableCode(code)) return true;
    if (typeof code === 'string' && networkCodes.has(code)) return true;
    if (postgresMessages.some((m) => m.test(messageOf(e)))) return true;
  }
  return false;
}

/** gRPC status codes (numbers) as the Temporal client reports them. */
const grpcUnavailable = new Set([
  14, // UNAVAILABLE: no server, or it is restarting
  4, // DEADLINE_EXCEEDED: no answer within our bound
  8, // RESOURCE_EXHAUSTED: the server sheds load
]);

function isGrpcError(err: unknown): boolean {
  return typeof codeOf(err) === 'number' && typeof (err as { details?: unknown }).details === 'string';
}

export function isTemporalUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    const code = codeOf(e);
    if (isGrpcError(e) && typeof code === 'number' && grpcUnavailable.has(code)) return true;
    if (/Failed to connect before the deadline|No connection established/i.test(messageOf(e))) return true;
  }
  return false;
}

/** Which part is down, if the error says one is. */
export function unavailableDependency(err: unknown): Dependency | undefined {
  if (isTemporalUnavailable(err)) return 'temporal';
  if (isDatabaseUnavailable(err)) return 'postgres';
  return undefined;
}

/**
 * A value PostgreSQL refuses: class 22 (data exception: a NUL in text, an unsupported Unicode escape in JSON, a number
 * out of range) and the integrity violations a retry cannot change (23502 not null, 23503 foreign key, 23514 check),
 * and 54000 (a value too large to index). A unique violation (23505) is left out: callers handle it as a conflict.
 */
export function isDataError(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = codeOf(e);
    if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) continue;
    if (code.startsWith('22') || code === '23502' || code === '23503' || code === '23514' || code === '54000')
      return true;
  }
  return false;
}
