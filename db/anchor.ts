/**
 * The anchor of a stream's head: its last position and hash, signed with a key that is not in the database. A chain of
 * hashes shows an edited, inserted, deleted or reordered event, but not the newest events cut off the end: the anchor
 * does. Someone able to write the database but without the key cannot move an anchor back to match a truncated stream.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** For development and tests only; a deployment sets AUDIT_ANCHOR_KEY (the README says so). */
const DEVELOPMENT_KEY = 'development-only-anchor-key: set AUDIT_ANCHOR_KEY in a deployment';

export function anchorKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.AUDIT_ANCHOR_KEY;
  return key !== undefined && key !== '' ? key : DEVELOPMENT_KEY;
}

export function signHead(nominationId: string, position: number, hash: string, key = anchorKey()): string {
  return createHmac('sha256', key).update(`${nominationId}\n${position}\n${hash}`).digest('hex');
}

export function headSignatureValid(
  nominationId: string,
  position: number,
  hash: string,
  signature: string,
  key = anchorKey(),
): boolean {
  const expected = Buffer.from(signHead(nominationId, position, hash, key), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
