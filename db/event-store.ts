/**
 * Appending to and reading the nomination event store. An append writes the events and updates the read models in
 * one transaction, so a projection never disagrees with the history; it is idempotent by (nomination, position), so
 * an activity retried after its transaction committed writes nothing twice.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { evolve, fold } from '../domain/nomination/decider.js';
import type { NominationEvent, PositionedEvent } from '../domain/nomination/events.js';
import type { NominationState } from '../domain/nomination/state.js';
import { signHead } from './anchor.js';
import { eventHash, GENESIS_HASH } from './event-hash.js';
import { noticeRequest, writeNotices } from './notices.js';
import { projectSideEffects, upsertNomination } from './projections.js';
import type { Database, NominationEventRow } from './schema.js';

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
  /** The nomination's state after the stream's last event. */
  state: NominationState;
}

/** Takes the stream's lock for the rest of the transaction: one writer per nomination, other streams go on. */
export async function lockStream(trx: Transaction<Database>, nominationId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${'stream:' + nominationId}, 0))`.execute(trx);
}

/** A nomination's events in position order, in or outside a transaction. */
export async function readStream(
  db: Kysely<Database> | Transaction<Database>,
  nominationId: string,
): Promise<NominationEventRow[]> {
  return db
    .selectFrom('nomination_events')
    .selectAll()
    .where('nomination_id', '=', nominationId)
    .orderBy('position')
    .execute();
}

/** A nomination's stored events and the state they fold into: what every reader and writer of one nomination needs. */
export interface LoadedNomination {
  events: NominationEventRow[];
  state: NominationState;
}

/**
 * The one way to load a nomination: its stream read and folded through the decider's `evolve`; with `asOf`, only the
 * events up to that moment (the nomination as it stood then).
 */
export async function loadNomination(
  db: Kysely<Database> | Transaction<Database>,
  nominationId: string,
  options: { asOf?: Date } = {},
): Promise<LoadedNomination> {
  const all = await readStream(db, nominationId);
  const asOf = options.asOf?.getTime();
  const events = asOf === undefined ? all : all.filter((e) => e.occurred_at.getTime() <= asOf);
  return { events, state: fold(events.map(rowToEvent), nominationId) };
}

/**
 * Loading for update, inside a transaction: the stream's lock first, so the state stays true until the commit; pass the
 * answer on to `appendEventsLocked`, which then need not read the stream again.
 */
export async function loadNominationForUpdate(
  trx: Transaction<Database>,
  nominationId: string,
): Promise<LoadedNomination> {
  await lockStream(trx, nominationId);
  return loadNomination(trx, nominationId);
}

/** How an append writes the notices of its events (db/notices.ts): with an e-mail to send, or the inbox only. */
export interface AppendOptions {
  /** SMTP is configured: each recipient with an address gets a `pending` e-mail for the mail sender. */
  email: boolean;
}

export async function appendEvents(
  db: Kysely<Database>,
  events: PositionedEvent[],
  options: AppendOptions,
): Promise<AppendResult> {
  return db.transaction().execute(async (trx) => {
    const first = events[0];
    if (first === undefined) throw new Error('appendEvents needs at least one event');
    return appendEventsLocked(trx, events, options, await loadNominationForUpdate(trx, first.nominationId));
  });
}

/** Appends inside a transaction that already holds the stream's lock (the approval also reserves quota in it). */
export async function appendEventsLocked(
  trx: Transaction<Database>,
  events: PositionedEvent[],
  options: AppendOptions,
  /** The stream as the caller loaded it under the same lock (loadNominationForUpdate); read here otherwise. */
  loaded?: LoadedNomination,
): Promise<AppendResult> {
  const first = events[0];
  if (first === undefined) throw new Error('appendEvents needs at least one event');
  const nominationId = first.nominationId;
  const { events: existing, state: before } = loaded ?? (await loadNomination(trx, nominationId));
  const hashes = new Map(existing.map((r) => [r.position, r.hash]));
  let state = before;
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
    state = evolve(state, positioned.event);
    if (state.status === 'none') throw new Error('an event left the nomination without state');
    await projectSideEffects(trx, positioned, state);
    // The inbox in the same transaction: the event and its notices commit together, or neither does.
    await writeNotices(trx, noticeRequest(positioned, { ...state, id: nominationId }), options);
    written.push(positioned.position);
    prevHash = hash;
  }
  if (written.length > 0) {
    // The head's anchor moves only forward, in the same transaction as the events.
    const newHead = head + written.length;
    const signature = signHead(nominationId, newHead, prevHash);
    await trx
      .insertInto('stream_heads')
      .values({ nomination_id: nominationId, position: newHead, hash: prevHash, signature })
      .onConflict((oc) =>
        oc
          .column('nomination_id')
          .doUpdateSet({ position: newHead, hash: prevHash, signature, updated_at: new Date() })
          .where('stream_heads.position', '<', newHead),
      )
      .execute();
  }
  if (written.length > 0 && state.status !== 'none') {
    await upsertNomination(
      trx,
      nominationId,
      { ...state, id: nominationId },
      events.at(-1)?.event.occurredAt ?? state.stageEnteredAt,
    );
  }
  return {
    written,
    headHash: prevHash,
    state: state.status === 'none' ? state : { ...state, id: nominationId },
  };
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

/** Rebuilds the domain event from its stored row. */
export function rowToEvent(row: NominationEventRow): NominationEvent {
  return {
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    actor: { id: row.actor_id, role: row.actor_role, unitId: row.actor_unit_id },
    comment: row.comment,
    data: row.data,
  } as NominationEvent;
}

/** The streams of many nominations, each in position order, read in one query (absent ids have no entry). */
export async function readStreams(
  db: Kysely<Database>,
  nominationIds: string[],
): Promise<Map<string, NominationEventRow[]>> {
  const streams = new Map<string, NominationEventRow[]>();
  if (nominationIds.length === 0) return streams;
  const rows = await db
    .selectFrom('nomination_events')
    .selectAll()
    .where('nomination_id', 'in', nominationIds)
    .orderBy('nomination_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const stream = streams.get(row.nomination_id);
    if (stream === undefined) streams.set(row.nomination_id, [row]);
    else stream.push(row);
  }
  return streams;
}
