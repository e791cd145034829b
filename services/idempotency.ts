/**
 * Idempotency-Key: a request repeated with the same key (by the same officer) gets the first answer and acts once.
 * The key is claimed in PostgreSQL before acting; a duplicate arriving while the first is still running waits for its
 * answer. The same key is also the Temporal update id, so that even a request whose answer was lost (the API died
 * between the workflow's reply and storing it) is not applied twice when retried: Temporal deduplicates the update.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { sha256 } from './ids.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
  replayed: boolean;
}

/**
 * A claim older than this with no answer is taken to be from a request that died (its API process killed, its answer
 * lost): a retry takes it over at once and acts, which is safe because Temporal deduplicates the act itself (the
 * creation's workflow id and the update id both follow from the key). A live first request has its answer well within
 * it: its calls to Temporal and PostgreSQL are bounded by a few seconds each.
 */
const TAKEOVER_AFTER_MS = 8_000;

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * Runs `run` once per (account, key). `refusalAnswer` says which failures are answers a repeat must get again (a
 * refusal, as the caller renders it) — anything else frees the key, so that a retry acts.
 */
export async function withIdempotency(
  db: Kysely<Database>,
  accountId: string,
  key: string | undefined,
  requestFingerprint: string,
  run: () => Promise<Answer>,
  refusalAnswer: (err: unknown) => Answer | undefined,
): Promise<StoredAnswer> {
  if (key === undefined) return { ...(await run()), replayed: false };
  if (key.length === 0 || key.length > 200) {
    throw new DomainError('InvalidIdempotencyKey', 'An Idempotency-Key has 1 to 200 characters.');
  }
  const requestHash = sha256(requestFingerprint);
  const claim = async (): Promise<boolean> =>
    (await db
      .insertInto('idempotency_keys')
      .values({ account_id: accountId, key, request_hash: requestHash, status_code: null, response: null })
      .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst()) !== undefined;

  if (!(await claim())) {
    // Another request with this key came first: wait for its answer, or take over from it if it died. Bounded either
    // way; acting in its place is safe, since Temporal makes the act itself happen once.
    const givenUpAt = Date.now() + TAKEOVER_AFTER_MS;
    for (;;) {
      const row = await db
        .selectFrom('idempotency_keys')
        .select([
          'request_hash',
          'status_code',
          'response',
          // The claim's age by the database's clock, which stamped it: the API's clock may differ.
          sql<string>`extract(epoch from (now() - created_at)) * 1000`.as('age_ms'),
        ])
        .where('account_id', '=', accountId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (row === undefined) {
        // The first request failed and freed the key meanwhile: claim it afresh, or wait for whoever did.
        if (await claim()) break;
        continue;
      }
      if (row.request_hash !== requestHash) {
        throw new DomainError(
          'IdempotencyKeyReused',
          'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        );
      }
      if (row.status_code !== null) return { status: row.status_code, body: row.response, replayed: true };
      // The first request died (or is stuck): act in its place.
      if (Number(row.age_ms) > TAKEOVER_AFTER_MS || Date.now() > givenUpAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  try {
    const answer = await run();
    await store(db, accountId, key, answer);
    return { ...answer, replayed: false };
  } catch (err) {
    const refusal = refusalAnswer(err);
    if (refusal !== undefined) {
      // A refusal is an answer too: repeating the request gets the same refusal.
      await store(db, accountId, key, refusal);
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

async function store(db: Kysely<Database>, accountId: string, key: string, answer: Answer): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: answer.status, response: JSON.stringify(answer.body) })
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .execute();
}
