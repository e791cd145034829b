/**
 * What an officer may do beyond a nomination's own actions, as the rules say, for a page to offer only that: the page
 * asks the API (`may` on /api/me) instead of keeping its own copy of the roles, which would drift from these.
 */
import { requireDecisionIssuer, requireDecisionPreparer } from './decision.js';
import { DomainError } from './errors.js';
import { requireConsentRecorder } from './honour-roll.js';
import type { Viewer } from './viewer.js';

export interface Capabilities {
  /** Prepare the unit's decisions (drafts, annexes, defaults). */
  prepareDecisions: boolean;
  /** Sign and issue them. */
  issueDecisions: boolean;
  /** Record a member's wish about the public honour roll. */
  recordHonourRollConsent: boolean;
}

const allowed = (rule: () => void): boolean => {
  try {
    rule();
    return true;
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
};

export function capabilitiesOf(viewer: Pick<Viewer, 'role' | 'unitLevel'>): Capabilities {
  return {
    prepareDecisions: allowed(() => requireDecisionPreparer(viewer)),
    issueDecisions: allowed(() => requireDecisionIssuer(viewer)),
    recordHonourRollConsent: allowed(() => requireConsentRecorder(viewer)),
  };
}
