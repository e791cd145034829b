/**
 * Decisions (quyết định khen thưởng) as records: a deciding unit's drafts, their annexes of nominations that wait for
 * its decision, and reading them. The rules are domain/decision.ts's; issuing a draft under one number is the next
 * step of docs/decisions.md.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { isWithin, subtreeOf } from '../db/units.js';
import { WorkflowFailedError } from '@temporalio/client';
import {
  annexProblems,
  draftDefaults,
  requireDecisionIssuer,
  requireDecisionPreparer,
  requireDraft,
  revocationProblems,
  type DecisionKind,
  type DecisionStatus,
} from '../domain/decision.js';
import { actorOf } from '../domain/viewer.js';
import { decisionWorkflow, decisionWorkflowId } from '../workflows/decision.js';
import { refusalFrom } from './workflow-failures.js';
import { DomainError } from '../domain/errors.js';
import type { Viewer } from '../domain/viewer.js';
import type { AttachmentView } from './attachments.js';
import { bonusOn, bonusTables } from './bonuses.js';
import { unitDecisionDefaults } from './decision-defaults.js';
import type { ServiceDeps } from './deps.js';
import { notVisible } from './visibility.js';

export interface DecisionSigner {
  name: string | null;
  title: string | null;
  /** On whose behalf: "TM. BAN THƯỜNG VỤ" and the like. */
  capacity: string | null;
}

/** What an officer writes on a draft; everything but the title may be left out. */
export interface DecisionText {
  title: string;
  bases?: string[];
  occasion?: string | null;
  recipients?: string[];
  signer?: Partial<DecisionSigner>;
  /** A revocation decision's reason (lý do thu hồi), printed and shown to whoever checks the revoked paper. */
  reason?: string | null;
}

export interface DecisionDraftRequest extends DecisionText {
  /** The record's id, when the caller derives it (a repeated request finds the same record); random otherwise. */
  id?: string;
  year: number;
  /** An award decision (the default), or a revocation decision (quyết định thu hồi) of awards the unit decided. */
  kind?: DecisionKind;
  /** Nominations to list in the annex at once. */
  nominationIds?: string[];
}

export interface AnnexEntry {
  nominationId: string;
  nomineeName: string;
  nomineeKind: string;
  submittingUnitId: string;
  submittingUnitName: string;
  /** The award's own decision, once approved: what a revocation decision's annex cites. */
  decisionNumber: string | null;
  decidedAt: string | null;
  /** The bonus (tiền thưởng) in đồng at the decision's date (today for a draft); null when no figure is in effect. */
  bonusVnd: number | null;
}

export interface DecisionSummary {
  id: string;
  issuingUnitId: string;
  issuingUnitName: string;
  kind: 'award' | 'revocation';
  status: DecisionStatus;
  year: number;
  title: string;
  number: string | null;
  issuedAt: string | null;
  version: number;
  /** Collectives and individuals in the annex, as the decision's article counts them. */
  collectives: number;
  individuals: number;
}

export interface DecisionView extends DecisionSummary {
  bases: string[];
  occasion: string | null;
  recipients: string[];
  signer: DecisionSigner;
  reason: string | null;
  /** The annex's bonuses added up, in đồng (an award decision; a revocation pays none). */
  bonusTotalVnd: number;
  /** The scan of the signed paper, once attached: its SHA-256 is part of the record. */
  signedScan: SignedScan | null;
  createdBy: string;
  /** The annex, grouped by form (a table per form on the printed paper), in the order forms and names sort. */
  annex: { formCode: string; formName: string; entries: AnnexEntry[] }[];
}

/** The scan of the signed paper: a stored file as a dossier's are described, without a dossier's id and kind. */
export type SignedScan = Omit<AttachmentView, 'id' | 'kind'>;

export interface AwaitingNomination extends AnnexEntry {
  formCode: string;
  formName: string;
  year: number;
}

const recordsQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('decision_records as d')
    .innerJoin('units as u', 'u.id', 'd.issuing_unit_id')
    .selectAll('d')
    .select('u.name as issuing_unit_name')
    .select((eb) => [
      eb
        .selectFrom('decision_annex as a')
        .innerJoin('nominations as n', 'n.id', 'a.nomination_id')
        .whereRef('a.decision_id', '=', 'd.id')
        .where('n.nominee_kind', '=', 'collective')
        .select((e) => e.fn.countAll<string>().as('c'))
        .as('collectives'),
      eb
        .selectFrom('decision_annex as a')
        .innerJoin('nominations as n', 'n.id', 'a.nomination_id')
        .whereRef('a.decision_id', '=', 'd.id')
        .where('n.nominee_kind', '<>', 'collective')
        .select((e) => e.fn.countAll<string>().as('c'))
        .as('individuals'),
    ]);

type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['executeTakeFirstOrThrow']>>;

const summaryOf = (r: RecordRow): DecisionSummary => ({
  id: r.id,
  issuingUnitId: r.issuing_unit_id,
  issuingUnitName: r.issuing_unit_name,
  kind: r.kind,
  status: r.status,
  year: r.year,
  title: r.title,
  number: r.number,
  issuedAt: r.issued_at?.toISOString() ?? null,
  version: r.version,
  collectives: Number(r.collectives ?? 0),
  individuals: Number(r.individuals ?? 0),
});

/** The nominations in each decision's annex and the ones that wait, as the annex shows them. */
const entriesQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('nominations as n')
    .innerJoin('units as s', 's.id', 'n.submitting_unit_id')
    .innerJoin('award_forms as f', 'f.code', 'n.award_form_code')
    .select([
      'n.id',
      'n.nominee_name',
      'n.nominee_kind',
      'n.submitting_unit_id',
      's.name as submitting_unit_name',
      'n.award_form_code',
      'f.name as form_name',
      'n.year',
      'n.decision_number',
      'n.decided_at',
    ])
    .orderBy('n.award_form_code')
    .orderBy('n.nominee_name')
    .orderBy('n.id');

type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesQuery>['execute']>>[number];

const entryOf = (r: EntryRow, bonusVnd: number | null = null): AnnexEntry => ({
  nominationId: r.id,
  nomineeName: r.nominee_name,
  nomineeKind: r.nominee_kind,
  submittingUnitId: r.submitting_unit_id,
  submittingUnitName: r.submitting_unit_name,
  decisionNumber: r.decision_number,
  decidedAt: r.decided_at?.toISOString() ?? null,
  bonusVnd,
});

const vietnameseOrder = new Intl.Collator('vi');

async function viewOf(db: Kysely<Database>, record: RecordRow): Promise<DecisionView> {
  const rows = await entriesQuery(db)
    .innerJoin('decision_annex as a', 'a.nomination_id', 'n.id')
    .where('a.decision_id', '=', record.id)
    .execute();
  const annex: DecisionView['annex'] = [];
  // Paid at the figures in effect on the decision's date; a draft shows what it would pay if issued today.
  const bonuses = record.kind === 'award' ? await bonusTables(db) : undefined;
  const at = record.issued_at?.toISOString() ?? new Date().toISOString();
  for (const r of rows) {
    let group = annex.at(-1);
    if (group?.formCode !== r.award_form_code) {
      group = { formCode: r.award_form_code, formName: r.form_name, entries: [] };
      annex.push(group);
    }
    const bonus =
      bonuses === undefined
        ? null
        : bonusOn(bonuses, { formCode: r.award_form_code, nomineeKind: r.nominee_kind }, at);
    group.entries.push(entryOf(r, bonus));
  }
  // Names in Vietnamese order (the database's collation puts "Hồ" after "Huỳnh"), as the printed annex lists them.
  for (const group of annex)
    group.entries.sort((x, y) => vietnameseOrder.compare(x.nomineeName, y.nomineeName));
  const scan = await db
    .selectFrom('decision_scans')
    .select(['filename', 'content_type', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_at'])
    .where('decision_id', '=', record.id)
    .executeTakeFirst();
  return {
    ...summaryOf(record),
    signedScan:
      scan === undefined
        ? null
        : {
            filename: scan.filename,
            contentType: scan.content_type,
            sizeBytes: scan.size_bytes,
            sha256: scan.sha256,
            uploadedBy: scan.uploaded_by,
            uploadedAt: scan.uploaded_at.toISOString(),
          },
    bases: record.bases,
    occasion: record.occasion,
    recipients: record.recipients,
    signer: { name: record.signer_name, title: record.signer_title, capacity: record.signer_capacity },
    reason: record.reason,
    bonusTotalVnd: annex.reduce((sum, g) => g.entries.reduce((t, e) => t + (e.bonusVnd ?? 0), sum), 0),
    createdBy: record.created_by,
    annex,
  };
}

/** A decision the viewer may see: one issued by their unit or a unit below it. */
/** The decision's record when the viewer may see it (one of their subtree's), without its annex: for checks. */
export async function visibleRecord(db: Kysely<Database>, viewer: Viewer, id: string): Promise<RecordRow> {
  const record = await recordsQuery(db).where('d.id', '=', id).executeTakeFirst();
  if (record === undefined || !(await isWithin(db, viewer.unitId, record.issuing_unit_id)))
    throw notVisible(`Decision ${id}`);
  return record;
}

export async function decisionOf(deps: ServiceDeps, viewer: Viewer, id: string): Promise<DecisionView> {
  return viewOf(deps.db, await visibleRecord(deps.db, viewer, id));
}

/** Decisions of the viewer's unit and the units below it, newest first. */
export async function decisionsOf(
  deps: ServiceDeps,
  viewer: Viewer,
  filter: { year?: number; status?: DecisionStatus } = {},
): Promise<DecisionSummary[]> {
  const subtree = [...(await subtreeOf(deps.db, viewer.unitId))];
  let query = recordsQuery(deps.db).where('d.issuing_unit_id', 'in', subtree);
  if (filter.year !== undefined) query = query.where('d.year', '=', filter.year);
  if (filter.status !== undefined) query = query.where('d.status', '=', filter.status);
  const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id').execute();
  return rows.map(summaryOf);
}

/** Nominations that wait for the viewer's unit's decision and are in no award decision yet: what a draft can take. */
export async function awaitingDecision(
  deps: ServiceDeps,
  viewer: Viewer,
  year?: number,
  kind: DecisionKind = 'award',
): Promise<AwaitingNomination[]> {
  // For an award decision: what waits for the unit's decision. For a revocation: the awards the unit decided that stand.
  let query = (
    kind === 'revocation'
      ? entriesQuery(deps.db).where('n.status', '=', 'approved')
      : entriesQuery(deps.db)
          .where('n.status', '=', 'inReview')
          .where('n.holding_unit_id', '=', viewer.unitId)
  )
    .where('n.deciding_unit_id', '=', viewer.unitId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('decision_annex as a')
            .whereRef('a.nomination_id', '=', 'n.id')
            .where('a.kind', '=', kind)
            .select('a.decision_id'),
        ),
      ),
    );
  if (year !== undefined) query = query.where('n.year', '=', year);
  const rows = await query.limit(AWAITING_MAX).execute();
  return rows.map((r) => ({
    ...entryOf(r),
    formCode: r.award_form_code,
    formName: r.form_name,
    year: r.year,
  }));
}

/** The most an awaiting list shows at once (a province decides some thousands a year; a draft takes hundreds). */
const AWAITING_MAX = 1000;

const textColumns = (text: Partial<DecisionText>) => ({
  ...(text.title !== undefined ? { title: text.title } : {}),
  ...(text.bases !== undefined ? { bases: JSON.stringify(text.bases) } : {}),
  ...(text.occasion !== undefined ? { occasion: text.occasion } : {}),
  ...(text.recipients !== undefined ? { recipients: JSON.stringify(text.recipients) } : {}),
  ...(text.signer?.name !== undefined ? { signer_name: text.signer.name } : {}),
  ...(text.signer?.title !== undefined ? { signer_title: text.signer.title } : {}),
  ...(text.signer?.capacity !== undefined ? { signer_capacity: text.signer.capacity } : {}),
  ...(text.reason !== undefined ? { reason: text.reason } : {}),
});

/** A draft decision of the viewer's unit, with the nominations it lists from the start (all of them, or none). */
export async function prepareDecision(
  deps: ServiceDeps,
  viewer: Viewer,
  request: DecisionDraftRequest,
): Promise<DecisionView> {
  requireDecisionPreparer(viewer);
  // What the officer leaves out comes from the unit's defaults, its own and those of the forms the draft lists.
  const forms =
    (request.nominationIds ?? []).length === 0
      ? []
      : await deps.db
          .selectFrom('nominations')
          .select('award_form_code')
          .distinct()
          .where('id', 'in', request.nominationIds ?? [])
          .orderBy('award_form_code')
          .execute();
  const start = draftDefaults(
    await unitDecisionDefaults(deps.db, viewer.unitId),
    forms.map((f) => f.award_form_code),
  );
  const text: DecisionText = {
    ...request,
    bases: request.bases ?? start.bases,
    recipients: request.recipients ?? start.recipients,
    // A field sent as null is the officer's choice (left blank); only one left out takes the default.
    signer: {
      name: request.signer?.name !== undefined ? request.signer.name : start.signer.name,
      title: request.signer?.title !== undefined ? request.signer.title : start.signer.title,
      capacity: request.signer?.capacity !== undefined ? request.signer.capacity : start.signer.capacity,
    },
  };
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('decision_records')
      .values({
        ...(request.id !== undefined ? { id: request.id } : {}),
        issuing_unit_id: viewer.unitId,
        kind: request.kind ?? 'award',
        year: request.year,
        created_by: viewer.username,
        title: request.title,
        ...textColumns(text),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if ((request.nominationIds ?? []).length > 0)
      await addLocked(
        trx,
        viewer,
        { id, issuingUnitId: viewer.unitId, year: request.year, kind: request.kind ?? 'award' },
        request.nominationIds ?? [],
      );
    return id;
  });
  return decisionOf(deps, viewer, id);
}

/**
 * The decision as a printed paper (PDF): issued with its number and date, or a draft with them left blank. The place on
 * its date line is the province's, taken from the name of the province-level union above the issuing unit.
 */
/** How long an officer's request waits for the issuing before it is told the engine did not answer (503). */
const ISSUE_WAIT_MS = 20_000;

/**
 * Issues a draft of the viewer's unit, signed by the viewer (a decider): every nomination of its annex approved under
 * one number and date, or none, with each reason (DecisionRefused). Issuing an issued decision again answers it as
 * it is; two requests at once share one run.
 */
export async function issueDecision(deps: ServiceDeps, viewer: Viewer, id: string): Promise<DecisionView> {
  requireDecisionIssuer(viewer);
  const record = await visibleRecord(deps.db, viewer, id);
  if (record.issuing_unit_id !== viewer.unitId) throw notVisible(`Decision ${id}`);
  if (record.status === 'issued') return viewOf(deps.db, record);
  const handle = await deps.temporal.workflow.start(decisionWorkflow, {
    workflowId: decisionWorkflowId(id),
    taskQueue: deps.taskQueue,
    args: [{ decisionId: id, issuer: actorOf(viewer), at: new Date().toISOString() }],
    // A second request while one runs waits for the same run; one refused before may be tried again.
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
  try {
    await deps.temporal.withDeadline(Date.now() + ISSUE_WAIT_MS, () => handle.result());
  } catch (err) {
    if (err instanceof WorkflowFailedError) throw refusalFrom(err);
    throw err;
  }
  return decisionOf(deps, viewer, id);
}

/** Changes a draft's text; a draft only, of the viewer's own unit. */
export async function editDecision(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
  text: Partial<DecisionText>,
): Promise<DecisionView> {
  await changeDraft(deps, viewer, id, async (trx) => {
    const columns = textColumns(text);
    // An empty edit changes no text; it still checks the draft and moves its version on, as any edit does.
    if (Object.keys(columns).length > 0)
      await trx.updateTable('decision_records').set(columns).where('id', '=', id).execute();
  });
  return decisionOf(deps, viewer, id);
}

/** Lists nominations in a draft's annex: all of them, or none with each refusal named. Listing one twice is no change. */
export async function addToDecision(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
  nominationIds: string[],
): Promise<DecisionView> {
  await changeDraft(deps, viewer, id, (trx, record) =>
    addLocked(
      trx,
      viewer,
      { id, issuingUnitId: record.issuing_unit_id, year: record.year, kind: record.kind },
      nominationIds,
    ),
  );
  return decisionOf(deps, viewer, id);
}

/** Takes a nomination off a draft's annex; one not listed is no change. */
export async function removeFromDecision(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
  nominationId: string,
): Promise<DecisionView> {
  await changeDraft(deps, viewer, id, async (trx) => {
    await trx
      .deleteFrom('decision_annex')
      .where('decision_id', '=', id)
      .where('nomination_id', '=', nominationId)
      .execute();
  });
  return decisionOf(deps, viewer, id);
}

/**
 * A change to a draft of the viewer's unit, under the record's row lock (so that it cannot interleave with the issuing
 * of the same draft), with its version moved on.
 */
async function changeDraft(
  deps: ServiceDeps,
  viewer: Viewer,
  id: string,
  change: (
    trx: Transaction<Database>,
    record: { issuing_unit_id: string; year: number; kind: DecisionKind },
  ) => Promise<void>,
): Promise<void> {
  requireDecisionPreparer(viewer);
  await deps.db.transaction().execute(async (trx) => {
    const record = await trx
      .selectFrom('decision_records')
      .select(['id', 'issuing_unit_id', 'status', 'number', 'year', 'kind'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    // Another unit's drafts are its own business: only the issuing unit's officers change them.
    if (record === undefined || record.issuing_unit_id !== viewer.unitId) throw notVisible(`Decision ${id}`);
    requireDraft(record);
    await change(trx, record);
    await trx
      .updateTable('decision_records')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .execute();
  });
}

async function addLocked(
  trx: Transaction<Database>,
  viewer: Viewer,
  decision: { id: string; issuingUnitId: string; year: number; kind: DecisionKind },
  nominationIds: string[],
): Promise<void> {
  if (nominationIds.length === 0) return;
  // The nominations' rows locked in one order: two drafts taking the same nomination at once wait for each other
  // here. The annex is read by a statement of its own, after the wait, so that it sees what the first one listed.
  await trx
    .selectFrom('nominations')
    .select('id')
    .where('id', 'in', nominationIds)
    .orderBy('id')
    .forUpdate()
    .execute();
  const found = await trx
    .selectFrom('nominations as n')
    .leftJoin('decision_annex as a', (join) =>
      join.onRef('a.nomination_id', '=', 'n.id').on('a.kind', '=', decision.kind),
    )
    .select(['n.id', 'n.status', 'n.holding_unit_id', 'n.deciding_unit_id', 'n.year', 'a.decision_id'])
    .where('n.id', 'in', nominationIds)
    .execute();
  const subtree = await subtreeOf(trx, viewer.unitId);
  const visible = found.filter((n) => subtree.has(n.holding_unit_id));
  const problems =
    decision.kind === 'revocation'
      ? revocationProblems(
          decision,
          nominationIds,
          visible.map((n) => ({
            id: n.id,
            status: n.status,
            decidingUnitId: n.deciding_unit_id,
            inRevocation: n.decision_id,
          })),
        )
      : annexProblems(
          decision,
          nominationIds,
          visible.map((n) => ({
            id: n.id,
            status: n.status,
            holdingUnitId: n.holding_unit_id,
            decidingUnitId: n.deciding_unit_id,
            year: n.year,
            inDecision: n.decision_id,
          })),
        );
  if (problems.length > 0)
    throw new DomainError(
      'InvalidReference',
      `${problems.length} of the nominations cannot be listed in this decision; none was added.`,
      { problems },
    );
  await trx
    .insertInto('decision_annex')
    .values(
      nominationIds.map((nominationId) => ({
        decision_id: decision.id,
        nomination_id: nominationId,
        kind: decision.kind,
        added_by: viewer.username,
      })),
    )
    .onConflict((oc) => oc.columns(['decision_id', 'nomination_id']).doNothing())
    .execute();
}
