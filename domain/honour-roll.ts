/**
 * The public honour roll (tôn vinh, nhân rộng điển hình): awards that stand, as the union publishes them. Pure rules:
 * who records a member's wish to be kept off it, and what a listing may hold.
 */
import { DomainError } from './errors.js';
import { officerRoles } from './roles.js';
import type { Viewer } from './viewer.js';

/**
 * A member's consent is recorded by the officers of a unit that holds the member (the base union, or an officer
 * above it, who sees the subtree); auditors read records, they do not keep them.
 */
export function requireConsentRecorder(viewer: Pick<Viewer, 'role' | 'unitLevel'>): void {
  const allowed = officerRoles(viewer.unitLevel);
  if (!allowed.includes(viewer.role))
    throw new DomainError(
      'WrongRole',
      `Only ${allowed.join(', ')} record a member's consent to the honour roll.`,
      {
        role: viewer.role,
        allowed,
      },
    );
}

/** The most a page of the roll (or its feed) lists at once. */
export const HONOUR_ROLL_PAGE_MAX = 200;
