/**
 * How a nomination reads for an officer: the summary (the read model's row, or the same columns folded from the
 * events), and for one nomination its dossier, its timeline with the hash chain and what the officer may do now.
 * A nomination outside the officer's subtree does not exist for them.
 */
import { sql } from 'kysely';
import { loadNomination } from '../db/event-store.js';
import { nominationRow } from '../db/projections.js';
import { subtreeOf } from '../db/units.js';
import type { NominationEventRow, NominationRow } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { NominationAction } from '../domain/nomination/commands.js';

import { permittedActions } from '../domain/nomination/permissions.js';
import type { ExistingNomination } from '../domain/nomination/state.js';
import { actorOf, type Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';
import { visibleStatus } from './visibility.js';

export { visibleStatus };

export interface NominationSummary {
  id: string;
  status: string;
  stage: string;
  nomineeName: string;
  nomineeKind: string;
  nomineeUnitId: string | null;
  isLeader: boolean;
  isDirectWorker: boolean;
  awardFormCode: string;
  year: number;
  theme: string | null;
  submittingUnitId: string;
  holdingUnitId: string;
  decidingUnitId: string | null;
  route: { unitId: string; level: string }[];
  decisionNumber: string | null;
  decidedAt: string | null;
  deadlineAt: string | null;
  fastTrack: boolean;
  returnCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A stored event as the API and exports show it: actor, time, comment, data, and its place in the hash chain. */
export interface StoredEventView {
  position: number;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string; unitId: string };
  comment: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
}

export interface NominationDetail extends NominationSummary {
  dossier: unknown;
  events: StoredEventView[];
}

export function storedEventView(e: NominationEventRow): StoredEventView {
  return {
    position: e.position,
    type: e.type,
    occurredAt: e.occurred_at.toISOString(),
    actor: { id: e.actor_id, role: e.actor_role, unitId: e.actor_unit_id },
    comment: e.comment,
    data: e.data,
    prevHash: e.prev_hash,
    hash: e.hash,
  };
}

/** The read model's columns, stored (timestamps as Dates) or just derived from events (timestamps as ISO strings). */
type SummaryColumns = Omit<
  NominationRow,
  'created_at' | 'updated_at' | 'decided_at' | 'deadline_at' | 'stage_entered_at'
> & {
  created_at: Date | string;
  updated_at: Date | string;
  decided_at: Date | string | null;
  deadline_at: Date | string | null;
};

const iso = (d: Date | string): string => (typeof d === 'string' ? d : d.toISOString());

export function summaryOf(row: SummaryColumns): NominationSummary {
  return {
    id: row.id,
    status: row.status,
    stage: row.stage,
    nomineeName: row.nominee_name,
    nomineeKind: row.nominee_kind,
    nomineeUnitId: row.nominee_unit_id,
    isLeader: row.is_leader,
    isDirectWorker: row.is_direct_worker,
    awardFormCode: row.award_form_code,
    year: row.year,
    theme: row.theme,
    submittingUnitId: row.submitting_unit_id,
    holdingUnitId: row.holding_unit_id,
    decidingUnitId: row.deciding_unit_id,
    route: row.route as { unitId: string; level: string }[],
    decisionNumber: row.decision_number,
    decidedAt: row.decided_at === null ? null : iso(row.decided_at),
    deadlineAt: row.deadline_at === null ? null : iso(row.deadline_at),
    fastTrack: row.fast_track,
    returnCount: row.return_count,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * The detail of a nomination from its folded state and its stored events: the same columns the read model holds (it
 * is written from the same state), the current dossier, and the timeline.
 */
export function detailOf(state: ExistingNomination, events: NominationEventRow[]): NominationDetail {
  return {
    ...summaryOf({
      ...nominationRow(state.id, state),
      route: state.route,
      updated_at: events.at(-1)?.occurred_at.toISOString() ?? state.stageEnteredAt,
    }),
    dossier: state.dossier,
    events: events.map(storedEventView),
  };
}

export { actorOf };

/**
 * A nomination as the viewer sees it now, with what they may do to it; with `asOf`, as it stood then (history is
 * read-only: nothing may be done to a past state).
 */
export async function nominationDetail(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  nominationId: string,
  options: { asOf?: Date } = {},
): Promise<NominationDetail & { allowedActions: { action: ActionPath; needsComment: boolean }[] }> {
  const hidden = new DomainError(
    'NotFound',
    `Nomination ${nominationId} does not exist or is not visible to you`,
  );
  if ((await visibleStatus(deps, viewer, nominationId)) === undefined) throw hidden;
  const loaded = await loadNomination(deps.db, nominationId, options);
  if (loaded.state.status === 'none') {
    if (options.asOf === undefined) throw hidden;
    throw new DomainError(
      'NotFound',
      `Nomination ${nominationId} as of ${options.asOf.toISOString()} does not exist or is not visible to you`,
    );
  }
  return {
    ...detailOf(loaded.state, loaded.events),
    allowedActions:
      options.asOf === undefined
        ? permittedActions(loaded.state, actorOf(viewer)).map(({ action, needsComment }) => ({
            action: pathOf[action],
            needsComment,
          }))
        : [],
  };
}

export interface NominationListQuery {
  stage?: string;
  status?: string;
  holdingUnitId?: string;
  awardFormCode?: string;
  year?: number;
  /** Text in the nominee's name. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** Nominations in the viewer's subtree, newest change first, a page at a time (the cursor is the last one's place). */
export async function listNominations(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  q: NominationListQuery,
): Promise<{ items: NominationSummary[]; nextCursor: string | null }> {
  const limit = q.limit ?? 50;
  const subtree = [...(await subtreeOf(deps.db, viewer.unitId))];
  let query = deps.db.selectFrom('nominations').selectAll().where('submitting_unit_id', 'in', subtree);
  if (q.stage !== undefined) query = query.where('stage', '=', q.stage);
  if (q.status !== undefined) query = query.where('status', '=', q.status);
  if (q.holdingUnitId !== undefined) query = query.where('holding_unit_id', '=', q.holdingUnitId);
  if (q.awardFormCode !== undefined) query = query.where('award_form_code', '=', q.awardFormCode);
  if (q.year !== undefined) query = query.where('year', '=', q.year);
  if (q.q !== undefined && q.q.trim() !== '') {
    query = query.where(
      sql<boolean>`nominee_name ilike ${'%' + q.q.trim().replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`,
    );
  }
  if (q.cursor !== undefined) {
    const [updatedAt, id] = decodeCursor(q.cursor);
    query = query.where(sql<boolean>`(updated_at, id) < (${updatedAt}::timestamptz, ${id})`);
  }
  const rows = await query
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(summaryOf),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.updated_at, last.id) : null,
  };
}

function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new DomainError('InvalidCursor', 'The cursor is not one this API gave out; start again without it.', {
    errors: [{ pointer: '/query/cursor', detail: 'not a cursor from a previous page' }],
  });
}

/** The decider's name of each action as it appears in URLs. */
export const actionPaths = {
  submit: 'submit',
  return: 'returnForRevision',
  resubmit: 'resubmit',
  endorse: 'endorse',
  downgrade: 'downgrade',
  approve: 'approve',
  reject: 'reject',
  withdraw: 'withdraw',
  revoke: 'revoke',
  'override-quota': 'overrideQuota',
} as const satisfies Record<string, NominationAction>;
export type ActionPath = keyof typeof actionPaths;

const pathOf = Object.fromEntries(
  Object.entries(actionPaths).map(([path, action]) => [action, path]),
) as Record<NominationAction, ActionPath>;
