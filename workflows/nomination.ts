/**
 * One workflow per nomination; its id is the nomination's id. It holds the nomination's state, takes officers'
 * actions as updates, keeps each stage's deadline with a reminder before it and an escalation after it, and hands
 * every piece of I/O to activities. The rules are the decider's (domain/), the same function the auditor's replay
 * runs.
 *
 * Updates rather than signals: an officer needs the answer (the new state, or why not). Each update's validator runs
 * the decider synchronously, so an action the rules refuse is rejected before it enters the history; the handlers do
 * their async work one at a time, behind a lock, and decide again once the activities have supplied their facts.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  log,
  patched,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../activities/index.js';
import type { AwardForm } from '../domain/award-forms.js';
import { reminderTime } from '../domain/deadlines.js';
import { DomainError } from '../domain/errors.js';
import type { CreateNomination, NominationAction, NominationCommand } from '../domain/nomination/commands.js';
import { decide, evolve } from '../domain/nomination/decider.js';
import type { Dossier } from '../domain/nomination/dossier.js';
import { nominationActions } from '../domain/vocabulary.js';
import type { Actor, NominationEvent, PositionedEvent } from '../domain/nomination/events.js';
import { isClosed, type ExistingNomination, type NominationState } from '../domain/nomination/state.js';
import { decisionRecordedSignal } from './decision.js';
import { exclusiveSection } from './exclusive.js';
import { refusal, refusing } from './refusals.js';
import { interactive, interactiveLocal, notification } from './retry-policies.js';
import {
  sameSearch,
  searchAttributePairs,
  searchFrom,
  searchOf,
  type NominationSearch,
} from './search-attributes.js';

const { recordEvents, reviewNomination, checkQuota, approveNomination } =
  proxyActivities<Activities>(interactive);
const { notifyNomination } = proxyActivities<Activities>(notification);
const local = proxyLocalActivities<Activities>(interactiveLocal);

export interface NominationInput {
  create: CreateNomination;
}

/** What an officer sends with an action. The time is the workflow's: a client's clock is not trusted. */
export interface ActionRequest {
  actor: Actor;
  comment?: string | null;
  /** resubmit: the revised dossier. */
  dossier?: Dossier;
  /** downgrade: the form to downgrade to (a snapshot from the catalogue). */
  toForm?: AwardForm;
  /** Optimistic concurrency: the version the officer saw; a stale one is refused. */
  expectedVersion?: number;
}

// Every action the decider knows, one update each (the list checked complete against the domain's type).
export { nominationActions };

type ActionUpdate = UpdateDefinition<ExistingNomination, [ActionRequest]>;

/** One update per action, named after it: `submit`, `endorse`, `approve`, … */
export const actionUpdates = Object.fromEntries(
  nominationActions.map((action) => [action, defineUpdate<ExistingNomination, [ActionRequest]>(action)]),
) as Record<NominationAction, ActionUpdate>;

export const stateQuery = defineQuery<NominationState>('state');

/** Sent with the start (update-with-start): answers once the creation is recorded, so the caller gets the nomination. */
export const createdUpdate = defineUpdate<ExistingNomination>('awaitCreated');

/**
 * Less engine work per nomination (issue 15): the notices are written by the append's own transaction
 * (db/notices.ts), not by an activity per event; the search attributes are set at the start and upserted only when
 * they change; the writes run as local activities, and a submission's review and record as one. Histories recorded
 * before it replay their activities and upserts as they were.
 */
const LEAN_ENGINE = 'lean-engine';

/** An activity's domain refusal (its ApplicationFailure) is passed on to the officer as it is. */
async function viaActivity<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable)
      throw err.cause;
    throw err;
  }
}

const nowIso = (): string => new Date().toISOString();

function toCommand(action: NominationAction, request: ActionRequest, at: string): NominationCommand {
  const base = { actor: request.actor, at, comment: request.comment ?? null };
  switch (action) {
    case 'resubmit':
      return {
        ...base,
        type: 'resubmit',
        ...(request.dossier !== undefined ? { dossier: request.dossier } : {}),
      };
    case 'downgrade':
      if (request.toForm === undefined)
        throw new DomainError('InvalidDossier', 'A downgrade names the form to downgrade to');
      return { ...base, type: 'downgrade', toForm: request.toForm };
    default:
      return { ...base, type: action };
  }
}

export async function nominationWorkflow(input: NominationInput): Promise<NominationState> {
  const nominationId = workflowInfo().workflowId;
  let state: NominationState = { status: 'none' };
  let notificationsInFlight = 0;
  /** The search attributes as the server has them: from the start, then from each upsert. */
  let search: NominationSearch | null = searchFrom(workflowInfo().typedSearchAttributes);
  /** One message's async work at a time: the next waits until the section is free. */
  const exclusively = exclusiveSection();

  function existing(): ExistingNomination {
    if (state.status === 'none')
      throw refusal(new DomainError('NotFound', `Nomination ${nominationId} has not been created`));
    return { ...state, id: nominationId };
  }

  function checkVersion(request: ActionRequest): void {
    if (
      request.expectedVersion !== undefined &&
      state.status !== 'none' &&
      request.expectedVersion !== state.version
    ) {
      throw refusal(
        new DomainError(
          'StaleVersion',
          `The nomination has changed since you loaded it (version ${state.version}, you had ${request.expectedVersion}); reload and try again`,
          { current: state.version, expected: request.expectedVersion },
        ),
      );
    }
  }

  function apply(positioned: PositionedEvent[]): void {
    for (const p of positioned) state = evolve(state, p.event);
    const now = searchOf(existing());
    // Lean: the attributes go to the server only when they change, and the append wrote the notices in its transaction.
    const lean = patched(LEAN_ENGINE);
    if (!lean || !sameSearch(search, now)) upsertSearchAttributes(searchAttributePairs(now));
    search = now;
    if (!lean) for (const p of positioned) sendNotifications(p);
  }

  /** Notifications go out in the background: the officer's answer does not wait for the mail server. */
  function sendNotifications(positioned: PositionedEvent): void {
    const current = existing();
    notificationsInFlight++;
    notifyNomination({
      nominationId,
      position: positioned.position,
      event: positioned.event,
      nomineeName: current.nominee.name,
      formName: current.form.name,
      routeUnitIds: current.route.map((s) => s.unitId),
      nomineeUnitId: current.nominee.unitId,
    })
      .catch((err: unknown) =>
        log.error('notification failed for good', { nominationId, position: positioned.position, err }),
      )
      .finally(() => notificationsInFlight--);
  }

  /** Records the events the decider produced, then folds them in. */
  async function commit(events: NominationEvent[]): Promise<void> {
    if (events.length === 0) return;
    const version = state.status === 'none' ? 0 : state.version;
    const positioned = events.map((event, i) => ({ nominationId, position: version + i + 1, event }));
    if (patched(LEAN_ENGINE)) {
      // What was stored: a retried workflow task decides again with its own clock, and finds the first attempt's.
      apply(await viaActivity(() => local.appendNominationEvents(positioned)));
      return;
    }
    await viaActivity(() => recordEvents(positioned));
    apply(positioned);
  }

  async function perform(action: NominationAction, request: ActionRequest): Promise<ExistingNomination> {
    return exclusively(async () => {
      const at = nowIso();
      checkVersion(request);
      const command = refusing(() => toCommand(action, request, at));
      // Decide again under the lock: another action may have changed the state since the validator ran.
      refusing(() => decide(command, state));
      const current = existing();
      switch (command.type) {
        case 'submit':
        case 'resubmit': {
          if (patched(LEAN_ENGINE)) {
            // Review, decision and record in one transaction (activities/submission.ts).
            const input = { nominationId, position: current.version + 1, command };
            apply(await viaActivity(() => local.submitNomination(input)));
            break;
          }
          const dossier =
            command.type === 'resubmit' ? (command.dossier ?? current.dossier) : current.dossier;
          const review = await reviewNomination({
            nominationId,
            form: current.form,
            nominee: current.nominee,
            dossier,
            year: current.year,
          });
          await commit(refusing(() => decide({ ...command, review }, state)));
          break;
        }
        case 'approve': {
          // Quota reservation, decision number and event in one transaction, inside the activity.
          const input = { nominationId, position: current.version + 1, command };
          apply(
            await viaActivity(() =>
              patched(LEAN_ENGINE) ? local.approveNomination(input) : approveNomination(input),
            ),
          );
          break;
        }
        case 'overrideQuota': {
          const input = { nominationId, state: current };
          const quota = await (patched(LEAN_ENGINE) ? local.checkQuota(input) : checkQuota(input));
          await commit(refusing(() => decide({ ...command, quota }, state)));
          break;
        }
        default:
          await commit(refusing(() => decide(command, state)));
      }
      return existing();
    });
  }

  for (const action of nominationActions) {
    setHandler(actionUpdates[action], (request) => perform(action, request), {
      validator: (request: ActionRequest) => {
        checkVersion(request);
        refusing(() => decide(toCommand(action, request, nowIso()), state));
      },
    });
  }
  // A decision that listed this nomination stored its approval (workflows/decision.ts): fold it in, once. Its place is
  // the next one, since the decision's transaction appended under the stream's lock; one already folded is skipped.
  // Under the section, as an action's work is, and returned, so that the run does not end before it is done.
  setHandler(decisionRecordedSignal, (positioned) =>
    exclusively(() => {
      const version = state.status === 'none' ? 0 : state.version;
      const fresh = positioned.filter((p) => p.position > version);
      if (fresh[0]?.position === version + 1) apply(fresh);
      else if (fresh.length > 0)
        log.error('a decision’s approval does not follow the stream as this workflow knows it', {
          nominationId,
          version,
          positions: fresh.map((p) => p.position),
        });
      return Promise.resolve();
    }),
  );
  setHandler(stateQuery, () => (state.status === 'none' ? state : { ...state, id: nominationId }));
  setHandler(createdUpdate, async () => {
    await condition(() => state.status !== 'none');
    return existing();
  });

  await exclusively(() => commit(refusing(() => decide(input.create, state))));

  /**
   * The workflow's own records (a reminder, an escalation) must not end the nomination when their activity runs out of
   * retries (a long database outage): the record is given up, loudly, and the nomination waits on as before.
   */
  const bestEffort = async (what: string, work: () => Promise<void>): Promise<void> => {
    // Histories from before this change failed the workflow here; replaying them must do so again.
    if (!patched('best-effort-deadline-records')) return work();
    try {
      await work();
    } catch (err) {
      if (!(err instanceof ActivityFailure) && !(err instanceof ApplicationFailure)) throw err;
      log.error(`${what} could not be recorded and is given up`, { nominationId, err });
    }
  };

  // Deadlines: while a nomination waits on someone, remind before the deadline and escalate after it, once per stage.
  let remindedStage: string | null = null;
  let escalatedStage: string | null = null;
  const system = (unitId: string): Actor => ({ id: 'system', role: 'system', unitId });
  /** Waits until the nomination changes (true) or, with a limit, until the time is up (false). */
  const waitForChange = async (ms?: number): Promise<boolean> => {
    const version = state.status === 'none' ? 0 : state.version;
    const changed = (): boolean => state.status !== 'none' && state.version !== version;
    if (ms === undefined) {
      await condition(changed);
      return true;
    }
    return condition(changed, ms);
  };

  while (!isClosed(state)) {
    const current = existing();
    if (current.status !== 'inReview' && current.status !== 'returned') {
      // A draft waits for its submitter; an approved award stays open for a revocation: the award's history is one stream.
      await waitForChange();
      continue;
    }
    const deadline = current.deadline;
    if (deadline === null) {
      await waitForChange();
      continue;
    }
    const stage = current.stageEnteredAt;
    const until = (iso: string): number => Date.parse(iso) - Date.now();
    if (remindedStage !== stage) {
      const reminderAt = reminderTime(deadline, current.timing, current.form.fastTrack);
      if (until(reminderAt) > 0 && (await waitForChange(until(reminderAt)))) continue;
      remindedStage = stage;
      await bestEffort('reminder', () =>
        exclusively(async () => {
          if (existing().stageEnteredAt === stage)
            await commit(
              refusing(() =>
                decide({ type: 'recordReminder', actor: system(current.holder), at: nowIso() }, state),
              ),
            );
        }),
      );
      continue;
    }
    if (escalatedStage !== stage) {
      if (until(deadline) > 0 && (await waitForChange(until(deadline)))) continue;
      escalatedStage = stage;
      const index = current.route.findIndex((s) => s.unitId === current.holder);
      const escalatedTo = current.route[index + 1]?.unitId ?? current.holder;
      await bestEffort('escalation', () =>
        exclusively(async () => {
          if (existing().stageEnteredAt === stage) {
            await commit(
              refusing(() =>
                decide(
                  { type: 'recordEscalation', actor: system(current.holder), at: nowIso(), escalatedTo },
                  state,
                ),
              ),
            );
          }
        }),
      );
      continue;
    }
    await waitForChange();
  }

  await condition(() => allHandlersFinished() && notificationsInFlight === 0);
  return existing();
}
