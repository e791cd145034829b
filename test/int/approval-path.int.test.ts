import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import type { Actor } from '../../domain/nomination/events.js';
import { loadFixtureProvince } from '../support/province.js';
import { loadAwardForm } from '../../services/nominations.js';
import type { nominationWorkflow } from '../../workflows/nomination.js';
import { nominationStage } from '../../workflows/search-attributes.js';
import { recordHistory } from '../support/histories.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import {
  eventTypes,
  fullDossier,
  givenPastAwards,
  nominate,
  officer,
  refusalOf,
  step,
} from '../support/nominations.js';

// The approval path on the real Temporal server and PostgreSQL: each path asserts the events and the read model.
describe('the nomination approval path', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const o: Record<string, Actor> = {};
  let registered: { id: string; full_name: string }[] = [];
  let next = 0;
  /** A registered non-leader of CS0001 with the prerequisite certificates of 2024 and 2025, new for each test. */
  const eligibleMember = async (): Promise<string> => {
    const member = registered[next++];
    if (member === undefined) throw new Error('ran out of members');
    await givenPastAwards(env.db, member.id, 'CS0001', 'GK-LDLD', [2024, 2025]);
    return member.id;
  };

  beforeAll(async () => {
    env = await createTestEnvironment('approval');
    await loadFixtureProvince(env.db);
    for (const name of [
      'cs.h01.canbo',
      'h01.canbo',
      'h01.truong',
      'h02.canbo',
      'tinh.canbo',
      'tinh.btv',
      'tinh.kiemtra',
    ]) {
      o[name] = await officer(env.db, name);
    }
    registered = await env.db
      .selectFrom('members')
      .innerJoin('registrations', 'registrations.member_id', 'members.id')
      .select(['members.id', 'members.full_name'])
      .where('members.unit_id', '=', 'CS0001')
      .where('members.is_leader', '=', false)
      .where('registrations.year', '=', 2026)
      .orderBy('members.id')
      .execute();
    worker = await env.createWorker();
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  const who = (username: string): Actor => {
    const actor = o[username];
    if (actor === undefined) throw new Error(`no officer ${username}`);
    return actor;
  };
  const base = (): Actor => who('cs.h01.canbo');
  const district = (): Actor => who('h01.canbo');
  const districtHead = (): Actor => who('h01.truong');
  const province = (): Actor => who('tinh.canbo');
  const board = (): Actor => who('tinh.btv');

  it('base → district → province: approved with decision number 1/QĐ-LĐLĐ, and the award in the history', async () => {
    const memberId = await eligibleMember();
    const created = await nominate(env.deps, base(), memberId, 'BK-LDLD-TINH');
    expect(created).toMatchObject({ status: 'draft', holder: 'CS0001', version: 1 });
    const submitted = await step(env.deps, created.id, 'submit', { actor: base() });
    expect(submitted).toMatchObject({ status: 'inReview', holder: 'AL-H01' });
    await step(env.deps, created.id, 'endorse', { actor: district(), comment: 'Đề nghị Tỉnh khen' });
    const approved = await step(env.deps, created.id, 'approve', { actor: board() });
    expect(approved).toMatchObject({ status: 'approved', decision: { number: '1/QĐ-LĐLĐ', unitId: 'AL' } });

    expect(await eventTypes(env.db, created.id)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationEndorsed',
      'NominationApproved',
    ]);
    const events = await env.db
      .selectFrom('nomination_events')
      .selectAll()
      .where('nomination_id', '=', created.id)
      .orderBy('position')
      .execute();
    expect(events[1]).toMatchObject({
      actor_id: 'cs.h01.canbo',
      actor_role: 'base_officer',
      actor_unit_id: 'CS0001',
    });
    expect(events[1]?.data).toMatchObject({ to: 'AL-H01', review: { passed: true } });
    expect(events[2]).toMatchObject({ actor_id: 'h01.canbo', comment: 'Đề nghị Tỉnh khen' });
    expect(events[3]?.data).toMatchObject({ decisionNumber: '1/QĐ-LĐLĐ', quota: { outcome: 'ok' } });
    for (let i = 1; i < events.length; i++) expect(events[i]?.prev_hash).toBe(events[i - 1]?.hash);

    const row = await env.db
      .selectFrom('nominations')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'approved',
      stage: 'approved',
      holding_unit_id: 'AL',
      decision_number: '1/QĐ-LĐLĐ',
      version: 4,
      deadline_at: null,
    });
    const award = await env.db
      .selectFrom('award_history')
      .selectAll()
      .where('nomination_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(award).toMatchObject({
      member_id: memberId,
      form_code: 'BK-LDLD-TINH',
      deciding_unit_id: 'AL',
      revoked_at: null,
    });

    // It stays open for a revocation, and Temporal shows where it stands.
    const description = await env.client.workflow.getHandle(created.id).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(nominationStage)).toBe('approved');
    await recordHistory(env.client.workflow.getHandle(created.id), 'full-path-approved', env.temporalAddress);
  });

  it('return for revision and resubmission loop back to the level that returned it', async () => {
    const memberId = await eligibleMember();
    const { id } = await nominate(env.deps, base(), memberId, 'BK-LDLD-TINH');
    await step(env.deps, id, 'submit', { actor: base() });
    const returned = await step(env.deps, id, 'returnForRevision', {
      actor: district(),
      comment: 'Bổ sung danh sách trích ngang',
    });
    expect(returned).toMatchObject({ status: 'returned', holder: 'CS0001', returnCount: 1 });
    const revised = { ...fullDossier, achievement: `${fullDossier.achievement}; đã bổ sung` };
    const resubmitted = await step(env.deps, id, 'resubmit', { actor: base(), dossier: revised });
    expect(resubmitted).toMatchObject({
      status: 'inReview',
      holder: 'AL-H01',
      dossier: { achievement: revised.achievement },
    });
    await step(env.deps, id, 'returnForRevision', { actor: district(), comment: 'Lần 2: thiếu chữ ký' });
    await step(env.deps, id, 'resubmit', { actor: base() });
    await step(env.deps, id, 'endorse', { actor: district() });
    expect(await eventTypes(env.db, id)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationReturned',
      'NominationResubmitted',
      'NominationReturned',
      'NominationResubmitted',
      'NominationEndorsed',
    ]);
    const row = await env.db
      .selectFrom('nominations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'inReview',
      stage: 'review:province',
      holding_unit_id: 'AL',
      return_count: 2,
    });
    await recordHistory(env.client.workflow.getHandle(id), 'return-and-resubmit', env.temporalAddress);
  });

  it('a downgrade at the district is decided there, with the district decision numbers', async () => {
    const memberId = await eligibleMember();
    const { id } = await nominate(env.deps, base(), memberId, 'BK-LDLD-TINH');
    await step(env.deps, id, 'submit', { actor: base() });
    const certificate = await loadAwardForm(env.db, 'GK-LDLD');
    const downgraded = await step(env.deps, id, 'downgrade', {
      actor: district(),
      toForm: certificate,
      comment: 'Phù hợp Giấy khen',
    });
    expect(downgraded.route.map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01']);
    const approved = await step(env.deps, id, 'approve', { actor: districtHead() });
    expect(approved).toMatchObject({
      status: 'approved',
      decision: { number: '1/QĐ-LĐLĐ', unitId: 'AL-H01' },
    });
    expect(await eventTypes(env.db, id)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationDowngraded',
      'NominationApproved',
    ]);
    const row = await env.db
      .selectFrom('nominations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      award_form_code: 'GK-LDLD',
      deciding_unit_id: 'AL-H01',
      decision_number: '1/QĐ-LĐLĐ',
    });
    const decision = await env.db
      .selectFrom('decisions')
      .selectAll()
      .where('nomination_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ unit_id: 'AL-H01', sequence: 1 });
    await recordHistory(
      env.client.workflow.getHandle(id),
      'downgrade-decided-at-district',
      env.temporalAddress,
    );
  });

  it('a rejection at the district ends the nomination', async () => {
    const { id } = await nominate(env.deps, base(), await eligibleMember(), 'BK-LDLD-TINH');
    await step(env.deps, id, 'submit', { actor: base() });
    const rejected = await step(env.deps, id, 'reject', {
      actor: district(),
      comment: 'Thành tích chưa nổi bật',
    });
    expect(rejected).toMatchObject({ status: 'rejected', rejectedBy: 'AL-H01' });
    expect(await eventTypes(env.db, id)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationRejected',
    ]);
    const handle = env.client.workflow.getHandle<typeof nominationWorkflow>(id);
    expect((await handle.result()).status).toBe('rejected');
    const row = await env.db
      .selectFrom('nominations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'rejected', stage: 'rejected', deadline_at: null });
    await recordHistory(handle, 'rejected-at-district', env.temporalAddress);
  });

  it('the submitting unit withdraws before a decision', async () => {
    const { id } = await nominate(env.deps, base(), await eligibleMember(), 'BK-LDLD-TINH');
    await step(env.deps, id, 'submit', { actor: base() });
    await step(env.deps, id, 'endorse', { actor: district() });
    const withdrawn = await step(env.deps, id, 'withdraw', {
      actor: base(),
      comment: 'Cá nhân chuyển công tác',
    });
    expect(withdrawn.status).toBe('withdrawn');
    expect(await eventTypes(env.db, id)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationEndorsed',
      'NominationWithdrawn',
    ]);
    expect((await env.client.workflow.getHandle<typeof nominationWorkflow>(id).result()).status).toBe(
      'withdrawn',
    );
  });

  it('an approved award is revoked with a reason; the history keeps both', async () => {
    const memberId = await eligibleMember();
    const { id } = await nominate(env.deps, base(), memberId, 'BK-LDLD-TINH');
    await step(env.deps, id, 'submit', { actor: base() });
    await step(env.deps, id, 'endorse', { actor: district() });
    const approved = await step(env.deps, id, 'approve', { actor: board() });
    const revoked = await step(env.deps, id, 'revoke', {
      actor: board(),
      comment: 'Kê khai thành tích không trung thực',
    });
    expect(revoked).toMatchObject({
      status: 'revoked',
      decision: { number: approved.status === 'approved' ? approved.decision.number : '' },
    });
    expect(await eventTypes(env.db, id)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationEndorsed',
      'NominationApproved',
      'AwardRevoked',
    ]);
    const award = await env.db
      .selectFrom('award_history')
      .selectAll()
      .where('nomination_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(award.revoked_at).not.toBeNull();
    expect((await env.client.workflow.getHandle<typeof nominationWorkflow>(id).result()).status).toBe(
      'revoked',
    );
    await recordHistory(env.client.workflow.getHandle(id), 'approved-then-revoked', env.temporalAddress);
  });

  it('refuses the wrong unit, the wrong role, the wrong stage and a missing comment, leaving no trace in the history', async () => {
    const { id } = await nominate(env.deps, base(), await eligibleMember(), 'BK-LDLD-TINH');
    const handle = env.client.workflow.getHandle<typeof nominationWorkflow>(id);

    const wrongStage = await refusalOf(step(env.deps, id, 'endorse', { actor: district() }));
    expect(wrongStage).toMatchObject({
      code: 'WrongStage',
      message: 'Cannot endorse it: the nomination is a draft',
    });
    await step(env.deps, id, 'submit', { actor: base() });

    const wrongUnit = await refusalOf(step(env.deps, id, 'endorse', { actor: who('h02.canbo') }));
    expect(wrongUnit.code).toBe('WrongUnit');
    expect(wrongUnit.message).toContain('only unit AL-H01 may do this now, not AL-H02');
    const wrongRole = await refusalOf(
      step(env.deps, id, 'endorse', { actor: { ...who('tinh.kiemtra'), unitId: 'AL-H01' } }),
    );
    expect(wrongRole).toMatchObject({ code: 'WrongRole' });
    expect(wrongRole.message).toContain('district_officer or district_head');
    const noComment = await refusalOf(
      step(env.deps, id, 'returnForRevision', { actor: district(), comment: '' }),
    );
    expect(noComment).toMatchObject({
      code: 'CommentRequired',
      message: 'Cannot return a nomination without a comment saying why',
    });
    const stale = await refusalOf(step(env.deps, id, 'endorse', { actor: district(), expectedVersion: 1 }));
    expect(stale.code).toBe('StaleVersion');

    // Only the creation and the submission are in the store, and the workflow's history holds only the accepted updates.
    expect(await eventTypes(env.db, id)).toEqual(['NominationCreated', 'NominationSubmitted']);
    const history = await handle.fetchHistory();
    const accepted = (history.events ?? []).filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes != null,
    );
    expect(
      accepted.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name),
    ).toEqual(['awaitCreated', 'submit']);
    expect((history.events ?? []).some((e) => e.workflowExecutionUpdateRejectedEventAttributes != null)).toBe(
      false,
    );
  });

  it('the 15% floor warns on a leader and demands a recorded override by a board member', async () => {
    const leader = await env.db
      .selectFrom('members')
      .innerJoin('registrations', 'registrations.member_id', 'members.id')
      .select('members.id')
      .where('members.unit_id', '=', 'CS0026')
      .where('members.is_leader', '=', true)
      .where('registrations.year', '=', 2026)
      .executeTakeFirstOrThrow();
    await givenPastAwards(env.db, leader.id, 'CS0026', 'GK-LDLD', [2024, 2025]);
    // Give the province a year in which leaders only have been commended, so that one more would break the floor.
    const cs26 = await officer(env.db, 'cs.h02.canbo');
    const { id } = await nominate(env.deps, cs26, leader.id, 'BK-LDLD-TINH');
    await step(env.deps, id, 'submit', { actor: cs26 });
    await step(env.deps, id, 'endorse', { actor: who('h02.canbo') });
    await env.db
      .updateTable('award_history')
      .set({ is_leader: true, is_direct_worker: false })
      .where('deciding_unit_id', '=', 'AL')
      .where('year', '=', 2026)
      .execute();

    const refused = await refusalOf(step(env.deps, id, 'approve', { actor: board() }));
    expect(refused.code).toBe('QuotaOverrideRequired');
    expect(refused.message).toMatch(
      /Ít nhất 15% cá nhân được khen thưởng trong năm.*would be 0\.0%, limit 15%/,
    );
    expect(
      await refusalOf(step(env.deps, id, 'overrideQuota', { actor: province(), comment: 'x' })),
    ).toMatchObject({ code: 'WrongRole' });

    await step(env.deps, id, 'overrideQuota', {
      actor: board(),
      comment: 'Gương điển hình tiêu biểu của tỉnh',
    });
    const approved = await step(env.deps, id, 'approve', { actor: board() });
    expect(approved.status).toBe('approved');
    const events = await env.db
      .selectFrom('nomination_events')
      .selectAll()
      .where('nomination_id', '=', id)
      .orderBy('position')
      .execute();
    const override = events.find((e) => e.type === 'QuotaOverrideRecorded');
    expect(override).toMatchObject({
      actor_id: 'tinh.btv',
      actor_role: 'board_member',
      comment: 'Gương điển hình tiêu biểu của tỉnh',
    });
    const floor = (
      override?.data as {
        quota: { findings: { ruleId: string; before: { total: number; inCategory: number } }[] };
      }
    ).quota.findings.find((f) => f.ruleId === 'direct-worker-floor');
    expect(floor?.before.inCategory).toBe(0);
    expect(floor?.before.total).toBeGreaterThan(0);
    const approval = events.find((e) => e.type === 'NominationApproved');
    expect(approval?.data).toMatchObject({ quota: { outcome: 'warn' } });
    await recordHistory(
      env.client.workflow.getHandle(id),
      'quota-override-then-approved',
      env.temporalAddress,
    );
  });
});
