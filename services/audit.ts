/** The auditor's reading: a nomination's whole history, and which scope a verification may cover. */
import type { Viewer } from '../domain/viewer.js';
import { readStream } from '../db/event-store.js';
import type { ServiceDeps } from './deps.js';
import { storedEventView } from './nomination-view.js';
import { nominationInView, unitInView } from './visibility.js';

export interface HistoryEntry {
  position: number;
  type: string;
  /** What happened, in the domain's words (the event type). */
  action: string;
  occurredAt: string;
  actor: { id: string; role: string; unitId: string };
  comment: string | null;
  data: unknown;
  councilVote: { present: number; inFavour: number } | null;
  review: unknown;
  quota: unknown;
  prevHash: string;
  hash: string;
}

/** Every event of a nomination in the viewer's subtree, with the vote, review and quota figures each check saw. */
export async function nominationHistory(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  nominationId: string,
): Promise<HistoryEntry[]> {
  await nominationInView(deps.db, viewer, nominationId);
  const events = await readStream(deps.db, nominationId);
  return events.map((e) => {
    const data = e.data as {
      dossier?: { councilVote?: { present: number; inFavour: number } };
      review?: unknown;
      quota?: unknown;
    };
    return {
      ...storedEventView(e),
      action: e.type,
      councilVote: data.dossier?.councilVote ?? null,
      review: data.review ?? null,
      quota: data.quota ?? null,
    };
  });
}

/** The scope a verification covers: the named unit (the viewer's own by default) when it is in the viewer's subtree. */
export async function scopeToVerify(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  query: { unitId?: string; year?: number },
): Promise<{ unitId: string; year?: number }> {
  const unitId = query.unitId ?? viewer.unitId;
  await unitInView(deps.db, viewer, unitId);
  return { unitId, ...(query.year !== undefined ? { year: query.year } : {}) };
}
