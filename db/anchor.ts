/**
 * The anchor of a stream's head: its last position and hash, signed with a key that is not in the database. A chain of
 * hashes shows an edited, inserted, deleted or reordered event, but not the newest events cut off the end: the anchor
 * does. Someone able to write the database but without the key cannot move an anchor back to match a truncated stream.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { auditAnchorKey } from '../infra/config.js';

export function signHead(
  nominationId: string,
  position: number,
  hash: string,
  key = auditAnchorKey(),
): string {
  return createHmac('sha256', key).update(`${nominationId}\n${position}\n${hash}`).digest('hex');
}

export function headSignatureValid(
  nominationId: string,
  position: number,
  hash: string,
  signature: string,
  key = auditAnchorKey(),
): boolean {
  const expected = Buffer.from(signHead(nominationId, position, hash, key), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
