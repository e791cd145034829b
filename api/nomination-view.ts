/** How a nomination looks through the API: the read model, and for one nomination its event timeline. */
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Database, NominationEventRow, NominationRow } from '../db/schema.js';
import { readStream, rowToEvent } from '../db/event-store.js';
import { nominationRow } from '../db/projections.js';
import { fold } from '../domain/nomination/decider.js';

export const NominationId = Type.String({
  pattern: '^nom-[0-9a-f-]{36}$',
  description: 'Nomination id (also its workflow id)',
});

export const RouteStepSchema = Type.Object({ unitId: Type.String(), level: Type.String() });

export const NominationSummary = Type.Object({
  id: Type.String(),
  status: Type.String(),
  stage: Type.String(),
  nomineeName: Type.String(),
  nomineeKind: Type.String(),
  nomineeUnitId: Type.Union([Type.String(), Type.Null()]),
  isLeader: Type.Boolean(),
  isDirectWorker: Type.Boolean(),
  awardFormCode: Type.String(),
  year: Type.Integer(),
  theme: Type.Union([Type.String(), Type.Null()]),
  submittingUnitId: Type.String(),
  holdingUnitId: Type.String(),
  decidingUnitId: Type.Union([Type.String(), Type.Null()]),
  route: Type.Array(RouteStepSchema),
  decisionNumber: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  deadlineAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  fastTrack: Type.Boolean(),
  returnCount: Type.Integer(),
  version: Type.Integer({ description: 'Send it back in If-Match to act on this version' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type NominationSummary = Static<typeof NominationSummary>;

export const StoredEvent = Type.Object({
  position: Type.Integer(),
  type: Type.String(),
  occurredAt: Type.String({ format: 'date-time' }),
  actor: Type.Object({ id: Type.String(), role: Type.String(), unitId: Type.String() }),
  comment: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const NominationDetail = Type.Intersect([
  NominationSummary,
  Type.Object({ dossier: Type.Unknown(), events: Type.Array(StoredEvent) }),
]);
export type NominationDetail = Static<typeof NominationDetail>;

/** A stored event as the API and exports show it: actor, time, comment, data, and its place in the hash chain. */
export function storedEventView(e: NominationEventRow): Static<typeof StoredEvent> {
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

export async function loadDetail(db: Kysely<Database>, id: string): Promise<NominationDetail | undefined> {
  const row = await db.selectFrom('nominations').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const events = await readStream(db, id);
  const created = events[0]?.data as { dossier?: unknown } | undefined;
  // The current dossier: the last resubmission's, or the creation's.
  const resubmitted = [...events].reverse().find((e) => e.type === 'NominationResubmitted')?.data as
    { dossier?: unknown } | undefined;
  return {
    ...summaryOf(row),
    dossier: resubmitted?.dossier ?? created?.dossier ?? null,
    events: events.map(storedEventView),
  };
}

/**
 * A nomination as it stood at a moment: its events up to then, folded through the same decider the workflow runs.
 * Undefined when it did not exist yet.
 */
export async function loadDetailAsOf(
  db: Kysely<Database>,
  id: string,
  asOf: Date,
): Promise<NominationDetail | undefined> {
  const events = (await readStream(db, id)).filter((e) => e.occurred_at.getTime() <= asOf.getTime());
  const state = fold(events.map(rowToEvent), id);
  if (state.status === 'none') return undefined;
  return {
    ...summaryOf({
      ...nominationRow(id, state),
      route: state.route,
      updated_at: events.at(-1)?.occurred_at.toISOString() ?? state.stageEnteredAt,
    }),
    dossier: state.dossier,
    events: events.map(storedEventView),
  };
}
