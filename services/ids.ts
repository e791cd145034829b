import { createHash } from 'node:crypto';

/** The SHA-256 of a text, in hex: session tokens are stored by it, and ids derived from request keys start from it. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A UUID-shaped id derived from a hex digest, for ids that must follow from what a request carries (its key). */
export function uuidFrom(hex: string): string {
  const h = hex.replace(/[^0-9a-f]/g, '').padEnd(32, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The id an Idempotency-Key stands for, per officer: the Temporal update id of the act, and the seed of ids derived
 * from it (a movement launched, an import's batch), so that a request repeated with the same key acts once.
 */
export function updateIdFor(accountId: string, key: string): string {
  return `idem-${sha256(`${accountId}\n${key}`).slice(0, 40)}`;
}
