import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import { buildApp, type App } from '../../api/app.js';
import { loadFixtureProvince } from '../support/province.js';
import { as, multipartFile, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { recordHistory } from '../support/histories.js';
import { eligibleForDiploma } from '../support/nominations.js';
import { vietnamDay } from '../../domain/deadlines.js';

const plan = {
  name: 'Lao động giỏi, Lao động sáng tạo năm 2027',
  targetGroup: 'Công nhân, lao động trong các doanh nghiệp',
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  criteria: [
    { name: 'Năng suất lao động vượt kế hoạch', maxScore: 40 },
    { name: 'Sáng kiến được công nhận', maxScore: 30 },
  ],
  interimReviews: ['2027-06-30'],
  finalReview: '2027-12-15',
};

describe('movements through the API', () => {
  let env: TestEnvironment;
  let app: App;
  let district: ApiClient;
  let base: ApiClient;
  let otherBase: ApiClient;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await createTestEnvironment('movements');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
    district = await as(app, 'h01.canbo');
    base = await as(app, 'cs.h01.canbo');
    otherBase = await as(app, 'cs.h02.canbo');
  });
  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('launches a movement for the district’s subtree, and warns when another runs in the same period', async () => {
    const first = await district.post('/api/movements', plan);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      movement: { launchingUnitId: 'AL-H01', startsOn: '2027-01-01', status: 'active' },
      warnings: [],
    });
    const subtree = await env.db
      .selectFrom('units')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', 'AL-H01'), eb('parent_id', '=', 'AL-H01')]))
      .execute();
    expect(first.json<{ movement: { scopeSize: number } }>().movement.scopeSize).toBe(subtree.length);

    const second = await district.post('/api/movements', {
      ...plan,
      name: 'Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động',
      startsOn: '2027-03-01',
      endsOn: '2027-09-30',
      interimReviews: [],
      finalReview: '2027-09-15',
    });
    expect(second.statusCode).toBe(201);
    const warnings = second.json<{ warnings: { code: string; movements: { name: string }[] }[] }>().warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'OverlappingMovements', movements: [{ name: plan.name }] });
  });

  it('refuses a plan that does not hold together, naming the fields', async () => {
    const response = await district.post('/api/movements', { ...plan, endsOn: '2026-06-30', criteria: [] });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/body/endsOn', '/body/criteria']),
    );
  });

  it('registers a base union and its members; a unit outside the scope cannot', async () => {
    const list = (await base.get('/api/movements')).json<{ items: { id: string; name: string }[] }>().items;
    const movement = list.find((m) => m.name === plan.name);
    expect(movement).toBeDefined();
    const members = await env.db
      .selectFrom('members')
      .select('id')
      .where('unit_id', '=', 'CS0001')
      .limit(3)
      .execute();
    const registered = await base.post(`/api/movements/${movement?.id ?? ''}/registrations`, {
      memberIds: members.map((m) => m.id),
    });
    expect(registered.json()).toEqual({ unitRegistered: true, membersRegistered: 3 });
    const rows = await env.db
      .selectFrom('registrations')
      .select(['member_id', 'year'])
      .where('movement_id', '=', movement?.id ?? '')
      .execute();
    expect(rows.filter((r) => r.member_id !== null)).toHaveLength(3);
    expect(rows.every((r) => r.year === 2027)).toBe(true);
    expect(
      (await otherBase.post(`/api/movements/${movement?.id ?? ''}/registrations`, { memberIds: [] }))
        .statusCode,
    ).toBe(404);
    const stranger = await env.db
      .selectFrom('members')
      .select('id')
      .where('unit_id', '=', 'CS0002')
      .executeTakeFirstOrThrow();
    expect(
      (await base.post(`/api/movements/${movement?.id ?? ''}/registrations`, { memberIds: [stranger.id] }))
        .statusCode,
    ).toBe(422);
  });

  describe('reviews and the final review’s nominations', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const now = Date.now();
    // A movement whose reviews are already held, so their results can be recorded today.
    const held = {
      ...plan,
      name: 'Giỏi việc nước, đảm việc nhà',
      startsOn: vietnamDay(now - 200 * DAY),
      endsOn: vietnamDay(now + 10 * DAY),
      interimReviews: [vietnamDay(now - 90 * DAY)],
      finalReview: vietnamDay(now - DAY),
    };
    const [productivity, initiatives] = plan.criteria.map((c) => c.name) as [string, string];
    let movementId = '';
    let registered: string[] = [];
    const nominationsOf = async () =>
      (
        await env.db
          .selectFrom('nominations')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('submitting_unit_id', '=', 'AL-H01')
          .executeTakeFirstOrThrow()
      ).n;

    it('records a planned review with each unit’s scores, ranked; refuses what the rules refuse', async () => {
      const launched = await district.post('/api/movements', held, { 'idempotency-key': 'launch-held' });
      expect(launched.statusCode).toBe(201);
      movementId = launched.json<{ movement: { id: string } }>().movement.id;
      // The same key launches nothing new.
      const again = await district.post('/api/movements', held, { 'idempotency-key': 'launch-held' });
      expect(again.json<{ movement: { id: string } }>().movement.id).toBe(movementId);
      expect(
        (await env.db.selectFrom('movements').select('id').where('name', '=', held.name).execute()).length,
      ).toBe(1);

      const interim = {
        kind: 'interim',
        on: held.interimReviews[0],
        summary: 'Sơ kết giữa kỳ',
        results: [
          { unitId: 'CS0001', scores: { [productivity]: 30, [initiatives]: 25 } },
          { unitId: 'CS0002', scores: { [productivity]: 38, [initiatives]: 20 } },
        ],
      };
      expect((await base.post(`/api/movements/${movementId}/reviews`, interim)).statusCode).toBe(403);
      const tooHigh = await district.post(`/api/movements/${movementId}/reviews`, {
        ...interim,
        results: [{ unitId: 'CS0001', scores: { [productivity]: 41, [initiatives]: 0 } }],
      });
      expect(tooHigh.statusCode).toBe(422);
      expect(tooHigh.json<{ errors: { pointer: string; detail: string }[] }>().errors).toEqual([
        {
          pointer: '/body/results/0/scores',
          detail: expect.stringContaining('from 0 to 40') as unknown as string,
        },
      ]);
      const recorded = await district.post(`/api/movements/${movementId}/reviews`, interim);
      expect(recorded.statusCode).toBe(201);
      expect(recorded.json<{ results: { unitId: string; total: number }[] }>().results).toEqual([
        expect.objectContaining({ unitId: 'CS0002', total: 58 }),
        expect.objectContaining({ unitId: 'CS0001', total: 55 }),
      ]);
      expect((await district.post(`/api/movements/${movementId}/reviews`, interim)).statusCode).toBe(409);
      const detail = (await base.get(`/api/movements/${movementId}`)).json<{
        reviews: { kind: string; on: string }[];
      }>();
      expect(detail.reviews).toEqual([
        expect.objectContaining({ kind: 'interim', on: held.interimReviews[0] }),
      ]);
      expect((await otherBase.get(`/api/movements/${movementId}`)).statusCode).toBe(404);
    });

    it('creates nominations only after the final review, all rows or none, naming each wrong row', async () => {
      registered = await eligibleForDiploma(env.db, { limit: 4 });
      expect(
        (await base.post(`/api/movements/${movementId}/registrations`, { memberIds: registered.slice(0, 3) }))
          .statusCode,
      ).toBe(200);
      const row = (memberId: string) => ({
        memberId,
        awardFormCode: 'BK-LDLD-TINH',
        achievement: 'Hoàn thành xuất sắc nhiệm vụ, tiêu biểu trong phong trào',
        councilPresent: 9,
        councilInFavour: 8,
      });
      const early = await district.post(`/api/movements/${movementId}/nominations`, {
        rows: [row(registered[0] ?? '')],
      });
      expect(early.statusCode).toBe(409);
      expect(early.json<{ type: string }>().type).toContain('final-review-not-recorded');

      const final = await district.post(`/api/movements/${movementId}/reviews`, {
        kind: 'final',
        on: held.finalReview,
        summary: 'Tổng kết phong trào',
        results: [{ unitId: 'CS0001', scores: { [productivity]: 39, [initiatives]: 28 } }],
      });
      expect(final.statusCode).toBe(201);

      const refused = await district.post(`/api/movements/${movementId}/nominations`, {
        rows: [
          row(registered[0] ?? ''),
          row(registered[3] ?? ''), // never registered for the movement
          { ...row(registered[1] ?? ''), awardFormCode: 'KHONG-CO' },
          { ...row(registered[2] ?? ''), unitId: 'CS0001' },
          { ...row(registered[2] ?? ''), councilInFavour: 10 },
        ],
      });
      expect(refused.statusCode).toBe(422);
      const problem = refused.json<{ type: string; rows: { row: number; field: string }[] }>();
      expect(problem.type).toContain('rows-refused');
      expect([...new Set(problem.rows.map((r) => r.row))]).toEqual([2, 3, 4, 5]);
      expect(problem.rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 2, field: 'memberId', code: 'NotRegistered' }),
          expect.objectContaining({ row: 3, field: 'awardFormCode' }),
          expect.objectContaining({ row: 4, field: 'memberId' }),
          expect.objectContaining({ row: 5, field: 'councilInFavour' }),
        ]),
      );
      expect(await nominationsOf()).toBe('0');
      expect(
        await env.db
          .selectFrom('movement_nominations')
          .selectAll()
          .where('movement_id', '=', movementId)
          .execute(),
      ).toHaveLength(0);
    });

    it('imports an Excel file: bad rows refused row by row with nothing imported; a clean file once', async () => {
      const template = await district.get(`/api/movements/${movementId}/nominations/template.xlsx`);
      expect(template.statusCode).toBe(200);
      const fill = async (rows: (string | number)[][]): Promise<Buffer> => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0];
        if (sheet === undefined) throw new Error('the template has no sheet');
        sheet.addRows(rows);
        return Buffer.from(await workbook.xlsx.writeBuffer());
      };
      const upload = (content: Buffer) =>
        district.request({
          method: 'POST',
          url: `/api/movements/${movementId}/nominations/import`,
          ...multipartFile({
            filename: 'de-nghi.xlsx',
            type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            content,
          }),
        });
      const achievement = 'Đạt danh hiệu Lao động giỏi, có sáng kiến được công nhận';
      const good = registered
        .slice(0, 3)
        .map((m, i) => [
          i + 1,
          m,
          '',
          'BK-LDLD-TINH',
          achievement,
          9,
          7,
          'Tờ trình, Biên bản họp, Báo cáo thành tích',
        ]);

      const bad = await upload(
        await fill([
          ...good,
          [4, registered[3] ?? '', '', 'BK-LDLD-TINH', achievement, 9, 7, ''],
          [5, registered[0] ?? '', '', 'BK-LDLD-TINH', '', 'chín', 7, 'Giấy mời'],
        ]),
      );
      expect(bad.statusCode).toBe(422);
      const rows = bad.json<{ rows: { row: number; field: string }[] }>().rows;
      // Excel rows: the header is row 1, so the fourth and fifth entries are rows 5 and 6.
      expect([...new Set(rows.map((r) => r.row))]).toEqual([5, 6]);
      expect(rows.filter((r) => r.row === 6).map((r) => r.field)).toEqual(
        expect.arrayContaining(['councilPresent', 'achievement', 'documents', 'memberId']),
      );
      expect(await nominationsOf()).toBe('0');

      const notExcel = await upload(Buffer.from('STT,Mã đoàn viên\n1,x\n'));
      expect(notExcel.statusCode).toBe(422);
      expect(notExcel.json<{ code: string }>().code).toBe('InvalidImport');

      const clean = await fill(good);
      const created = await upload(clean);
      expect(created.statusCode).toBe(201);
      const answer = created.json<{ created: { row: number; nominationId: string }[] }>();
      expect(answer.created.map((c) => c.row)).toEqual([2, 3, 4]);
      const nominations = await env.db
        .selectFrom('nominations')
        .select(['id', 'nominee_member_id', 'status', 'award_form_code'])
        .where(
          'id',
          'in',
          answer.created.map((c) => c.nominationId),
        )
        .execute();
      expect(nominations.map((n) => n.nominee_member_id).sort()).toEqual(registered.slice(0, 3).sort());
      expect(nominations.every((n) => n.award_form_code === 'BK-LDLD-TINH')).toBe(true);

      // The same file again creates nothing new.
      const repeated = await upload(clean);
      expect(repeated.statusCode).toBe(201);
      expect(repeated.json<{ created: { nominationId: string }[] }>().created).toEqual(answer.created);
      expect(await nominationsOf()).toBe('3');
      const detail = (await district.get(`/api/movements/${movementId}`)).json<{
        status: string;
        nominationIds: string[];
      }>();
      expect(detail.nominationIds.sort()).toEqual(answer.created.map((c) => c.nominationId).sort());
      // The final review ended the movement's workflow: closed in PostgreSQL, and a history for the replay in CI.
      expect(detail.status).toBe('closed');
      const handle = env.client.workflow.getHandle(`movement-${movementId}`);
      expect((await handle.result()) as { status: string }).toMatchObject({ status: 'closed' });
      await recordHistory(handle, 'movement-reviewed-and-closed', env.temporalAddress);
    });
  });
});
