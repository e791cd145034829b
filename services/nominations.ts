/**
 * Starting and acting on nominations from outside Temporal (the API, tests, the demo loader): loads what the rules
 * need from PostgreSQL (the unit tree for the route, the form from the catalogue, the member), checks the command
 * with the pure decider, then talks to the nomination's workflow.
 */
import { randomUUID } from 'node:crypto';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { AwardForm } from '../domain/award-forms.js';
import type { Timing } from '../domain/deadlines.js';
import { DomainError } from '../domain/errors.js';
import type { CreateNomination, NominationAction } from '../domain/nomination/commands.js';
import { decide } from '../domain/nomination/decider.js';
import type { Dossier, Nominee } from '../domain/nomination/dossier.js';
import type { Actor } from '../domain/nomination/events.js';
import { initialState, type ExistingNomination } from '../domain/nomination/state.js';
import { routeFor, type Unit } from '../domain/organisation.js';
import type { Database } from '../db/schema.js';
import { unitsAbove, type UnitRow } from '../db/units.js';
import {
  actionUpdates,
  createdUpdate,
  nominationWorkflow,
  type ActionRequest,
} from '../workflows/nomination.js';
import { searchAttributePairs, searchOfCreation } from '../workflows/search-attributes.js';

export interface NominationServiceDeps {
  db: Kysely<Database>;
  temporal: Client;
  taskQueue: string;
  timing: Timing;
}

export type NomineeRef = { memberId: string } | { collectiveUnitId: string };

export interface NewNomination {
  actor: Actor;
  nominee: NomineeRef;
  awardFormCode: string;
  year: number;
  dossier: Dossier;
  /** Optional: a caller-chosen id (e.g. from an idempotency key); otherwise a new one. */
  nominationId?: string;
}

export async function loadUnits(db: Kysely<Database>): Promise<Map<string, Unit>> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'parent_id', 'level', 'name', 'decision_suffix'])
    .execute();
  return unitMap(rows);
}

const unitMap = (rows: UnitRow[]): Map<string, Unit> =>
  new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, parentId: r.parent_id, level: r.level, name: r.name, decisionSuffix: r.decision_suffix },
    ]),
  );

export async function loadAwardForm(db: Kysely<Database>, code: string): Promise<AwardForm> {
  const row = await db.selectFrom('award_forms').selectAll().where('code', '=', code).executeTakeFirst();
  if (row === undefined) throw new DomainError('NotFound', `No award form ${code}`, { awardFormCode: code });
  return {
    code: row.code,
    name: row.name,
    subject: row.subject,
    decidingLevel: row.deciding_level as AwardForm['decidingLevel'],
    requiredDocuments: row.required_documents as string[],
    voteThreshold: Number(row.vote_threshold),
    fastTrack: row.fast_track,
    eligibility: row.eligibility as AwardForm['eligibility'],
  };
}

async function loadNominee(
  db: Kysely<Database>,
  ref: NomineeRef,
  units: Map<string, Unit>,
): Promise<Nominee> {
  if ('memberId' in ref) {
    const member = await db
      .selectFrom('members')
      .selectAll()
      .where('id', '=', ref.memberId)
      .executeTakeFirst();
    if (member === undefined)
      throw new DomainError('NotFound', `No member ${ref.memberId}`, { memberId: ref.memberId });
    return {
      kind: 'individual',
      memberId: member.id,
      unitId: member.unit_id,
      name: member.full_name,
      isLeader: member.is_leader,
      isDirectWorker: member.is_direct_worker,
    };
  }
  const unit = units.get(ref.collectiveUnitId);
  if (unit === undefined)
    throw new DomainError('UnknownUnit', `No unit ${ref.collectiveUnitId}`, { unitId: ref.collectiveUnitId });
  return {
    kind: 'collective',
    memberId: null,
    unitId: unit.id,
    name: unit.name,
    isLeader: false,
    isDirectWorker: false,
  };
}

/** Builds the create command from ids, deriving the route from the unit tree. Refuses what the rules refuse. */
export async function prepareCreate(
  deps: Pick<NominationServiceDeps, 'db' | 'timing'>,
  input: NewNomination,
  at: string,
  /** The unit tree, when the caller prepares many nominations and has read it once. */
  preloadedUnits?: Map<string, Unit>,
): Promise<CreateNomination> {
  // One nomination needs only the units above its submitting unit and its nominee: the route and the nominee's path
  // go up the tree, never across it.
  const units =
    preloadedUnits ??
    unitMap(
      await unitsAbove(deps.db, {
        unitIds: [
          input.actor.unitId,
          ...('collectiveUnitId' in input.nominee ? [input.nominee.collectiveUnitId] : []),
        ],
        ...('memberId' in input.nominee ? { memberId: input.nominee.memberId } : {}),
      }),
    );
  const [form, nominee] = await Promise.all([
    loadAwardForm(deps.db, input.awardFormCode),
    loadNominee(deps.db, input.nominee, units),
  ]);
  const submittingUnitId = input.actor.unitId;
  const submitting = units.get(submittingUnitId);
  if (submitting === undefined)
    throw new DomainError('UnknownUnit', `No unit ${submittingUnitId}`, { unitId: submittingUnitId });
  const command: CreateNomination = {
    type: 'create',
    actor: input.actor,
    at,
    nominee,
    dossier: input.dossier,
    form,
    year: input.year,
    submittingUnitId,
    route: routeFor(units, submittingUnitId, form.decidingLevel),
    timing: deps.timing,
    nomineeUnitPath: unitPath(units, nominee.unitId),
  };
  decide(command, initialState());
  return command;
}

/** A unit and the units above it, up to the root of the tree. */
function unitPath(units: Map<string, Unit>, unitId: string): string[] {
  const path: string[] = [];
  for (let cursor = units.get(unitId); cursor !== undefined && !path.includes(cursor.id);) {
    path.push(cursor.id);
    cursor = cursor.parentId === null ? undefined : units.get(cursor.parentId);
  }
  return path;
}

/** Creates the nomination's workflow and answers once its creation event is recorded. */
export async function createNomination(
  deps: NominationServiceDeps,
  input: NewNomination,
): Promise<ExistingNomination> {
  const create = await prepareCreate(deps, input, new Date().toISOString());
  // A caller-chosen id comes from an idempotency key: a repeat must find the nomination, not fail.
  return input.nominationId !== undefined
    ? startNomination(deps, create, input.nominationId, 'use')
    : startNomination(deps, create, `nom-${randomUUID()}`);
}

/**
 * Starts the workflow of a prepared nomination. `existing: 'use'` makes a repeat harmless: a nomination already started
 * under that id answers with itself instead of failing (a create retried after its answer was lost, imports retried
 * after a crash), whether its workflow still runs or has ended (withdrawn, rejected, revoked since). Only a workflow
 * that failed before recording its creation is started again under the same id.
 */
export async function startNomination(
  deps: Pick<NominationServiceDeps, 'temporal' | 'taskQueue'>,
  create: CreateNomination,
  nominationId: string,
  existing: 'fail' | 'use' = 'fail',
): Promise<ExistingNomination> {
  const start = new WithStartWorkflowOperation(nominationWorkflow, {
    workflowId: nominationId,
    taskQueue: deps.taskQueue,
    args: [{ create }],
    typedSearchAttributes: searchAttributePairs(searchOfCreation(create)),
    workflowIdConflictPolicy: existing === 'use' ? 'USE_EXISTING' : 'FAIL',
    workflowIdReusePolicy: existing === 'use' ? 'ALLOW_DUPLICATE_FAILED_ONLY' : 'ALLOW_DUPLICATE',
  });
  try {
    return await deps.temporal.workflow.executeUpdateWithStart(createdUpdate, {
      startWorkflowOperation: start,
    });
  } catch (err) {
    const handle = deps.temporal.workflow.getHandle<typeof nominationWorkflow>(nominationId);
    // An ended workflow cannot take the update; its result is the nomination as it ended.
    if (existing === 'use' && err instanceof WorkflowExecutionAlreadyStartedError)
      return (await handle.result()) as ExistingNomination;
    // The workflow ended before recording the creation (a value the event store refused): its failure says why.
    if (err instanceof WorkflowUpdateFailedError) await handle.result();
    throw err;
  }
}

export async function act(
  deps: Pick<NominationServiceDeps, 'temporal'>,
  nominationId: string,
  action: NominationAction,
  request: ActionRequest,
): Promise<ExistingNomination> {
  return deps.temporal.workflow
    .getHandle(nominationId)
    .executeUpdate(actionUpdates[action], { args: [request] });
}
