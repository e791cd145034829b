/**
 * Idempotency-Key over HTTP: the stored answers are services/idempotency.ts's; what counts as an answer to keep is
 * decided here, where refusals become problem documents.
 */
import type { ServiceDeps } from '../services/deps.js';
import { withIdempotency as once, type Answer, type StoredAnswer } from '../services/idempotency.js';
import { asProblem } from './domain-problems.js';
import { ProblemError } from './problem.js';

export type { StoredAnswer };
// The derivation lives beside the other ids, where the services that need it (a movement's launch) can reach it.
export { updateIdFor } from '../services/ids.js';

/** A refusal (a 4xx problem) is an answer a repeat gets again; a failure of ours or of a dependency is not. */
function refusalAnswer(err: unknown): Answer | undefined {
  const problem = asProblem(err);
  return problem instanceof ProblemError && problem.status < 500
    ? { status: problem.status, body: problem.toProblem() }
    : undefined;
}

export function withIdempotency(
  db: ServiceDeps['db'],
  accountId: string,
  key: string | undefined,
  requestFingerprint: string,
  run: () => Promise<Answer>,
): Promise<StoredAnswer> {
  return once(db, accountId, key, requestFingerprint, run, refusalAnswer);
}
