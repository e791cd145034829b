/**
 * Appending to and reading the nomination event store. An append writes the events and updates the read
 * model in one transaction, so the projection never disagrees with the history; it is idempotent by
 * (nomination, position), so an activity retried after its transaction committed writes nothing twice.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { NominationEvent, PositionedEvent } from '../domain/nomination/events.js';
import { projectNominationEvent } from './projections.js';
import type { Database, NominationEventRow } from './schema.js';

/** The previous hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of an event, chained to the previous one: SHA-256 over the previous hash and the RFC 8785
 * canonical JSON of the event's content. Anyone can recompute it from an export (docs/audit, later).
 */
export function eventHash(prevHash: string, positioned: PositionedEvent): string {
  const { nominationId, position, event } = positioned;
  const content = canonicalize({
    nominationId,
    position,
    type: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    actor: event.actor,
    comment: event.comment,
    data: event.data,
  });
  if (content === undefined) throw new Error('event content cannot be canonicalised');
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export class StreamConflictError extends Error {
  constructor(
    readonly nominationId: string,
    readonly position: number,
    detail: string,
  ) {
    super(`Stream ${nominationId} position ${position}: ${detail}`);
    this.name = 'StreamConflictError';
  }
}

export interface AppendResult {
  /** Positions written by this call (empty when every event was already there: a retry). */
  written: number[];
  headHash: string;
}

export async function appendEvents(db: Kysely<Database>, events: PositionedEvent[]): Promise<AppendResult> {
  const first = events[0];
  if (first === undefined) throw new Error('appendEvents needs at least one event');
  const nominationId = first.nominationId;
  return db.transaction().execute(async (trx) => {
    // One writer per stream at a time; other streams are not held up.
    await sql`select pg_advisory_xact_lock(hashtextextended(${nominationId}, 0))`.execute(trx);
    const existing = await trx
      .selectFrom('nomination_events')
      .select(['position', 'hash'])
      .where('nomination_id', '=', nominationId)
      .orderBy('position')
      .execute();
    const hashes = new Map(existing.map((r) => [r.position, r.hash]));
    let prevHash = existing.at(-1)?.hash ?? GENESIS_HASH;
    const head = existing.at(-1)?.position ?? 0;
    const written: number[] = [];

    for (const positioned of events) {
      if (positioned.nominationId !== nominationId) throw new Error('one append, one stream');
      const already = hashes.get(positioned.position);
      if (already !== undefined) {
        // A retry: the same event is there. Anything else at that place is a conflicting writer.
        const before = positioned.position === 1 ? GENESIS_HASH : hashes.get(positioned.position - 1);
        if (before === undefined || eventHash(before, positioned) !== already) {
          throw new StreamConflictError(
            nominationId,
            positioned.position,
            'a different event is already stored here',
          );
        }
        continue;
      }
      const expected = head + written.length + 1;
      if (positioned.position !== expected) {
        throw new StreamConflictError(nominationId, positioned.position, `expected position ${expected}`);
      }
      const hash = eventHash(prevHash, positioned);
      await insertEvent(trx, positioned, prevHash, hash);
      await projectNominationEvent(trx, positioned);
      written.push(positioned.position);
      prevHash = hash;
    }
    return { written, headHash: prevHash };
  });
}

async function insertEvent(
  trx: Transaction<Database>,
  { nominationId, position, event }: PositionedEvent,
  prevHash: string,
  hash: string,
): Promise<void> {
  await trx
    .insertInto('nomination_events')
    .values({
      nomination_id: nominationId,
      position,
      type: event.type,
      occurred_at: event.occurredAt,
      actor_id: event.actor.id,
      actor_role: event.actor.role,
      actor_unit_id: event.actor.unitId,
      comment: event.comment,
      data: JSON.stringify(event.data),
      prev_hash: prevHash,
      hash,
    })
    .execute();
}

export async function readStream(db: Kysely<Database>, nominationId: string): Promise<NominationEventRow[]> {
  return db
    .selectFrom('nomination_events')
    .selectAll()
    .where('nomination_id', '=', nominationId)
    .orderBy('position')
    .execute();
}

/** Rebuilds the domain event from its stored row. */
export function rowToEvent(row: NominationEventRow): NominationEvent {
  return {
    type: row.type as NominationEvent['type'],
    occurredAt: row.occurred_at.toISOString(),
    actor: { id: row.actor_id, role: row.actor_role, unitId: row.actor_unit_id },
    comment: row.comment,
    data: row.data as NominationEvent['data'],
  };
}
