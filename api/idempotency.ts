/**
 * Idempotency-Key: a request repeated with the same key (by the same officer) gets the first answer and acts once.
 * The key is claimed in PostgreSQL before acting; a duplicate arriving while the first is still running waits for its
 * answer. The same key is also the Temporal update id, so that even a request whose answer was lost (the API died
 * between the workflow's reply and storing it) is not applied twice when retried: Temporal deduplicates the update.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { sha256 } from './auth.js';
import { ProblemError } from './problem.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** A claim older than this with no answer is taken to be from a request that died; a retry takes it over. */
const STALE_CLAIM_MS = 30_000;
const WAIT_FOR_FIRST_MS = 15_000;

export function updateIdFor(accountId: string, key: string): string {
  return `idem-${sha256(`${accountId}\n${key}`).slice(0, 40)}`;
}

export async function withIdempotency(
  db: Kysely<Database>,
  accountId: string,
  key: string | undefined,
  requestFingerprint: string,
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<StoredAnswer> {
  if (key === undefined) return { ...(await run()), replayed: false };
  if (key.length === 0 || key.length > 200) {
    throw new ProblemError(
      400,
      'invalid-idempotency-key',
      'Invalid Idempotency-Key',
      'An Idempotency-Key has 1 to 200 characters.',
    );
  }
  const requestHash = sha256(requestFingerprint);
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ account_id: accountId, key, request_hash: requestHash, status_code: null, response: null })
    .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();

  if (claimed === undefined) {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (row.request_hash !== requestHash) {
        throw new ProblemError(
          422,
          'idempotency-key-reused',
          'Idempotency-Key reused',
          'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        );
      }
      if (row.status_code !== null) return { status: row.status_code, body: row.response, replayed: true };
      if (Date.now() - row.created_at.getTime() > STALE_CLAIM_MS) break; // the first request died: act (Temporal dedupes)
      if (Date.now() > deadline) {
        throw new ProblemError(
          409,
          'request-in-progress',
          'Request in progress',
          'The same request is still being processed; retry shortly.',
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  try {
    const answer = await run();
    await store(db, accountId, key, answer);
    return { ...answer, replayed: false };
  } catch (err) {
    if (err instanceof ProblemError && err.status < 500) {
      // A refusal is an answer too: repeating the request gets the same refusal.
      await store(db, accountId, key, { status: err.status, body: err.toProblem() });
    } else {
      // Not an answer (our fault, or a server down): free the key so that a retry acts.
      await db
        .deleteFrom('idempotency_keys')
        .where('account_id', '=', accountId)
        .where('key', '=', key)
        .execute();
    }
    throw err;
  }
}

async function store(
  db: Kysely<Database>,
  accountId: string,
  key: string,
  answer: { status: number; body: unknown },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: answer.status, response: JSON.stringify(answer.body) })
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .execute();
}
