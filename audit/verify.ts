/**
 * Verification of the award history, for auditors: for every stream in a scope, the hash chain is intact and
 * contiguous, its head matches the signed anchor (so cut-off events show), and folding the events through the same
 * decider the workflow runs reproduces the read model exactly; across the scope, each deciding unit's decision numbers
 * for a year are gap-free and each belongs to exactly one approval. Every problem is named: stream, position, what
 * differs.
 */
import { decisionYear } from '../domain/decision-number.js';
import { sql, type Kysely } from 'kysely';
import { headSignatureValid } from '../db/anchor.js';
import { eventHash, GENESIS_HASH } from '../db/event-hash.js';
import { readStreams, rowToEvent } from '../db/event-store.js';
import { nominationRow } from '../db/projections.js';
import type { Database, NominationEventRow } from '../db/schema.js';
import { subtreeOf } from '../db/units.js';
import { fold } from '../domain/nomination/decider.js';
import type { NominationEvent } from '../domain/nomination/events.js';

/** What the verification can find wrong; the command line shows each with its label in messages/vi.js. */
export const issueKinds = [
  'hash-mismatch',
  'broken-link',
  'missing-position',
  'unexpected-position',
  'truncated',
  'anchor-mismatch',
  'missing-anchor',
  'bad-anchor-signature',
  'read-model-mismatch',
  'missing-read-model',
  'unreadable-stream',
  'decision-gap',
  'decision-unmatched',
  'decision-annex-mismatch',
  'signed-scan-mismatch',
] as const;
export type IssueKind = (typeof issueKinds)[number];

export interface VerificationIssue {
  kind: IssueKind;
  nominationId: string | null;
  position: number | null;
  detail: string;
}

export interface VerificationScope {
  /** The unit whose subtree's nominations are checked (by submitting unit); all when absent. */
  unitId?: string;
  year?: number;
}

export interface VerificationReport {
  streams: number;
  events: number;
  decisions: number;
  issues: VerificationIssue[];
  seconds: number;
}

/** The columns of the read model that folding must reproduce. */
const comparedColumns = [
  'status',
  'stage',
  'nominee_name',
  'award_form_code',
  'year',
  'submitting_unit_id',
  'holding_unit_id',
  'version',
  'deciding_unit_id',
  'decision_number',
  'nominee_member_id',
  'is_leader',
  'is_direct_worker',
  'return_count',
] as const;

/** Checks one stream's chain and anchor; answers the issues and the events it could read. */
export function verifyChain(
  nominationId: string,
  rows: NominationEventRow[],
  head: { position: number; hash: string; signature: string } | undefined,
  /** The rows as events, when the caller has them (rowToEvent once per row, not once per check). */
  events: NominationEvent[] = rows.map(rowToEvent),
): VerificationIssue[] {
  const issues: VerificationIssue[] = [];
  const issue = (kind: IssueKind, position: number | null, detail: string): void => {
    issues.push({ kind, nominationId, position, detail });
  };
  let expectedPrev = GENESIS_HASH;
  let expectedPosition = 1;
  for (const [i, row] of rows.entries()) {
    if (row.position !== expectedPosition) {
      if (row.position > expectedPosition) {
        issue(
          'missing-position',
          expectedPosition,
          `positions ${expectedPosition}–${row.position - 1} are missing (deleted events?)`,
        );
      } else {
        issue(
          'unexpected-position',
          row.position,
          `position ${row.position} appears after ${expectedPosition - 1}`,
        );
      }
      expectedPosition = row.position;
    }
    if (row.prev_hash !== expectedPrev) {
      issue(
        'broken-link',
        row.position,
        `prev_hash ${row.prev_hash.slice(0, 12)}… does not match the previous event's hash ${expectedPrev.slice(0, 12)}… (events inserted, deleted or reordered)`,
      );
    }
    const recomputed = eventHash(row.prev_hash, {
      nominationId,
      position: row.position,
      event: events[i] ?? rowToEvent(row),
    });
    if (recomputed !== row.hash) {
      issue(
        'hash-mismatch',
        row.position,
        `the ${row.type} event's content does not match its hash (edited after it was written)`,
      );
    }
    expectedPrev = row.hash;
    expectedPosition++;
  }
  const last = rows.at(-1);
  if (head === undefined) {
    if (last !== undefined) issue('missing-anchor', null, 'the stream has events but no anchor of its head');
  } else {
    if (!headSignatureValid(nominationId, head.position, head.hash, head.signature)) {
      issue(
        'bad-anchor-signature',
        head.position,
        'the anchor of the stream head is not signed with the audit key (altered)',
      );
    }
    const lastPosition = last?.position ?? 0;
    if (lastPosition < head.position) {
      issue(
        'truncated',
        lastPosition + 1,
        `the anchor records ${head.position} events but the stream ends at ${lastPosition}: the newest events were cut off`,
      );
    } else if (lastPosition > head.position) {
      issue(
        'unexpected-position',
        head.position + 1,
        `the stream goes on past its anchored head at ${head.position} (events appended outside the application)`,
      );
    } else if (last !== undefined && last.hash !== head.hash) {
      issue('anchor-mismatch', lastPosition, 'the last event’s hash differs from the anchored head hash');
    }
  }
  return issues;
}

export async function verifyScope(
  db: Kysely<Database>,
  scope: VerificationScope = {},
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<VerificationReport> {
  const started = performance.now();
  const units = scope.unitId === undefined ? null : [...(await subtreeOf(db, scope.unitId))];
  // The decision register is checked meanwhile, on a connection of its own.
  const decisionsChecked = verifyDecisions(db, units, scope.year);
  // Awaited at the end; a failure meanwhile is not left unhandled while the streams are read.
  decisionsChecked.catch(() => undefined);

  // Streams: every nomination in the read model, and every stream in the store (a stream with no read model, or a
  // read model with no events, are both problems).
  let readModels = db.selectFrom('nominations').selectAll();
  if (units !== null) readModels = readModels.where('submitting_unit_id', 'in', units);
  if (scope.year !== undefined) readModels = readModels.where('year', '=', scope.year);
  const [modelRows, streamIds] = await Promise.all([
    readModels.execute(),
    units === null && scope.year === undefined
      ? db.selectFrom('nomination_events').select('nomination_id').distinct().execute()
      : [],
  ]);
  const models = new Map(modelRows.map((r) => [r.id, r]));
  const ids = new Set(models.keys());
  for (const r of streamIds) ids.add(r.nomination_id);

  const issues: VerificationIssue[] = [];
  let events = 0;
  let done = 0;
  const all = [...ids].sort();
  // The next batch is read while this one is checked: the database and the hashing overlap.
  const read = (batch: string[]) =>
    Promise.all([
      readStreams(db, batch),
      db.selectFrom('stream_heads').selectAll().where('nomination_id', 'in', batch).execute(),
    ]);
  const batches = Array.from({ length: Math.ceil(all.length / 200) }, (_, i) =>
    all.slice(i * 200, i * 200 + 200),
  );
  let reading = batches[0] === undefined ? undefined : read(batches[0]);
  for (const [b, batch] of batches.entries()) {
    if (reading === undefined) break;
    const [byStream, headRows] = await reading;
    const following = batches[b + 1];
    reading = following === undefined ? undefined : read(following);
    const heads = new Map(headRows.map((h) => [h.nomination_id, h]));
    for (const id of batch) {
      const stream = byStream.get(id) ?? [];
      const streamEvents = stream.map(rowToEvent);
      events += stream.length;
      issues.push(...verifyChain(id, stream, heads.get(id), streamEvents));
      issues.push(...compareReadModel(id, stream, models.get(id), streamEvents));
      onProgress(++done, all.length);
    }
  }

  const decisionIssues = await decisionsChecked;
  issues.push(...decisionIssues.issues);
  return {
    streams: all.length,
    events,
    decisions: decisionIssues.count,
    issues,
    seconds: (performance.now() - started) / 1000,
  };
}

function compareReadModel(
  id: string,
  stream: NominationEventRow[],
  model: Record<string, unknown> | undefined,
  events: NominationEvent[],
): VerificationIssue[] {
  if (stream.length === 0) {
    return model === undefined
      ? []
      : [
          {
            kind: 'missing-read-model',
            nominationId: id,
            position: null,
            detail: 'a read model exists but the stream has no events',
          },
        ];
  }
  let state;
  try {
    state = fold(events, id);
  } catch (err) {
    return [
      {
        kind: 'unreadable-stream',
        nominationId: id,
        position: null,
        detail: `the events do not fold: ${err instanceof Error ? err.message : String(err)}`,
      },
    ];
  }
  if (state.status === 'none') return [];
  if (model === undefined)
    return [
      {
        kind: 'missing-read-model',
        nominationId: id,
        position: null,
        detail: 'the stream has events but no read model row',
      },
    ];
  const expected = nominationRow(id, state) as Record<string, unknown>;
  const differences = comparedColumns
    .filter((c) => String(expected[c]) !== String(model[c]))
    .map(
      (c) =>
        `${c}: read model has ${JSON.stringify(model[c])}, the events give ${JSON.stringify(expected[c])}`,
    );
  return differences.length === 0
    ? []
    : [{ kind: 'read-model-mismatch', nominationId: id, position: null, detail: differences.join('; ') }];
}

async function verifyDecisions(
  db: Kysely<Database>,
  units: string[] | null,
  year: number | undefined,
): Promise<{ count: number; issues: VerificationIssue[] }> {
  let query = db.selectFrom('decisions').selectAll();
  if (units !== null) query = query.where('unit_id', 'in', units);
  if (year !== undefined) query = query.where('year', '=', year);
  const decisions = await query.orderBy('unit_id').orderBy('year').orderBy('sequence').execute();
  const issues: VerificationIssue[] = [];
  // Gap-free per deciding unit and year.
  // Over the numbers, not the rows: the approvals of one decision's annex share its number.
  const groups = new Map<string, Set<number>>();
  const numbered = (unitId: string, numberYear: number, sequence: number): void => {
    const key = `${unitId} ${numberYear}`;
    groups.set(key, (groups.get(key) ?? new Set<number>()).add(sequence));
  };
  for (const d of decisions) numbered(d.unit_id, d.year, d.sequence);
  // Revocation decisions take their numbers from the same series; they approve nothing, so the register lacks them.
  let revocations = db
    .selectFrom('decision_records')
    .select(['issuing_unit_id', 'sequence', 'issued_at'])
    .where('kind', '=', 'revocation')
    .where('status', '=', 'issued');
  if (units !== null) revocations = revocations.where('issuing_unit_id', 'in', units);
  for (const r of await revocations.execute()) {
    const numberYear = r.issued_at === null ? 0 : decisionYear(r.issued_at.toISOString());
    if (r.sequence !== null && (year === undefined || numberYear === year))
      numbered(r.issuing_unit_id, numberYear, r.sequence);
  }
  for (const [key, numbers] of groups) {
    [...numbers].forEach((s, i) => {
      if (s !== i + 1)
        issues.push({
          kind: 'decision-gap',
          nominationId: null,
          position: null,
          detail: `${key}: decision ${i + 1} is missing (found ${s})`,
        });
    });
  }
  // Each decision belongs to exactly one approval event with the same number, and each approval has its decision.
  // One read of the approvals serves both checks: the register's numbers here, the decisions' annexes below.
  const approvals = await sql<{ nomination_id: string; number: string; decision_id: string | null }>`
    select nomination_id, data->>'decisionNumber' as number, data->>'decisionId' as decision_id
    from nomination_events where type = 'NominationApproved'`.execute(db);
  const approvalByNomination = new Map(approvals.rows.map((a) => [a.nomination_id, a.number]));
  for (const d of decisions) {
    const number = approvalByNomination.get(d.nomination_id);
    if (number !== d.number) {
      issues.push({
        kind: 'decision-unmatched',
        nominationId: d.nomination_id,
        position: null,
        detail: `decision ${d.number} of ${d.unit_id} has no approval event with that number (found ${number ?? 'none'})`,
      });
    }
  }
  const decided = new Set(decisions.map((d) => d.nomination_id));
  if (units === null && year === undefined) {
    for (const [nominationId, number] of approvalByNomination) {
      if (!decided.has(nominationId))
        issues.push({
          kind: 'decision-unmatched',
          nominationId,
          position: null,
          detail: `the approval ${number} has no entry in the register of decisions`,
        });
    }
  }
  issues.push(...(await verifyAnnexes(db, units, year, approvals.rows)));
  issues.push(...(await verifyScans(db, units)));
  return { count: decisions.length, issues };
}

/**
 * Each issued decision's annex is exactly the approvals that name it, under its number: none left out of the paper,
 * none approved in its name that the paper does not list.
 */
async function verifyAnnexes(
  db: Kysely<Database>,
  units: string[] | null,
  year: number | undefined,
  approvals: { nomination_id: string; number: string; decision_id: string | null }[],
): Promise<VerificationIssue[]> {
  let query = db
    .selectFrom('decision_records')
    .select(['id', 'number', 'issuing_unit_id', 'kind'])
    .where('status', '=', 'issued');
  if (units !== null) query = query.where('issuing_unit_id', 'in', units);
  if (year !== undefined) query = query.where('year', '=', year);
  const records = await query.execute();
  if (records.length === 0) return [];
  const ids = records.map((r) => r.id);
  const annex = await db
    .selectFrom('decision_annex')
    .select(['decision_id', 'nomination_id'])
    .where('decision_id', 'in', ids)
    .execute();
  // A revocation decision's annex is checked against the revocations that name it, as an award's against approvals.
  const revocations = await sql<{ nomination_id: string; number: string; decision_id: string | null }>`
    select nomination_id, data->>'revocationNumber' as number, data->>'revocationDecisionId' as decision_id
    from nomination_events where type = 'AwardRevoked' and data ? 'revocationDecisionId'`.execute(db);
  const issues: VerificationIssue[] = [];
  for (const record of records) {
    const listed = new Set(annex.filter((a) => a.decision_id === record.id).map((a) => a.nomination_id));
    const approved = (record.kind === 'revocation' ? revocations.rows : approvals).filter(
      (a) => a.decision_id === record.id,
    );
    const act = record.kind === 'revocation' ? 'revoked' : 'approved';
    const named = new Set(approved.map((a) => a.nomination_id));
    const problems = [
      ...[...listed].filter((n) => !named.has(n)).map((n) => `${n} is listed but was not ${act} in its name`),
      ...[...named].filter((n) => !listed.has(n)).map((n) => `${n} is ${act} in its name but not listed`),
      ...approved
        .filter((a) => a.number !== record.number)
        .map((a) => `${a.nomination_id} is ${act} under ${a.number}, not ${record.number ?? '?'}`),
    ];
    for (const problem of problems)
      issues.push({
        kind: 'decision-annex-mismatch',
        nominationId: null,
        position: null,
        detail: `decision ${record.number ?? record.id} of ${record.issuing_unit_id}: ${problem}`,
      });
  }
  return issues;
}

/** Each signed scan is still the file whose SHA-256 the decision's record holds. */
async function verifyScans(db: Kysely<Database>, units: string[] | null): Promise<VerificationIssue[]> {
  let query = db
    .selectFrom('decision_scans as s')
    .innerJoin('decision_records as d', 'd.id', 's.decision_id')
    .select(['d.id', 'd.number', 's.sha256', sql<string>`encode(sha256(s.content), 'hex')`.as('actual')]);
  if (units !== null) query = query.where('d.issuing_unit_id', 'in', units);
  return (await query.execute())
    .filter((s) => s.actual !== s.sha256)
    .map((s) => ({
      kind: 'signed-scan-mismatch' as const,
      nominationId: null,
      position: null,
      detail: `the signed scan of decision ${s.number ?? s.id} is not the file recorded (SHA-256 ${s.sha256}, found ${s.actual})`,
    }));
}
