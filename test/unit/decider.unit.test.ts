import { describe, expect, it } from '@jest/globals';
import { addWorkingDays } from '../../domain/deadlines.js';
import { DomainError } from '../../domain/errors.js';
import type { NominationCommand } from '../../domain/nomination/commands.js';
import { decide, fold } from '../../domain/nomination/decider.js';
import type { NominationEvent } from '../../domain/nomination/events.js';
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

function given(...commands: NominationCommand[]): { events: NominationEvent[]; state: NominationState } {
  const events: NominationEvent[] = [];
  let state: NominationState = { status: 'none' };
  for (const command of commands) {
    events.push(...decide(command, state));
    state = fold(events, 'nom-1');
  }
  return { events, state };
}

function refusal(command: NominationCommand, state: NominationState): DomainError {
  try {
    decide(command, state);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error(`expected ${command.type} to be refused`);
}

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
    const events = decide(created, { status: 'none' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'NominationCreated',
      actor: officers.base,
      data: { year: 2026 },
    });
    const state = fold(events, 'nom-1');
    expect(state).toMatchObject({ status: 'draft', holder: 'CS0001', version: 1 });
    if (state.status !== 'draft') throw new Error('draft expected');
    expect(state.route.map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01', 'AL']);
  });

  it('refuses a creation by another unit, or in a role that does not create', () => {
    expect(refusal({ ...created, actor: officers.district }, { status: 'none' }).code).toBe('WrongUnit');
    expect(
      refusal({ ...created, actor: { ...officers.auditor, unitId: 'CS0001' } }, { status: 'none' }).code,
    ).toBe('WrongRole');
    expect(refusal(createCommand({ form: forms.flag }), { status: 'none' }).code).toBe('InvalidDossier');
  });

  it('when submitted with a passing review, then it goes to the district with a deadline ten working days on', () => {
    const { events, state } = given(created, submitted);
    expect(events[1]).toMatchObject({
      type: 'NominationSubmitted',
      data: { to: 'AL-H01', deadline: addWorkingDays(at(1), 10) },
    });
    expect(state).toMatchObject({ status: 'inReview', holder: 'AL-H01' });
    expect(stageOf(state)).toBe('review:district');
  });

  it('without the review yet, a submission is only validated (the workflow fills the review in)', () => {
    const { state } = given(created);
    expect(decide({ type: 'submit', actor: officers.base, at: at(1) }, state)).toEqual([]);
  });

  it('refuses a submission whose review failed, naming each failed check', () => {
    const { state } = given(created);
    const err = refusal({ ...submitted, review: failedReview }, state);
    expect(err.code).toBe('ReviewFailed');
    expect(err.message).toContain('documents (missing: minutes)');
    expect(err.details.failedChecks).toHaveLength(1);
  });

  it('takes the fast track for an ad-hoc form: three working days', () => {
    const { events } = given(createCommand({ form: forms.adhocDiploma }), submitted);
    expect(events[1]).toMatchObject({ data: { deadline: addWorkingDays(at(1), 3) } });
  });
});

describe('reviewing levels', () => {
  it('when the district endorses, then the province holds it', () => {
    const { events, state } = given(created, submitted, endorsedByDistrict);
    expect(events[2]).toMatchObject({ type: 'NominationEndorsed', data: { by: 'AL-H01', to: 'AL' } });
    expect(state).toMatchObject({ holder: 'AL', status: 'inReview' });
    expect(stageOf(state)).toBe('review:province');
  });

  it('only the holding unit acts, and only in a role allowed at its level', () => {
    const { state } = given(created, submitted);
    expect(refusal({ type: 'endorse', actor: officers.otherDistrict, at: at(2) }, state).code).toBe(
      'WrongUnit',
    );
    expect(refusal({ type: 'endorse', actor: officers.province, at: at(2) }, state).code).toBe('WrongUnit');
    expect(
      refusal({ type: 'endorse', actor: { ...officers.auditor, unitId: 'AL-H01' }, at: at(2) }, state).code,
    ).toBe('WrongRole');
    expect(
      refusal({ type: 'submit', actor: officers.base, at: at(2), review: passedReview }, state).code,
    ).toBe('WrongStage');
  });

  it('return and reject need a comment', () => {
    const { state } = given(created, submitted);
    const returned = refusal(
      { type: 'returnForRevision', actor: officers.district, at: at(2), comment: '   ' },
      state,
    );
    expect(returned.code).toBe('CommentRequired');
    expect(refusal({ type: 'reject', actor: officers.district, at: at(2) }, state).code).toBe(
      'CommentRequired',
    );
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
    const { events, state } = given(created, submitted, returned, resubmitted);
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
    const { state } = given(created, submitted);
    const err = refusal(
      {
        type: 'approve',
        actor: officers.districtHead,
        at: at(2),
        quota: okQuota,
        decision: { number: '1', sequence: 1 },
      },
      state,
    );
    expect(err.code).toBe('FormNotDecidedHere');
    const atProvince = given(created, submitted, endorsedByDistrict).state;
    expect(refusal({ type: 'endorse', actor: officers.province, at: at(3) }, atProvince).code).toBe(
      'WrongStage',
    );
  });

  it('a downgrade to a form the district decides makes the district the decider, and its head approves', () => {
    const downgraded: NominationCommand = {
      type: 'downgrade',
      actor: officers.district,
      at: at(2),
      toForm: forms.certificate,
      comment: 'Đủ điều kiện Giấy khen',
    };
    const { events, state } = given(created, submitted, downgraded);
    expect(events[2]).toMatchObject({
      type: 'NominationDowngraded',
      data: { fromFormCode: 'BK-LDLD-TINH', form: { code: 'GK-LDLD' } },
    });
    if (state.status !== 'inReview') throw new Error('inReview expected');
    expect(state.route.map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01']);
    expect(
      refusal(
        {
          type: 'approve',
          actor: officers.district,
          at: at(3),
          quota: okQuota,
          decision: { number: '1/QĐ-LĐLĐ', sequence: 1 },
        },
        state,
      ).code,
    ).toBe('WrongRole');
    const approved = decide(
      {
        type: 'approve',
        actor: officers.districtHead,
        at: at(3),
        quota: okQuota,
        decision: { number: '1/QĐ-LĐLĐ', sequence: 1 },
      },
      state,
    );
    expect(approved[0]).toMatchObject({
      type: 'NominationApproved',
      data: { by: 'AL-H01', decisionNumber: '1/QĐ-LĐLĐ' },
    });
  });

  it('refuses a downgrade to a form this level does not decide', () => {
    const { state } = given(created, submitted);
    expect(
      refusal({ type: 'downgrade', actor: officers.district, at: at(2), toForm: forms.tldDiploma }, state)
        .code,
    ).toBe('FormNotDecidedHere');
  });

  it('a rejection is final', () => {
    const { events, state } = given(created, submitted, {
      type: 'reject',
      actor: officers.district,
      at: at(2),
      comment: 'Không đủ thành tích',
    });
    expect(events.at(-1)).toMatchObject({ type: 'NominationRejected', data: { by: 'AL-H01' } });
    expect(state.status).toBe('rejected');
    expect(refusal({ type: 'endorse', actor: officers.district, at: at(3) }, state).code).toBe('WrongStage');
    expect(refusal({ type: 'withdraw', actor: officers.base, at: at(3) }, state).code).toBe('WrongStage');
  });
});

describe('deciding', () => {
  it('when a board member approves with its decision number, then the award is approved', () => {
    const { events, state } = given(created, submitted, endorsedByDistrict, approvedByBoard);
    expect(events.at(-1)).toMatchObject({
      type: 'NominationApproved',
      data: { decisionNumber: '1/QĐ-LĐLĐ', quota: okQuota },
    });
    expect(state).toMatchObject({
      status: 'approved',
      decision: { number: '1/QĐ-LĐLĐ', unitId: 'AL' },
      deadline: null,
    });
  });

  it('a province officer may endorse and reject at the province but not approve', () => {
    const { state } = given(created, submitted, endorsedByDistrict);
    expect(refusal({ ...approvedByBoard, actor: officers.province }, state).code).toBe('WrongRole');
  });

  it('a quota warning needs a recorded override with a reason before approval', () => {
    const { state } = given(createCommand({ nominee: leader }), submitted, endorsedByDistrict);
    const err = refusal({ ...approvedByBoard, quota: warnQuota }, state);
    expect(err.code).toBe('QuotaOverrideRequired');
    expect(err.message).toContain('At least 15% direct workers: would be 0.0%, limit 15%');
    expect(
      refusal({ type: 'overrideQuota', actor: officers.board, at: at(3), quota: warnQuota }, state).code,
    ).toBe('CommentRequired');
    expect(
      refusal(
        { type: 'overrideQuota', actor: officers.province, at: at(3), quota: warnQuota, comment: 'x' },
        state,
      ).code,
    ).toBe('WrongRole');
    const overridden = given(createCommand({ nominee: leader }), submitted, endorsedByDistrict, {
      type: 'overrideQuota',
      actor: officers.board,
      at: at(3),
      quota: warnQuota,
      comment: 'Thành tích đột xuất cứu người',
    });
    expect(overridden.events.at(-1)).toMatchObject({
      type: 'QuotaOverrideRecorded',
      comment: 'Thành tích đột xuất cứu người',
      data: { quota: warnQuota },
    });
    expect(decide({ ...approvedByBoard, quota: warnQuota, at: at(4) }, overridden.state)[0]?.type).toBe(
      'NominationApproved',
    );
  });

  it('a blocking quota refuses the approval and cannot be overridden', () => {
    const { state } = given(created, submitted, endorsedByDistrict);
    expect(refusal({ ...approvedByBoard, quota: blockQuota }, state).code).toBe('QuotaBlocked');
    expect(
      refusal(
        { type: 'overrideQuota', actor: officers.board, at: at(3), quota: blockQuota, comment: 'x' },
        state,
      ).code,
    ).toBe('NoQuotaWarning');
  });
});

describe('withdrawal and revocation', () => {
  it('the submitting unit withdraws before a decision, no one else does', () => {
    const { state } = given(created, submitted, endorsedByDistrict);
    expect(refusal({ type: 'withdraw', actor: officers.province, at: at(3) }, state).code).toBe('WrongUnit');
    const { events } = given(created, submitted, endorsedByDistrict, {
      type: 'withdraw',
      actor: officers.base,
      at: at(3),
    });
    expect(events.at(-1)).toMatchObject({ type: 'NominationWithdrawn', data: { by: 'CS0001' } });
  });

  it('no withdrawal after approval', () => {
    const { state } = given(created, submitted, endorsedByDistrict, approvedByBoard);
    expect(refusal({ type: 'withdraw', actor: officers.base, at: at(4) }, state).code).toBe('WrongStage');
  });

  it('revocation only after approval, by the deciding unit, with a reason; the history keeps both', () => {
    const before = given(created, submitted, endorsedByDistrict).state;
    expect(
      refusal({ type: 'revoke', actor: officers.board, at: at(3), comment: 'Khai man' }, before).code,
    ).toBe('WrongStage');
    const approved = given(created, submitted, endorsedByDistrict, approvedByBoard).state;
    expect(refusal({ type: 'revoke', actor: officers.board, at: at(4) }, approved).code).toBe(
      'CommentRequired',
    );
    expect(
      refusal({ type: 'revoke', actor: officers.districtHead, at: at(4), comment: 'x' }, approved).code,
    ).toBe('WrongUnit');
    const { events, state } = given(created, submitted, endorsedByDistrict, approvedByBoard, {
      type: 'revoke',
      actor: officers.board,
      at: at(4),
      comment: 'Kê khai thành tích không trung thực',
    });
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
    const { state } = given(created, submitted);
    const reminder = decide(
      { type: 'recordReminder', actor: { id: 'system', role: 'system', unitId: 'AL-H01' }, at: at(200) },
      state,
    );
    expect(reminder[0]).toMatchObject({
      type: 'DeadlineReminderSent',
      data: { holder: 'AL-H01', deadline: addWorkingDays(at(1), 10) },
    });
    const escalation = decide(
      {
        type: 'recordEscalation',
        actor: { id: 'system', role: 'system', unitId: 'AL-H01' },
        at: at(300),
        escalatedTo: 'AL',
      },
      state,
    );
    expect(escalation[0]).toMatchObject({ type: 'DeadlineEscalated', data: { escalatedTo: 'AL' } });
    expect(() =>
      decide(
        { type: 'recordReminder', actor: { id: 'system', role: 'system', unitId: 'CS0001' }, at: at(2) },
        given(created).state,
      ),
    ).toThrow(DomainError);
  });
});
