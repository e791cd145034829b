/**
 * Who is asking: the officer behind a request (or a command-line run), as the use cases and the rules see them. The
 * API builds it from the session; services take it as a plain value and never look at HTTP.
 */
import type { Actor } from './nomination/events.js';
import type { UnitLevel } from './organisation.js';
import type { Role } from './roles.js';

export interface Viewer {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  /** The unit the officer acts for; they see its subtree. */
  unitId: string;
  unitName: string;
  unitLevel: UnitLevel;
}

/** The viewer as the rules and the history name who acted. */
export const actorOf = (viewer: Viewer): Actor => ({
  id: viewer.username,
  role: viewer.role,
  unitId: viewer.unitId,
});
