/**
 * Acting on a nomination over HTTP: the If-Match header, and the action as the bulk route (api/routes/work.ts) calls
 * it, refusals as problem documents. The work itself is services/nomination-actions.ts's.
 */
import type { ServiceDeps } from '../services/deps.js';
import { performAction as perform } from '../services/nomination-actions.js';
import { actionPaths, type ActionPath, type NominationDetail } from '../services/nomination-view.js';
import type { Officer } from './auth.js';
import { ProblemError } from './problem.js';
import type { ActionBody } from './schemas/nominations.js';

export { actionPaths, type ActionPath };
export type { ActionBody };

/** Parses If-Match: `"7"`, `W/"7"` or `7`. */
export function expectedVersionFrom(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (match?.[1] === undefined) {
    throw new ProblemError(
      400,
      'invalid-if-match',
      'Invalid If-Match',
      'If-Match carries the nomination version, e.g. "7", as in its ETag.',
    );
  }
  return Number(match[1]);
}

/** The action at its URL path, for an officer; a refusal comes back as a ProblemError. */
export async function performAction(
  deps: ServiceDeps,
  officer: Officer,
  nominationId: string,
  path: ActionPath,
  body: ActionBody,
  options: { expectedVersion?: number; updateId?: string } = {},
): Promise<NominationDetail> {
  // A refusal goes on as the service threw it: the error handler, withIdempotency and the bulk route turn it into
  // its problem document.
  return perform(deps, officer, {
    nominationId,
    action: actionPaths[path],
    ...body,
    ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
    ...(options.updateId !== undefined ? { requestId: options.updateId } : {}),
  });
}
