import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { createReportingActivities } from '../../activities/reporting.js';
import { buildApp, type App } from '../../api/app.js';
import type { ReportFigures } from '../../domain/report.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { as, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { pdfText } from '../support/pdf-text.js';
import { generateYear } from '../support/year.js';

const PERIOD = 'ky-nam-2026';

interface Report {
  unitId: string;
  status: string;
  version: number;
  content: { figures: ReportFigures; notes: string; corrections: Record<string, number> };
}

interface Consolidated {
  unit: { id: string; level: string };
  report: { status: string; figures: ReportFigures; notes: string };
  reportedFigures: ReportFigures;
  subtree: { due: number; submitted: number; overdue: number; total: number };
  children: { unitId: string; unitName: string; status: string; submittedAt: string | null; notes: string }[];
}

interface Dashboard {
  unit: { id: string; level: string };
  period: { id: string; year: number; status: string } | null;
  reports: {
    due: number;
    submitted: number;
    overdue: number;
    owedToUnit: { unitId: string; status: string }[];
  };
  indicators: Record<string, { value: number; of: number; share: number | null; target: number }>;
}

interface Officer {
  accountId: string;
  username: string;
}

const put = (
  client: ApiClient,
  url: string,
  payload: unknown,
  ifMatch?: string,
): Promise<LightMyRequestResponse> =>
  client.request({
    method: 'PUT',
    url,
    payload: payload as Record<string, unknown>,
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
  });

/** The text of a cell as a person reads it (shared strings, rich text and formulas included). */
function cellText(cell: ExcelJS.Cell): string {
  return cell.text;
}

function rowsOf(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row) => rows.push(row));
  return rows;
}

function rowWith(sheet: ExcelJS.Worksheet, column: number, text: string): ExcelJS.Row {
  const row = rowsOf(sheet).find((r) => cellText(r.getCell(column)) === text);
  if (row === undefined) throw new Error(`no row with "${text}" in column ${column} of ${sheet.name}`);
  return row;
}

describe('editing, submitting, consolidating and exporting periodic reports', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let app: App;
  let base: ApiClient;
  let district: ApiClient;
  let otherDistrict: ApiClient;
  let province: ApiClient;
  let auditor: ApiClient;

  beforeAll(async () => {
    env = await createTestEnvironment('repedit');
    await loadDemoData(env.db);
    worker = await env.createWorker();
    running = worker.run();
    // A few nominations decided through the real workflows, so that the awards sheet has something in it.
    await generateYear(env.deps, env.db, 6);
    const now = new Date();
    await createReportingActivities(env.db).openReportingPeriod({
      periodId: PERIOD,
      kind: 'year',
      year: 2026,
      openedAt: now.toISOString(),
      dueAt: new Date(now.getTime() + 15 * 86_400_000).toISOString(),
    });
    app = await buildApp(env.deps);
    base = await as(app, 'cs.h01.canbo');
    district = await as(app, 'h01.canbo');
    otherDistrict = await as(app, 'h02.canbo');
    province = await as(app, 'tinh.canbo');
    auditor = await as(app, 'tinh.kiemtra');
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('saves a draft under If-Match, refuses a stale version, and keeps the pre-filled figures beside the corrections', async () => {
    const first = await base.get(`/api/reports/${PERIOD}`);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    const before = first.json<Report>();
    expect(before).toMatchObject({
      unitId: 'CS0001',
      status: 'due',
      version: 1,
      content: { corrections: {} },
    });
    expect(before.content.figures.indicators.baseUnionsWithPlan).toEqual({
      value: 1,
      of: 1,
      share: 1,
      target: 0.85,
    });
    const officers = before.content.figures.plan.officers;
    expect(officers).toBeGreaterThan(0);

    const notes = 'Đơn vị đã tổ chức tập huấn bổ sung cho cán bộ công đoàn bộ phận.';
    const saved = await put(
      base,
      `/api/reports/${PERIOD}`,
      { notes, corrections: { officersTrained: officers } },
      '"1"',
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    const after = saved.json<Report>();
    expect(after.content.notes).toBe(notes);
    expect(after.content.corrections).toEqual({ officersTrained: officers });
    expect(after.content.figures).toEqual(before.content.figures);

    const stale = await put(base, `/api/reports/${PERIOD}`, { notes: 'bản cũ' }, '"1"');
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ status: 412, currentVersion: 2 });

    const inconsistent = await put(
      base,
      `/api/reports/${PERIOD}`,
      { notes, corrections: { officersTrained: officers + 1 } },
      '"2"',
    );
    expect(inconsistent.statusCode).toBe(422);
    expect(inconsistent.json()).toMatchObject({
      errors: [{ pointer: '/body/corrections/officersTrained' }],
    });
    expect(
      (await put(base, `/api/reports/${PERIOD}`, { notes, corrections: { guessed: 3 } })).statusCode,
    ).toBe(400);
    expect((await put(base, `/api/reports/${PERIOD}`, { notes }, 'version two')).statusCode).toBe(400);
    expect((await base.get(`/api/reports/${PERIOD}`)).json<Report>().version).toBe(2);
  });

  it('lets auditors read reports but not write them', async () => {
    expect((await put(auditor, `/api/reports/${PERIOD}`, { notes: 'x' })).statusCode).toBe(403);
    expect((await auditor.post(`/api/reports/${PERIOD}/submit`, {})).statusCode).toBe(403);
    const view = await auditor.get(`/api/reports/${PERIOD}/consolidated`);
    expect(view.statusCode).toBe(200);
    expect(view.json<Consolidated>().unit).toMatchObject({ id: 'AL', level: 'province' });
  });

  it('submits the saved draft, after which the report no longer changes', async () => {
    const submitted = await base.request({
      method: 'POST',
      url: `/api/reports/${PERIOD}/submit`,
      headers: { 'if-match': '"2"' },
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.headers.etag).toBe('"3"');
    const report = submitted.json<Report>();
    expect(report).toMatchObject({ status: 'submitted', version: 3 });
    expect(report.content.notes).toBe('Đơn vị đã tổ chức tập huấn bổ sung cho cán bộ công đoàn bộ phận.');
    expect(Object.keys(report.content.corrections)).toEqual(['officersTrained']);

    const edit = await put(base, `/api/reports/${PERIOD}`, { notes: 'sửa sau khi gửi' }, '"3"');
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ type: expect.stringContaining('report-closed') as unknown });
    expect((await base.post(`/api/reports/${PERIOD}/submit`, {})).statusCode).toBe(409);
  });

  it('consolidates a district’s subtree: its rolled-up figures, each base union’s status and notes', async () => {
    const notes = 'LĐLĐ thành phố đã phát động phong trào thi đua năm 2026 đến toàn bộ công đoàn cơ sở.';
    expect((await put(district, `/api/reports/${PERIOD}`, { notes })).statusCode).toBe(200);
    const response = await district.get(`/api/reports/${PERIOD}/consolidated`);
    expect(response.statusCode).toBe(200);
    const c = response.json<Consolidated>();
    expect(c.unit).toMatchObject({ id: 'AL-H01', level: 'district' });
    expect(c.report.notes).toBe(notes);
    expect(c.subtree).toEqual({ due: 24, submitted: 1, overdue: 0, total: 25 });
    expect(c.children).toHaveLength(25);
    expect(c.children.find((ch) => ch.unitId === 'CS0001')).toMatchObject({
      status: 'submitted',
      notes: 'Đơn vị đã tổ chức tập huấn bổ sung cho cán bộ công đoàn bộ phận.',
    });
    expect(c.children.filter((ch) => ch.status === 'due')).toHaveLength(24);
    // The roll-up is the district's own pre-filled report, over its 25 base unions.
    const own = (await district.get(`/api/reports/${PERIOD}`)).json<Report>();
    expect(c.report.figures).toEqual(own.content.figures);
    expect(c.report.figures.plan).toMatchObject({ upperUnions: 1, baseUnions: 25, baseUnionsWithPlan: 25 });
    expect(c.reportedFigures).toEqual(c.report.figures);
  });

  it('consolidates the province over its districts and sectors, and a district on request', async () => {
    const c = (await province.get(`/api/reports/${PERIOD}/consolidated`)).json<Consolidated>();
    expect(c.unit).toMatchObject({ id: 'AL', level: 'province' });
    expect(c.children.map((ch) => ch.unitId).sort()).toEqual(
      [
        ...Array.from({ length: 8 }, (_, i) => `AL-H0${i + 1}`),
        'AL-N01',
        'AL-N02',
        'AL-N03',
        'AL-N04',
      ].sort(),
    );
    expect(c.subtree).toEqual({ due: 311, submitted: 1, overdue: 0, total: 312 });
    expect(c.report.figures.plan).toMatchObject({ upperUnions: 12, baseUnions: 300 });
    const h01 = await province.get(`/api/reports/${PERIOD}/consolidated?unitId=AL-H01`);
    expect(h01.statusCode).toBe(200);
    expect(h01.json<Consolidated>().unit.id).toBe('AL-H01');
  });

  it('keeps another district’s reports out of sight, and says a base union has nothing to consolidate', async () => {
    for (const url of [
      `/api/reports/${PERIOD}/consolidated?unitId=AL-H01`,
      `/api/reports/${PERIOD}?unitId=AL-H01`,
      `/api/reports/${PERIOD}/export.pdf?unitId=AL-H01`,
      `/api/reports/${PERIOD}/export.xlsx?unitId=AL-H01`,
    ]) {
      const response = await otherDistrict.get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const baseView = await base.get(`/api/reports/${PERIOD}/consolidated`);
    expect(baseView.statusCode).toBe(404);
    expect(baseView.json()).toMatchObject({
      type: expect.stringContaining('nothing-to-consolidate') as unknown,
    });
    expect((await district.get('/api/reports/ky-khong-co/consolidated')).statusCode).toBe(404);
  });

  it('shows a district’s dashboard with the counts of its consolidation, and no unit outside its subtree', async () => {
    const response = await district.get('/api/dashboard?year=2026');
    expect(response.statusCode).toBe(200);
    const dashboard = response.json<Dashboard>();
    const c = (await district.get(`/api/reports/${PERIOD}/consolidated`)).json<Consolidated>();
    expect(dashboard.unit).toMatchObject({ id: 'AL-H01', level: 'district' });
    expect(dashboard.period).toMatchObject({ id: PERIOD, year: 2026, status: 'open' });
    expect(dashboard.reports).toMatchObject({
      due: c.subtree.due,
      submitted: c.subtree.submitted,
      overdue: c.subtree.overdue,
    });
    expect(dashboard.reports.owedToUnit.map((r) => [r.unitId, r.status])).toEqual(
      c.children.map((child) => [child.unitId, child.status]),
    );
    // Counted live, from the same data the report was pre-filled from when the period opened (nothing changed since).
    const figures = c.report.figures;
    expect(dashboard.indicators).toMatchObject(figures.indicators);
    expect(dashboard.indicators.nonLeaders).toMatchObject({
      value: figures.nonLeaders,
      of: figures.individualsCommended,
      target: figures.nonLeaderFloor,
    });

    const child = await district.get('/api/dashboard?unitId=CS0001');
    expect(child.json<Dashboard>().unit).toMatchObject({ id: 'CS0001', level: 'base' });
    const outside = await otherDistrict.get('/api/dashboard?unitId=AL-H01');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ type: expect.stringContaining('not-found') as unknown });
  });

  it('exports the district’s report as a workbook with Vietnamese headers and percentages', async () => {
    const response = await district.get(`/api/reports/${PERIOD}/export.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-${PERIOD}-AL-H01.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Khen thưởng', 'Đơn vị']);
    const figures = (await district.get(`/api/reports/${PERIOD}`)).json<Report>().content.figures;

    const summary = workbook.getWorksheet('Tổng hợp');
    if (summary === undefined) throw new Error('no summary sheet');
    expect(cellText(summary.getCell('A1'))).toBe('Báo cáo kết quả công tác thi đua, khen thưởng năm 2026');
    expect(cellText(summary.getCell('A2'))).toBe('Đơn vị: Liên đoàn Lao động Thành phố An Lạc');
    const header = rowWith(summary, 2, 'Chỉ tiêu');
    expect([3, 4, 5, 6, 7].map((c) => cellText(header.getCell(c)))).toEqual([
      'Kết quả',
      'Tổng số',
      'Tỷ lệ',
      'Mục tiêu',
      'Đánh giá',
    ]);
    const trainedRow = rowWith(summary, 2, 'Cán bộ làm công tác thi đua, khen thưởng được tập huấn');
    const trained = figures.indicators.officersTrained;
    expect(trainedRow.getCell(3).value).toBe(trained.value);
    expect(trainedRow.getCell(4).value).toBe(trained.of);
    expect(trainedRow.getCell(5).value).toBeCloseTo(trained.share ?? Number.NaN);
    expect(trainedRow.getCell(5).numFmt).toBe('0.0%');
    expect(trainedRow.getCell(6).value).toBe(1);
    expect(trainedRow.getCell(6).numFmt).toBe('0%');
    expect(cellText(trainedRow.getCell(7))).toBe(trained.value === trained.of ? 'Đạt' : 'Chưa đạt');
    const baseRow = rowWith(summary, 2, 'Công đoàn cơ sở có kế hoạch, phát động phong trào thi đua');
    expect([3, 4, 5, 6].map((c) => baseRow.getCell(c).value)).toEqual([25, 25, 1, 0.85]);
    expect(baseRow.getCell(6).numFmt).toBe('0%');
    const counts = rowWith(summary, 2, 'Cán bộ làm công tác thi đua, khen thưởng');
    expect(counts.getCell(3).value).toBe(figures.plan.officers);

    const awards = workbook.getWorksheet('Khen thưởng');
    if (awards === undefined) throw new Error('no awards sheet');
    const awardHeader = rowWith(awards, 1, 'Mã hình thức');
    expect(cellText(awardHeader.getCell(2))).toBe('Hình thức khen thưởng');
    const headers = awardHeader.values as ExcelJS.CellValue[];
    expect(headers).toContain('Tổng cộng');
    for (const [form, byOutcome] of Object.entries(figures.byForm)) {
      const row = rowWith(awards, 1, form);
      for (const [outcome, n] of Object.entries(byOutcome)) {
        const label = { approved: 'Đã khen thưởng', rejected: 'Không chấp thuận' }[outcome];
        if (label !== undefined) expect(row.getCell(headers.indexOf(label)).value).toBe(n);
      }
      expect(row.getCell(headers.indexOf('Tổng cộng')).value).toBe(
        Object.values(byOutcome).reduce((a, b) => a + b, 0),
      );
    }
    expect(Object.keys(figures.byForm).length).toBeGreaterThan(0);

    const units = workbook.getWorksheet('Đơn vị');
    if (units === undefined) throw new Error('no units sheet');
    const unitHeader = rowWith(units, 2, 'Mã đơn vị');
    expect([3, 4, 5, 6].map((c) => cellText(unitHeader.getCell(c)))).toEqual([
      'Tên đơn vị',
      'Cấp',
      'Tình trạng báo cáo',
      'Thời điểm gửi',
    ]);
    const submittedRow = rowWith(units, 2, 'CS0001');
    expect(cellText(submittedRow.getCell(5))).toBe('Đã gửi');
    expect(cellText(submittedRow.getCell(6))).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(cellText(rowWith(units, 2, 'CS0002').getCell(5))).toBe('Chưa gửi');
  });

  it('prints the district’s report as a Vietnamese document whose text keeps every diacritic', async () => {
    const response = await district.get(`/api/reports/${PERIOD}/export.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-${PERIOD}-AL-H01.pdf"`,
    );
    // Lines wrap where the layout needs: read the text as one run of words.
    const text = (await pdfText(response.rawPayload)).replace(/\s+/g, ' ');
    for (const phrase of [
      'BÁO CÁO Kết quả công tác thi đua, khen thưởng năm 2026',
      'Đơn vị báo cáo: Liên đoàn Lao động Thành phố An Lạc',
      'Kính gửi: Liên đoàn Lao động tỉnh An Lạc',
      'CHỈ TIÊU PHẤN ĐẤU HẰNG NĂM',
      'Mục tiêu',
      'TÌNH HÌNH BÁO CÁO CỦA ĐƠN VỊ CẤP DƯỚI',
      'Đã gửi: 1; chưa gửi: 24; quá hạn: 0',
      'Đơn vị đã tổ chức tập huấn bổ sung cho cán bộ công đoàn bộ phận.',
      'LĐLĐ thành phố đã phát động phong trào thi đua năm 2026',
      'TM. BAN THƯỜNG VỤ',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(text).toMatch(/85%/);
    expect(text).toMatch(/Tiền thưởng theo quy định của các khen thưởng còn hiệu lực: [\d.]+ đồng/);
  });

  it('records trainings for officers in the caller’s subtree only', async () => {
    const listed = (await district.get('/api/trainings?year=2026')).json<{
      year: number;
      items: { username: string; course: string; heldOn: string }[];
      untrainedOfficers: Officer[];
    }>();
    expect(listed.year).toBe(2026);
    expect(listed.items.map((t) => t.username)).toContain('h01.canbo');
    expect(listed.items.find((t) => t.username === 'h01.canbo')?.heldOn).toBe('2026-03-18');
    const untrained = listed.untrainedOfficers[0];
    if (untrained === undefined) throw new Error('every officer of the district is trained already');

    const course = 'Bồi dưỡng nghiệp vụ thi đua, khen thưởng đợt 2';
    const recorded = await district.post('/api/trainings', {
      year: 2026,
      course,
      heldOn: '2026-09-10',
      accountIds: [untrained.accountId],
    });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      items: [{ accountId: untrained.accountId, course, heldOn: '2026-09-10', recordedBy: 'h01.canbo' }],
    });
    const again = (await district.get('/api/trainings?year=2026')).json<{ untrainedOfficers: Officer[] }>();
    expect(again.untrainedOfficers.map((o) => o.accountId)).not.toContain(untrained.accountId);

    // Phú Bình's officer is in the province's subtree, not in this district's.
    const provinceView = (await province.get('/api/trainings?year=2026')).json<{
      untrainedOfficers: Officer[];
    }>();
    const outsider = provinceView.untrainedOfficers.find((o) => o.username === 'h02.canbo');
    if (outsider === undefined) throw new Error('h02.canbo is not listed as untrained');
    const refused = await district.post('/api/trainings', {
      year: 2026,
      course,
      heldOn: '2026-09-10',
      accountIds: [untrained.accountId, outsider.accountId],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ errors: [{ pointer: '/body/accountIds/1' }] });
    const wrongYear = await district.post('/api/trainings', {
      year: 2026,
      course,
      heldOn: '2025-09-10',
      accountIds: [untrained.accountId],
    });
    expect(wrongYear.statusCode).toBe(422);
    expect(
      (
        await auditor.post('/api/trainings', {
          year: 2026,
          course,
          heldOn: '2026-09-10',
          accountIds: [outsider.accountId],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses edits once the period is closed, and counts what stayed unsent as overdue', async () => {
    await createReportingActivities(env.db).closeReportingPeriod({
      periodId: PERIOD,
      at: new Date().toISOString(),
    });
    const edit = await put(district, `/api/reports/${PERIOD}`, { notes: 'muộn' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json<{ detail: string }>().detail).toContain('closed');
    const c = (await district.get(`/api/reports/${PERIOD}/consolidated`)).json<Consolidated>();
    expect(c.subtree).toEqual({ due: 0, submitted: 1, overdue: 24, total: 25 });
  });

  it('documents every new route in the OpenAPI document', async () => {
    const doc = (await district.get('/api/openapi.json')).json<{
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    }>();
    for (const [p, method] of [
      ['/api/reports/{periodId}', 'get'],
      ['/api/reports/{periodId}', 'put'],
      ['/api/reports/{periodId}/consolidated', 'get'],
      ['/api/reports/{periodId}/export.xlsx', 'get'],
      ['/api/reports/{periodId}/export.pdf', 'get'],
      ['/api/trainings', 'get'],
      ['/api/trainings', 'post'],
    ] as const) {
      expect({ p, method, documented: doc.paths[p]?.[method] !== undefined }).toEqual({
        p,
        method,
        documented: true,
      });
    }
    expect(
      Object.keys(doc.paths['/api/reports/{periodId}/export.pdf']?.get?.responses['200']?.content ?? {}),
    ).toContain('application/pdf');
    expect(doc.paths['/api/reports/{periodId}']?.put?.responses['412']).toBeDefined();
  });
});
