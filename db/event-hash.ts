/**
 * The hash chain of a nomination's events. SHA-256 over the previous event's hash and the RFC 8785
 * canonical JSON of the event's content, so that anyone holding an export can recompute it with any JSON
 * canonicaliser and any SHA-256: no knowledge of our storage is needed.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { PositionedEvent } from '../domain/nomination/events.js';

/** The previous hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export function eventHash(prevHash: string, positioned: PositionedEvent): string {
  const { nominationId, position, event } = positioned;
  const content = canonicalize({
    nominationId,
    position,
    type: event.type,
    // Normalised: the same instant hashes the same whatever offset it was written with.
    occurredAt: new Date(event.occurredAt).toISOString(),
    actor: event.actor,
    comment: event.comment,
    data: event.data,
  });
  if (content === undefined) throw new Error('event content cannot be canonicalised');
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
