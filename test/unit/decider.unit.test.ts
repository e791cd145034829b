import { describe, expect, it } from '@jest/globals';
import { addWorkingDays } from '../../domain/deadlines.js';
import { DomainError, type DomainErrorCode } from '../../domain/errors.js';
import type { NominationCommand } from '../../domain/nomination/commands.js';
import { decide, fold, nominationDecider } from '../../domain/nomination/decider.js';
import type { Actor, NominationEvent } from '../../domain/nomination/events.js';
import { permittedActions } from '../../domain/nomination/permissions.js';
import { stageOf, type NominationState } from '../../domain/nomination/state.js';
import {
  blockQuota,
  createCommand,
  failedReview,
  forms,
  leader,
  officers,
  okQuota,
  passedReview,
  warnQuota,
} from '../support/fixtures.js';

// Given / when / then, with no I/O: given the events so far, when a command comes, then these events (or this refusal).

const at = (hoursAfterT0: number): string =>
  new Date(Date.parse('2026-03-02T02:00:00.000Z') + hoursAfterT0 * 3_600_000).toISOString();

/** What a command led to: the new events, the whole history and the state after it. */
interface Outcome {
  recorded: NominationEvent[];
  events: NominationEvent[];
  state: NominationState;
}

/**
 * Given the events these commands recorded (each decided on the state before it), when one more command comes, then
 * these events (matched as objects) or this refusal (its code). `then` answers with what followed, for more checks.
 */
function given(...history: NominationCommand[]) {
  const events = history.reduce<NominationEvent[]>(
    (sofar, command) => [...sofar, ...nominationDecider.decide(command, fold(sofar, 'nom-1'))],
    [],
  );
  const state = fold(events, 'nom-1');
  return {
    events,
    state,
    when(command: NominationCommand) {
      function then(refusal: DomainErrorCode): DomainError;
      function then(expected: object[]): Outcome;
      function then(expected: DomainErrorCode | object[]): DomainError | Outcome {
        if (typeof expected === 'string') {
          const err = refusalOf(command, state);
          expect(err.code).toBe(expected);
          return err;
        }
        const recorded = decide(command, state);
        expect(recorded).toMatchObject(expected);
        const all = [...events, ...recorded];
        return { recorded, events: all, state: fold(all, 'nom-1') };
      }
      return { then };
    },
  };
}

function refusalOf(command: NominationCommand, state: NominationState): DomainError {
  try {
    decide(command, state);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error(`expected ${command.type} to be refused`);
}

const nothing = given();
const created = createCommand();
const submitted: NominationCommand = {
  type: 'submit',
  actor: officers.base,
  at: at(1),
  review: passedReview,
};
const endorsedByDistrict: NominationCommand = { type: 'endorse', actor: officers.district, at: at(2) };
const approvedByBoard: NominationCommand = {
  type: 'approve',
  actor: officers.board,
  at: at(3),
  quota: okQuota,
  decision: { number: '1/QĐ-LĐLĐ', sequence: 1 },
};

describe('creating and submitting', () => {
  it('given nothing, when a base officer creates, then NominationCreated with the route to the deciding unit', () => {
    const { recorded, state } = nothing
      .when(created)
      .then([{ type: 'NominationCreated', actor: officers.base, data: { year: 2026 } }]);
    expect(recorded).toHaveLength(1);
    expect(state).toMatchObject({ status: 'draft', holder: 'CS0001', version: 1 });
    if (state.status !== 'draft') throw new Error('draft expected');
    expect(state.route.map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01', 'AL']);
  });

  it('refuses a creation by another unit, or in a role that does not create', () => {
    nothing.when({ ...created, actor: officers.district }).then('WrongUnit');
    nothing.when({ ...created, actor: { ...officers.auditor, unitId: 'CS0001' } }).then('WrongRole');
    nothing.when(createCommand({ form: forms.flag })).then('InvalidDossier');
  });

  it('refuses a nominee from outside the submitting unit: a unit nominates its own people', () => {
    const err = nothing
      .when(createCommand({ nomineeUnitPath: ['CS0002', 'AL-N01', 'AL', 'TLD'] }))
      .then('WrongUnit');
    expect(err.message).toContain('does not belong to unit CS0001');
    nothing
      .when(createCommand({ nomineeUnitPath: ['CS0001', 'AL-H01', 'AL', 'TLD'] }))
      .then([{ type: 'NominationCreated' }]);
  });

  it('when submitted with a passing review, then it goes to the district with a deadline ten working days on', () => {
    const { state } = given(created)
      .when(submitted)
      .then([{ type: 'NominationSubmitted', data: { to: 'AL-H01', deadline: addWorkingDays(at(1), 10) } }]);
    expect(state).toMatchObject({ status: 'inReview', holder: 'AL-H01' });
    expect(stageOf(state)).toBe('review:district');
  });

  it('without the review yet, a submission is only validated (the workflow fills the review in)', () => {
    given(created)
      .when({ type: 'submit', actor: officers.base, at: at(1) })
      .then([]);
  });

  it('refuses a submission whose review failed, naming each failed check', () => {
    const err = given(created)
      .when({ ...submitted, review: failedReview })
      .then('ReviewFailed');
    expect(err.message).toContain('documents (missing: minutes)');
    expect(err.details.failedChecks).toHaveLength(1);
  });

  it('takes the fast track for an ad-hoc form: three working days', () => {
    given(createCommand({ form: forms.adhocDiploma }))
      .when(submitted)
      .then([{ data: { deadline: addWorkingDays(at(1), 3) } }]);
  });
});

describe('reviewing levels', () => {
  it('when the district endorses, then the province holds it', () => {
    const { state } = given(created, submitted)
      .when(endorsedByDistrict)
      .then([{ type: 'NominationEndorsed', data: { by: 'AL-H01', to: 'AL' } }]);
    expect(state).toMatchObject({ holder: 'AL', status: 'inReview' });
    expect(stageOf(state)).toBe('review:province');
  });

  it('only the holding unit acts, and only in a role allowed at its level', () => {
    const atDistrict = given(created, submitted);
    atDistrict.when({ type: 'endorse', actor: officers.otherDistrict, at: at(2) }).then('WrongUnit');
    atDistrict.when({ type: 'endorse', actor: officers.province, at: at(2) }).then('WrongUnit');
    atDistrict
      .when({ type: 'endorse', actor: { ...officers.auditor, unitId: 'AL-H01' }, at: at(2) })
      .then('WrongRole');
    atDistrict
      .when({ type: 'submit', actor: officers.base, at: at(2), review: passedReview })
      .then('WrongStage');
  });

  it('return and reject need a comment', () => {
    const atDistrict = given(created, submitted);
    atDistrict
      .when({ type: 'returnForRevision', actor: officers.district, at: at(2), comment: '   ' })
      .then('CommentRequired');
    atDistrict.when({ type: 'reject', actor: officers.district, at: at(2) }).then('CommentRequired');
  });

  it('a return goes back to the submitter, and the resubmission to the level that returned it', () => {
    const returned: NominationCommand = {
      type: 'returnForRevision',
      actor: officers.district,
      at: at(2),
      comment: 'Thiếu biên bản họp',
    };
    const revised = { ...created.dossier, documents: [...created.dossier.documents, 'nomineeList'] };
    const resubmitted: NominationCommand = {
      type: 'resubmit',
      actor: officers.base,
      at: at(3),
      dossier: revised,
      review: passedReview,
    };
    const { events, state } = given(created, submitted, returned)
      .when(resubmitted)
      .then([{ type: 'NominationResubmitted' }]);
    expect(events.map((e) => e.type)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationReturned',
      'NominationResubmitted',
    ]);
    expect(events[2]).toMatchObject({ comment: 'Thiếu biên bản họp', data: { by: 'AL-H01', to: 'CS0001' } });
    expect(state).toMatchObject({ status: 'inReview', holder: 'AL-H01', returnCount: 1, dossier: revised });
  });

  it('a reviewing level cannot approve what a higher level decides, and the decider cannot endorse further', () => {
    given(created, submitted)
      .when({
        type: 'approve',
        actor: officers.districtHead,
        at: at(2),
        quota: okQuota,
        decision: { number: '1', sequence: 1 },
      })
      .then('FormNotDecidedHere');
    given(created, submitted, endorsedByDistrict)
      .when({ type: 'endorse', actor: officers.province, at: at(3) })
      .then('WrongStage');
  });

  it('a downgrade to a form the district decides makes the district the decider, and its head approves', () => {
    const downgraded: NominationCommand = {
      type: 'downgrade',
      actor: officers.district,
      at: at(2),
      toForm: forms.certificate,
      comment: 'Đủ điều kiện Giấy khen',
    };
    const { state } = given(created, submitted)
      .when(downgraded)
      .then([
        {
          type: 'NominationDowngraded',
          data: { fromFormCode: 'BK-LDLD-TINH', form: { code: 'GK-LDLD' } },
        },
      ]);
    if (state.status !== 'inReview') throw new Error('inReview expected');
    expect(state.route.map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01']);
    const atDistrictDeciding = given(created, submitted, downgraded);
    atDistrictDeciding
      .when({
        type: 'approve',
        actor: officers.district,
        at: at(3),
        quota: okQuota,
        decision: { number: '1/QĐ-LĐLĐ', sequence: 1 },
      })
      .then('WrongRole');
    atDistrictDeciding
      .when({
        type: 'approve',
        actor: officers.districtHead,
        at: at(3),
        quota: okQuota,
        decision: { number: '1/QĐ-LĐLĐ', sequence: 1 },
      })
      .then([{ type: 'NominationApproved', data: { by: 'AL-H01', decisionNumber: '1/QĐ-LĐLĐ' } }]);
  });

  it('refuses a downgrade to a form this level does not decide', () => {
    given(created, submitted)
      .when({ type: 'downgrade', actor: officers.district, at: at(2), toForm: forms.tldDiploma })
      .then('FormNotDecidedHere');
  });

  it('a rejection is final', () => {
    const rejected: NominationCommand = {
      type: 'reject',
      actor: officers.district,
      at: at(2),
      comment: 'Không đủ thành tích',
    };
    const { state } = given(created, submitted)
      .when(rejected)
      .then([{ type: 'NominationRejected', data: { by: 'AL-H01' } }]);
    expect(state.status).toBe('rejected');
    const afterRejection = given(created, submitted, rejected);
    afterRejection.when({ type: 'endorse', actor: officers.district, at: at(3) }).then('WrongStage');
    afterRejection.when({ type: 'withdraw', actor: officers.base, at: at(3) }).then('WrongStage');
  });
});

describe('deciding', () => {
  it('when a board member approves with its decision number, then the award is approved', () => {
    const { state } = given(created, submitted, endorsedByDistrict)
      .when(approvedByBoard)
      .then([{ type: 'NominationApproved', data: { decisionNumber: '1/QĐ-LĐLĐ', quota: okQuota } }]);
    expect(state).toMatchObject({
      status: 'approved',
      decision: { number: '1/QĐ-LĐLĐ', unitId: 'AL' },
      deadline: null,
    });
  });

  it('a province officer may endorse and reject at the province but not approve', () => {
    given(created, submitted, endorsedByDistrict)
      .when({ ...approvedByBoard, actor: officers.province })
      .then('WrongRole');
  });

  it('a quota warning needs a recorded override with a reason before approval', () => {
    const atBoard = given(createCommand({ nominee: leader }), submitted, endorsedByDistrict);
    const err = atBoard.when({ ...approvedByBoard, quota: warnQuota }).then('QuotaOverrideRequired');
    expect(err.message).toContain('At least 15% direct workers: would be 0.0%, limit 15%');
    atBoard
      .when({ type: 'overrideQuota', actor: officers.board, at: at(3), quota: warnQuota })
      .then('CommentRequired');
    atBoard
      .when({ type: 'overrideQuota', actor: officers.province, at: at(3), quota: warnQuota, comment: 'x' })
      .then('WrongRole');
    const overridden: NominationCommand = {
      type: 'overrideQuota',
      actor: officers.board,
      at: at(3),
      quota: warnQuota,
      comment: 'Thành tích đột xuất cứu người',
    };
    atBoard.when(overridden).then([
      {
        type: 'QuotaOverrideRecorded',
        comment: 'Thành tích đột xuất cứu người',
        data: { quota: warnQuota },
      },
    ]);
    given(createCommand({ nominee: leader }), submitted, endorsedByDistrict, overridden)
      .when({ ...approvedByBoard, quota: warnQuota, at: at(4) })
      .then([{ type: 'NominationApproved' }]);
  });

  it('a blocking quota refuses the approval and cannot be overridden', () => {
    const atBoard = given(created, submitted, endorsedByDistrict);
    atBoard.when({ ...approvedByBoard, quota: blockQuota }).then('QuotaBlocked');
    atBoard
      .when({ type: 'overrideQuota', actor: officers.board, at: at(3), quota: blockQuota, comment: 'x' })
      .then('NoQuotaWarning');
  });
});

describe('withdrawal and revocation', () => {
  it('the submitting unit withdraws before a decision, no one else does', () => {
    const atProvince = given(created, submitted, endorsedByDistrict);
    atProvince.when({ type: 'withdraw', actor: officers.province, at: at(3) }).then('WrongUnit');
    atProvince
      .when({ type: 'withdraw', actor: officers.base, at: at(3) })
      .then([{ type: 'NominationWithdrawn', data: { by: 'CS0001' } }]);
  });

  it('no withdrawal after approval', () => {
    given(created, submitted, endorsedByDistrict, approvedByBoard)
      .when({ type: 'withdraw', actor: officers.base, at: at(4) })
      .then('WrongStage');
  });

  it('revocation only after approval, by the deciding unit, with a reason; the history keeps both', () => {
    given(created, submitted, endorsedByDistrict)
      .when({ type: 'revoke', actor: officers.board, at: at(3), comment: 'Khai man' })
      .then('WrongStage');
    const approved = given(created, submitted, endorsedByDistrict, approvedByBoard);
    approved.when({ type: 'revoke', actor: officers.board, at: at(4) }).then('CommentRequired');
    approved
      .when({ type: 'revoke', actor: officers.districtHead, at: at(4), comment: 'x' })
      .then('WrongUnit');
    const { events, state } = approved
      .when({
        type: 'revoke',
        actor: officers.board,
        at: at(4),
        comment: 'Kê khai thành tích không trung thực',
      })
      .then([{ type: 'AwardRevoked' }]);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['NominationApproved', 'AwardRevoked']);
    expect(state).toMatchObject({
      status: 'revoked',
      decision: { number: '1/QĐ-LĐLĐ' },
      reason: 'Kê khai thành tích không trung thực',
    });
  });
});

describe('deadlines', () => {
  it('records a reminder and an escalation for the stage in force, and nothing for a draft', () => {
    const atDistrict = given(created, submitted);
    atDistrict
      .when({
        type: 'recordReminder',
        actor: { id: 'system', role: 'system', unitId: 'AL-H01' },
        at: at(200),
      })
      .then([
        {
          type: 'DeadlineReminderSent',
          data: { holder: 'AL-H01', deadline: addWorkingDays(at(1), 10) },
        },
      ]);
    atDistrict
      .when({
        type: 'recordEscalation',
        actor: { id: 'system', role: 'system', unitId: 'AL-H01' },
        at: at(300),
        escalatedTo: 'AL',
      })
      .then([{ type: 'DeadlineEscalated', data: { escalatedTo: 'AL' } }]);
    const refused = given(created)
      .when({ type: 'recordReminder', actor: { id: 'system', role: 'system', unitId: 'CS0001' }, at: at(2) })
      .then('WrongStage');
    expect(refused).toBeInstanceOf(DomainError);
  });
});

describe('what an actor may do now', () => {
  const may = (state: NominationState, actor: Actor): string[] =>
    permittedActions(state, actor).map((p) => (p.needsComment ? `${p.action} (comment)` : p.action));

  it('offers the submitter a draft to submit or withdraw, and nothing to anyone else', () => {
    const draft = given(created).state;
    expect(may(draft, officers.base)).toEqual(['submit', 'withdraw']);
    expect(may(draft, officers.district)).toEqual([]);
  });

  it('offers a reviewing level its reviewing actions, each judged by its own rule', () => {
    const atDistrict = given(created, submitted).state;
    expect(may(atDistrict, officers.district)).toEqual([
      'returnForRevision (comment)',
      'endorse',
      'downgrade (comment)',
      'reject (comment)',
    ]);
    expect(may(atDistrict, officers.base)).toEqual(['withdraw']);
    expect(may(atDistrict, officers.otherDistrict)).toEqual([]);
  });

  it('offers the deciding unit approval and overrides for its decider only, and never an endorsement', () => {
    const atProvince = given(created, submitted, endorsedByDistrict).state;
    expect(may(atProvince, officers.board)).toEqual([
      'returnForRevision (comment)',
      'downgrade (comment)',
      'approve',
      'reject (comment)',
      'overrideQuota (comment)',
    ]);
    expect(may(atProvince, officers.province)).toEqual([
      'returnForRevision (comment)',
      'downgrade (comment)',
      'reject (comment)',
    ]);
  });

  it('offers an approved award for revocation by its decider, with a reason', () => {
    const approved = given(created, submitted, endorsedByDistrict, approvedByBoard).state;
    expect(may(approved, officers.board)).toEqual(['revoke (comment)']);
    expect(may(approved, officers.base)).toEqual([]);
  });
});
