/**
 * The officer's daily work: what waits for their unit, soonest deadline first, and for what their unit decides, what
 * approving it would do to each quota (through the one quota reader).
 */
import { sql } from 'kysely';
import type { NominationRow } from '../db/schema.js';
import type { Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';
import { quotaEffect, type QuotaEffect } from './quotas.js';

export interface InboxItem {
  nomination: NominationRow;
  /** What approving would do; null where the viewer's unit does not decide it now. */
  quotaEffect: QuotaEffect | null;
}

export async function inbox(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  options: { limit: number },
): Promise<InboxItem[]> {
  const rows = await deps.db
    .selectFrom('nominations')
    .selectAll()
    .where('holding_unit_id', '=', viewer.unitId)
    .where('status', 'in', ['draft', 'inReview', 'returned'])
    .orderBy(sql`deadline_at asc nulls last`)
    .orderBy('created_at')
    .limit(options.limit)
    .execute();
  const items: InboxItem[] = [];
  for (const nomination of rows) {
    // Only the deciding unit's approvals move the quota figures.
    const decides = nomination.status === 'inReview' && nomination.deciding_unit_id === viewer.unitId;
    items.push({ nomination, quotaEffect: decides ? await quotaEffect(deps.db, nomination.id) : null });
  }
  return items;
}
