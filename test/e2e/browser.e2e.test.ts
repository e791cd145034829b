/// <reference lib="dom" />
// (The callbacks passed to waitForFunction run in the page, where the DOM is.)
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import getPort from 'get-port';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp, type App } from '../../api/app.js';
import { projectRoot } from '../../infra/config.js';
import { chromiumPath } from '../../infra/system-deps.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { createReportingActivities } from '../../activities/reporting.js';
import { as } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { givenPastAwards, officer, step } from '../support/nominations.js';
import { pdfQrCodes } from '../support/pdf-qr.js';
import { vietnamDay } from '../../domain/deadlines.js';

// The web page in headless Chromium (Debian's package, driven by playwright-core), against the API listening on a real
// port, with the real worker, Temporal and PostgreSQL behind it. Screenshots of the main pages go to test-output/.
// Found the way `npm test`'s preflight checks it; a missing browser fails the file, never skips it.
const foundChromium = chromiumPath();
if (foundChromium === undefined)
  throw new Error(
    'Chromium is missing (CHROMIUM_PATH, or chromium on PATH): npm test installs it or names the command that does',
  );
const executablePath: string = foundChromium;
const screenshots = path.join(projectRoot, 'test-output', 'screenshots');

describe('the officers’ web page in a browser', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  let browser: Browser;
  let base = '';
  let members: { id: string; full_name: string }[] = [];
  /** What the Content-Security-Policy blocked on any page: a blocked style or script breaks the page silently. */
  const blocked: string[] = [];
  const watchPolicy = (page: Page): void => {
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy'))
        blocked.push(`${page.url()}: ${message.text()}`);
    });
  };

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    env = await createTestEnvironment('browser');
    await loadDemoData(env.db);
    members = await env.db
      .selectFrom('members')
      .innerJoin('registrations', 'registrations.member_id', 'members.id')
      .select(['members.id', 'members.full_name'])
      .where('members.unit_id', '=', 'CS0001')
      .where('members.is_leader', '=', false)
      .where('registrations.year', '=', 2026)
      .orderBy('members.full_name')
      .execute();
    for (const m of members) await givenPastAwards(env.db, m.id, 'CS0001', 'GK-LDLD', [2024, 2025]);
    worker = await env.createWorker();
    running = worker.run();
    const port = await getPort();
    // The printed papers' QR codes lead to this server, as PUBLIC_URL makes them lead to a deployment's.
    app = await buildApp({ ...env.deps, publicUrl: `http://127.0.0.1:${port}` });
    await app.listen({ host: '127.0.0.1', port });
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath,
      // Root in CI needs --no-sandbox; the rest keeps Chromium from calling out to a network it does not have.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser.close();
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  /** A fresh browser context (its own cookies), logged in as `username`, on a phone- or desktop-sized screen. */
  async function loginAs(username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    page.on('pageerror', (err) => {
      throw err;
    });
    watchPolicy(page);
    await page.goto(base);
    await page.fill('#username', username);
    await page.fill('#password', 'demo-2026');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=who]');
    return page;
  }

  async function openNomination(page: Page, id: string): Promise<void> {
    await page.goto(`${base}/#/nominations/${id}`);
    await page.waitForSelector('[data-testid=timeline]');
  }

  async function act(page: Page, action: string, comment?: string): Promise<void> {
    const events = await page.locator('[data-testid=timeline] li').count();
    if (comment !== undefined) await page.fill('[data-testid=comment]', comment);
    await page.click(`button[data-action="${action}"]`);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=timeline] li').length > n,
      events,
    );
  }

  /** A draft nomination of a member of CS0001, made by its base officer through the API. */
  async function draftByApi(memberIndex: number): Promise<{ id: string; nomineeName: string }> {
    const baseOfficer = await as(app, 'cs.h01.canbo');
    const created = await baseOfficer.post('/api/nominations', {
      nominee: { memberId: members[memberIndex]?.id },
      awardFormCode: 'BK-LDLD-TINH',
      year: 2026,
      dossier: {
        documents: ['coverLetter', 'minutes', 'achievementReport', 'nomineeList'],
        councilVote: { present: 9, inFavour: 9 },
        achievement: 'Hoàn thành xuất sắc nhiệm vụ',
        theme: null,
        initiative: null,
      },
    });
    return created.json<{ id: string; nomineeName: string }>();
  }

  /** The base officer fills in the form on a phone and saves and submits; answers the nomination's id. */
  async function createAndSubmit(memberIndex: number, form: string): Promise<{ id: string; name: string }> {
    const page = await loginAs('cs.h01.canbo', { width: 390, height: 844 });
    const member = members[memberIndex];
    if (member === undefined) throw new Error('no member');
    await page.goto(`${base}/#/new`);
    await page.waitForSelector(`#member option[value="${member.id}"]`, { state: 'attached' });
    await page.selectOption('#member', member.id);
    await page.selectOption('#form', form);
    await page.fill('#achievement', 'Hoàn thành xuất sắc nhiệm vụ; sáng kiến giảm 12% thời gian kiểm hàng');
    await page.fill('#theme', `Lao động giỏi, Lao động sáng tạo ${memberIndex}`);
    if (memberIndex === 0)
      await page.screenshot({ path: path.join(screenshots, 'create-phone.png'), fullPage: true });
    await page.click('[data-testid=create-submit]');
    await page.waitForSelector('[data-testid=timeline]');
    const id = /nominations\/(nom-[0-9a-f-]+)/.exec(page.url())?.[1] ?? '';
    expect(await page.textContent('[data-testid=stage]')).toBe('Cấp huyện, ngành xem xét');
    await page.context().close();
    return { id, name: member.full_name };
  }

  it('three officers of three levels take one nomination from draft to decision', async () => {
    const login = await browser.newPage();
    await login.goto(base);
    await login.screenshot({ path: path.join(screenshots, 'login.png') });
    expect(await login.textContent('h2')).toBe('Đăng nhập');
    await login.close();

    const { id, name } = await createAndSubmit(0, 'BK-LDLD-TINH');

    const district = await loginAs('h01.canbo');
    expect(await district.textContent('[data-testid=who]')).toContain('Cán bộ LĐLĐ huyện, ngành');
    await district.waitForSelector('[data-testid=inbox-item]');
    expect(await district.locator('[data-testid=inbox-item]', { hasText: name }).count()).toBe(1);
    await district.screenshot({ path: path.join(screenshots, 'inbox-district.png'), fullPage: true });
    await openNomination(district, id);
    await act(district, 'endorse', 'Đề nghị Ban Thường vụ LĐLĐ tỉnh tặng Bằng khen');
    expect(await district.textContent('[data-testid=stage]')).toBe('Cấp tỉnh xem xét');

    const board = await loginAs('tinh.btv');
    await board.waitForSelector('[data-testid=inbox-item]');
    const item = board.locator('[data-testid=inbox-item]', { hasText: name });
    const effects = (await item.locator('[data-testid=quota-effect]').allTextContents()).map((t) =>
      t.replace(/\s+/g, ' '),
    );
    expect(
      effects.some((t) => /^Nếu phê duyệt: tỷ lệ \d+% \(tối thiểu 15%\) — Ít nhất 15% cá nhân/.test(t)),
    ).toBe(true);
    await board.screenshot({ path: path.join(screenshots, 'inbox-board.png'), fullPage: true });
    await openNomination(board, id);
    await act(board, 'approve');
    // The number with its issuer and date: the number alone is ambiguous between units.
    expect(await board.textContent('[data-testid=decision]')).toMatch(
      /^Quyết định số 1\/QĐ-LĐLĐ của Liên đoàn Lao động tỉnh An Lạc, ngày \d{2}\/\d{2}\/\d{4}$/,
    );
    const timeline = await board.textContent('[data-testid=timeline]');
    for (const step of ['Lập đề nghị', 'Trình lên', 'Đồng ý, trình cấp trên', 'Ra quyết định khen thưởng'])
      expect(timeline).toContain(step);
    expect(timeline).toContain('Đề nghị Ban Thường vụ LĐLĐ tỉnh tặng Bằng khen');
    await board.screenshot({ path: path.join(screenshots, 'nomination-approved.png'), fullPage: true });

    await board.goto(`${base}/#/quotas`);
    await board.waitForSelector('[data-testid=quota-rule]');
    expect((await board.textContent('main'))?.replace(/\s+/g, ' ')).toMatch(
      /Tỷ lệ hiện nay: 100% ?\(1\/1\) · tối thiểu ?15%/,
    );
    await board.screenshot({ path: path.join(screenshots, 'quotas.png'), fullPage: true });
    await board.context().close();
    await district.context().close();
  });

  it('a return for revision and a resubmission, with the comment required and shown', async () => {
    const { id } = await createAndSubmit(1, 'BK-LDLD-TINH');
    const district = await loginAs('h01.canbo');
    await openNomination(district, id);
    // Returning needs a comment: the button stays disabled until one is written.
    expect(await district.isDisabled('button[data-action="return"]')).toBe(true);
    await act(district, 'return', 'Bổ sung biên bản họp có chữ ký của Chủ tịch Hội đồng');
    expect(await district.textContent('[data-testid=stage]')).toBe('Trả lại để bổ sung');
    expect(await district.textContent('[data-testid=no-actions]')).toContain('Bạn không có thao tác nào');

    const baseOfficer = await loginAs('cs.h01.canbo');
    await baseOfficer.waitForSelector('[data-testid=inbox-item]');
    await openNomination(baseOfficer, id);
    expect(await baseOfficer.textContent('[data-testid=timeline]')).toContain(
      'Bổ sung biên bản họp có chữ ký của Chủ tịch Hội đồng',
    );
    await act(baseOfficer, 'resubmit', 'Đã bổ sung biên bản');
    expect(await baseOfficer.textContent('[data-testid=stage]')).toBe('Cấp huyện, ngành xem xét');
    await baseOfficer.screenshot({
      path: path.join(screenshots, 'nomination-resubmitted.png'),
      fullPage: true,
    });
    await district.context().close();
    await baseOfficer.context().close();
  });

  it('an officer of another district can neither see nor act on it', async () => {
    const { id, name } = await createAndSubmit(2, 'BK-LDLD-TINH');
    const other = await loginAs('h02.canbo');
    await other.goto(`${base}/#/nominations/${id}`);
    await other.waitForSelector('[data-testid=error]');
    expect(await other.textContent('[data-testid=error]')).toBe(
      'Không tìm thấy (hoặc bạn không có quyền xem).',
    );
    expect(await other.locator('button[data-action]').count()).toBe(0);
    await other.goto(`${base}/#/list`);
    await other.waitForSelector('table');
    expect(await other.textContent('main')).not.toContain(name);
    await other.screenshot({ path: path.join(screenshots, 'other-district.png'), fullPage: true });
    await other.context().close();
  });

  it('bulk endorsement from the inbox shows its progress and each result', async () => {
    const first = await createAndSubmit(3, 'BK-LDLD-TINH');
    const second = await createAndSubmit(4, 'BK-LDLD-TINH');
    const district = await loginAs('h01.canbo', { width: 390, height: 844 });
    await district.waitForSelector('[data-testid=inbox-item]');
    for (const { name } of [first, second]) {
      await district
        .locator('[data-testid=inbox-item]', { hasText: name })
        .locator('input[type=checkbox]')
        .check();
    }
    await district.click('[data-testid=bulk]');
    await district.waitForFunction(
      () =>
        document.querySelector('[data-testid=bulk-progress]')?.textContent.includes('Đã xử lý 2/2') === true,
    );
    expect((await district.textContent('[data-testid=bulk-progress]'))?.replace(/\s+/g, ' ')).toContain(
      '2 thành công',
    );
    await district.screenshot({ path: path.join(screenshots, 'bulk-endorse-phone.png'), fullPage: true });
    const rows = await env.db
      .selectFrom('nominations')
      .select('holding_unit_id')
      .where('id', 'in', [first.id, second.id])
      .execute();
    expect(rows.map((r) => r.holding_unit_id)).toEqual(['AL', 'AL']);
    await district.context().close();
  });

  it('shows the dashboard: reports due / submitted / overdue, indicators against targets, movements and their reviews', async () => {
    await createReportingActivities(env.db).openReportingPeriod({
      periodId: 'ky-6-thang-dashboard',
      kind: 'halfYear',
      year: new Date().getFullYear(),
      openedAt: new Date().toISOString(),
      dueAt: new Date(Date.now() + 15 * 86_400_000).toISOString(),
    });
    const district = await as(app, 'h01.canbo');
    const DAY = 86_400_000;
    const now = Date.now();
    const plan = {
      name: 'Năng suất cao hơn, chất lượng tốt hơn',
      targetGroup: 'Công nhân, lao động các doanh nghiệp',
      startsOn: vietnamDay(now - 120 * DAY),
      endsOn: vietnamDay(now + 60 * DAY),
      criteria: [{ name: 'Năng suất', maxScore: 100 }],
      interimReviews: [vietnamDay(now - 30 * DAY)],
      finalReview: vietnamDay(now + 30 * DAY),
    };
    expect((await district.post('/api/movements', plan)).statusCode).toBe(201);
    const withFinal = {
      ...plan,
      name: 'Xanh - Sạch - Đẹp',
      interimReviews: [],
      finalReview: vietnamDay(now - DAY),
    };
    const launched = (await district.post('/api/movements', withFinal)).json<{ movement: { id: string } }>();
    const final = await district.post(`/api/movements/${launched.movement.id}/reviews`, {
      kind: 'final',
      on: withFinal.finalReview,
      summary: 'Tổng kết',
      results: [{ unitId: 'CS0001', scores: { 'Năng suất': 90 } }],
    });
    expect(final.statusCode).toBe(201);
    // Some base unions of the district have reported, one is already overdue.
    await env.db
      .updateTable('reports')
      .set({ status: 'submitted', submitted_at: new Date() })
      .where('period_id', '=', 'ky-6-thang-dashboard')
      .where('unit_id', 'in', ['CS0001', 'CS0002', 'CS0003'])
      .execute();
    await env.db
      .updateTable('reports')
      .set({ status: 'overdue' })
      .where('period_id', '=', 'ky-6-thang-dashboard')
      .where('unit_id', '=', 'CS0004')
      .execute();
    const subtree = await env.db
      .selectFrom('reports')
      .innerJoin('units', 'units.id', 'reports.unit_id')
      .select(['reports.status'])
      .where('period_id', '=', 'ky-6-thang-dashboard')
      .where('units.parent_id', '=', 'AL-H01')
      .execute();
    const expected = (status: string) => String(subtree.filter((r) => r.status === status).length);

    const page = await loginAs('h01.canbo');
    await page.goto(`${base}/#/dashboard`);
    await page.waitForSelector('[data-testid=dashboard]');
    expect(await page.textContent('[data-testid=reports-submitted]')).toBe(expected('submitted'));
    expect(await page.textContent('[data-testid=reports-due]')).toBe(expected('due'));
    expect(await page.textContent('[data-testid=reports-overdue]')).toBe('1');
    expect(await page.textContent('[data-testid=indicator-baseUnionsWithPlan]')).toContain('chỉ tiêu 85%');
    const movements = await page.textContent('[data-testid=dashboard-movements]');
    expect(movements).toContain('1 chậm'); // the interim review whose day passed without results
    expect(movements).toContain('Đã tổng kết');
    await page.screenshot({ path: path.join(screenshots, 'dashboard-district.png'), fullPage: true });

    // The province looks at its whole tree, and at one district.
    const province = await loginAs('tinh.canbo');
    await province.goto(`${base}/#/dashboard`);
    await province.waitForSelector('[data-testid=dashboard]');
    const provinceOverdue = await province.textContent('[data-testid=reports-overdue]');
    expect(provinceOverdue).toBe('1');
    await province.screenshot({ path: path.join(screenshots, 'dashboard-province.png'), fullPage: true });
    await province.selectOption('#dunit', 'AL-H01');
    const districtName = (
      await env.db.selectFrom('units').select('name').where('id', '=', 'AL-H01').executeTakeFirstOrThrow()
    ).name;
    await province.waitForFunction(
      (name) => document.querySelector('[data-testid=dashboard] h2')?.textContent.includes(name) ?? false,
      districtName,
    );
    expect(await province.textContent('[data-testid=reports-overdue]')).toBe('1');

    // The final review's nominations from a list typed on the page: a wrong row is named, nothing is created.
    await page.goto(`${base}/#/movements/${launched.movement.id}`);
    await page.waitForSelector('[data-testid=final-nominations]');
    await page.fill('input[aria-label="Mã đoàn viên dòng 1"]', members[0]?.id ?? '');
    await page.fill('input[aria-label="Thành tích dòng 1"]', 'Tiêu biểu trong phong trào');
    await page.click('text=Tạo các đề nghị');
    await page.waitForSelector('[data-testid=row-problems]');
    expect(await page.textContent('[data-testid=row-problems]')).toContain('Chưa đăng ký thi đua');
    await page.screenshot({ path: path.join(screenshots, 'final-review-refused.png'), fullPage: true });
    const created = await env.db
      .selectFrom('movement_nominations')
      .selectAll()
      .where('movement_id', '=', launched.movement.id)
      .execute();
    expect(created).toHaveLength(0);
  });

  it('says in Vietnamese why text cannot be stored (phone) and why an ended nomination takes no action (desktop)', async () => {
    const phone = await loginAs('cs.h01.canbo', { width: 390, height: 844 });
    const member = members[5];
    if (member === undefined) throw new Error('no member');
    await phone.goto(`${base}/#/new`);
    await phone.waitForSelector(`#member option[value="${member.id}"]`, { state: 'attached' });
    await phone.selectOption('#member', member.id);
    await phone.selectOption('#form', 'BK-LDLD-TINH');
    // A control character pasted from another program with the text.
    await phone.fill('#achievement', 'Hoàn thành xuất sắc nhiệm vụ\u0007');
    await phone.click('[data-testid=create-submit]');
    await phone.waitForSelector('[data-testid=error]');
    expect(await phone.textContent('[data-testid=error]')).toMatch(
      /^Nội dung có ký tự không hợp lệ.* Ở mục: Tóm tắt thành tích\.$/,
    );
    await phone.screenshot({ path: path.join(screenshots, 'refused-text-phone.png'), fullPage: true });
    await phone.context().close();

    // The district officer opens a nomination; meanwhile its unit withdraws it.
    const baseOfficer = await as(app, 'cs.h01.canbo');
    const { id } = await draftByApi(6);
    expect((await baseOfficer.post(`/api/nominations/${id}/submit`)).statusCode).toBe(200);
    const desktop = await loginAs('h01.canbo');
    await openNomination(desktop, id);
    expect(
      (await baseOfficer.post(`/api/nominations/${id}/withdraw`, { comment: 'Chuyển công tác' })).statusCode,
    ).toBe(200);
    await desktop.click('button[data-action="endorse"]');
    await desktop.waitForSelector('[data-testid=error]');
    expect(await desktop.textContent('[data-testid=error]')).toContain(
      'Hồ sơ đã kết thúc (Đã rút) nên không thể thao tác thêm',
    );
    await desktop.screenshot({ path: path.join(screenshots, 'refused-closed-desktop.png'), fullPage: true });
    await desktop.context().close();
  });

  /** How many pixels of a canvas Chart.js painted in `rgb`: a drawn bar, not an empty box. */
  async function paintedIn(page: Page, testid: string, rgb: [number, number, number]): Promise<number> {
    const handle = await page.waitForFunction(
      ([id, [r, g, b]]) => {
        const canvas = document.querySelector(`[data-testid=${id}]`);
        if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0) return false;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4)
          if (pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b) count++;
        return count > 0 ? count : false;
      },
      [testid, rgb] as const,
    );
    return (await handle.jsonValue()) as number;
  }

  for (const [screen, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 900 }],
  ] as const) {
    it(`draws the dashboard's charts with the chart library, within a ${screen}'s screen`, async () => {
      await createReportingActivities(env.db).openReportingPeriod({
        periodId: `ky-bieu-do-${screen}`,
        kind: 'year',
        year: new Date().getFullYear(),
        openedAt: new Date().toISOString(),
        dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      await env.db
        .updateTable('reports')
        .set({ status: 'submitted', submitted_at: new Date() })
        .where('period_id', '=', `ky-bieu-do-${screen}`)
        .where('unit_id', '=', 'CS0001')
        .execute();
      const page = await loginAs('h01.canbo', viewport);
      await page.goto(`${base}/#/dashboard`);
      await page.waitForSelector('[data-testid=dashboard]');
      // The submitted reports' green, and the indicators' grey target bars, on the canvases.
      expect(await paintedIn(page, 'report-chart-canvas', [46, 125, 50])).toBeGreaterThan(0);
      expect(await paintedIn(page, 'indicator-chart-canvas', [158, 158, 158])).toBeGreaterThan(0);
      for (const chart of ['report-chart-canvas', 'indicator-chart-canvas']) {
        const box = await page.locator(`[data-testid=${chart}]`).boundingBox();
        expect(box?.width).toBeGreaterThan(0);
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewport.width);
      }
      await page.screenshot({
        path: path.join(screenshots, `dashboard-charts-${screen}.png`),
        fullPage: true,
      });
      await page.context().close();
    });

    it(`opens a nomination from its address, through the login, and keeps the browser's history (${screen})`, async () => {
      const { id, nomineeName } = await draftByApi(screen === 'phone' ? 7 : 8);
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const page = await context.newPage();
      page.on('pageerror', (err) => {
        throw err;
      });
      watchPolicy(page);
      // A link from an e-mail or a colleague, opened before logging in: the login, then that nomination.
      await page.goto(`${base}/#/nominations/${id}`);
      await page.fill('#username', 'cs.h01.canbo');
      await page.fill('#password', 'demo-2026');
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=timeline]');
      expect(await page.textContent('[data-testid=nominee]')).toBe(nomineeName);
      // The menu goes to the list, the back button comes back to the nomination, and forward to the list again.
      await page.click('nav a[href="#/list"]');
      await page.waitForSelector('[data-testid=list-item]');
      expect(new URL(page.url()).hash).toBe('#/list');
      expect(await page.locator('nav a.active').textContent()).toBe('Đề nghị');
      await page.goBack();
      await page.waitForSelector('[data-testid=timeline]');
      expect(new URL(page.url()).hash).toBe(`#/nominations/${id}`);
      expect(await page.textContent('[data-testid=nominee]')).toBe(nomineeName);
      await page.goForward();
      await page.waitForSelector('[data-testid=list-item]');
      // A link in a page (the list's) opens the nomination too.
      await page.click(`a[href="#/nominations/${id}"]`);
      await page.waitForSelector('[data-testid=timeline]');
      expect(await page.textContent('[data-testid=nominee]')).toBe(nomineeName);
      await context.close();
    });
  }

  it('a province officer prepares a draft decision on a phone, and the board member issues it on a desktop', async () => {
    // Two diplomas waiting for the province's decision (submitted, endorsed by the district).
    const waiting: { id: string; nomineeName: string }[] = [];
    for (const index of [9, 10]) {
      const draft = await draftByApi(index);
      await step(env.deps, draft.id, 'submit', { actor: await officer(env.db, 'cs.h01.canbo') });
      await step(env.deps, draft.id, 'endorse', { actor: await officer(env.db, 'h01.canbo') });
      waiting.push(draft);
    }
    const [first, second] = waiting;
    if (first === undefined || second === undefined) throw new Error('no nominations');

    const phone = await loginAs('tinh.canbo', { width: 390, height: 844 });
    await phone.click('nav a[href="#/decisions"]');
    // The unit's defaults, which a new draft starts with.
    await phone.click('[data-testid=decision-defaults] summary');
    await phone.waitForSelector('#defaults-bases');
    expect(await phone.inputValue('#defaults-bases')).toContain(
      'Căn cứ Quy chế khen thưởng của Tổng Liên đoàn',
    );
    await phone.click('[data-testid=prepare-decision]');
    await phone.waitForSelector('[data-testid=awaiting]');
    expect(await phone.inputValue('#decision-bases')).toContain(
      'Căn cứ Quy chế khen thưởng của Tổng Liên đoàn',
    );
    expect(await phone.textContent('[data-testid=decision-status]')).toContain('Dự thảo');
    await phone.check(`#await-${first.id}`);
    await phone.check(`#await-${second.id}`);
    expect(await phone.textContent('[data-testid=add-to-annex]')).toBe('Đưa 2 hồ sơ vào danh sách');
    await phone.click('[data-testid=add-to-annex]');
    await phone.waitForFunction(() => document.querySelectorAll('[data-testid=annex-entry]').length === 2);
    expect(await phone.textContent('[data-testid=annex]')).toContain('0 tập thể, 2 cá nhân');
    // One taken off again goes back to the waiting list.
    await phone.click(`[data-testid=annex] button[data-remove="${second.id}"]`);
    await phone.waitForFunction(() => document.querySelectorAll('[data-testid=annex-entry]').length === 1);
    await phone.waitForSelector(`#await-${second.id}`);
    await phone.fill(
      '#decision-bases',
      'Căn cứ Điều lệ Công đoàn Việt Nam;\nXét đề nghị của Ban Công tác cơ sở,',
    );
    await phone.fill('#decision-signerCapacity', 'TM. BAN THƯỜNG VỤ');
    await phone.click('[data-testid=save-decision]');
    expect(await phone.textContent('[data-testid=notice]')).toBe('Đã lưu dự thảo.');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(screenshots, 'decision-draft-phone.png'), fullPage: true });
    const address = phone.url();
    await phone.context().close();

    const desktop = await loginAs('tinh.btv');
    await desktop.goto(address);
    await desktop.waitForSelector('[data-testid=annex-entry]');
    expect(await desktop.textContent('[data-testid=annex-entry]')).toContain(first.nomineeName);
    expect(await desktop.inputValue('#decision-bases')).toBe(
      'Căn cứ Điều lệ Công đoàn Việt Nam;\nXét đề nghị của Ban Công tác cơ sở,',
    );
    // The board member signs: the whole annex approved under one number.
    desktop.on('dialog', (dialog) => void dialog.accept());
    await desktop.click('[data-testid=issue-decision]');
    await desktop.waitForSelector('[data-testid=issued]');
    expect(await desktop.textContent('[data-testid=issued]')).toMatch(
      /^Đã ban hành quyết định số \d+\/QĐ-LĐLĐ\.$/,
    );
    await desktop.waitForFunction(() =>
      document.querySelector('[data-testid=decision-status]')?.textContent.includes('Đã ban hành'),
    );
    expect(await desktop.textContent('[data-testid=decision-status]')).toMatch(
      /Số \d+\/QĐ-LĐLĐ, ngày \d{2}\/\d{2}\/\d{4}/,
    );
    // The nomination's page names the decision and leads back to it.
    const decisionAddress = desktop.url();
    await desktop.goto(`${base}/#/nominations/${first.id}`);
    await desktop.waitForSelector('a[data-testid=decision]');
    expect(await desktop.textContent('[data-testid=decision]')).toMatch(
      /^Quyết định số \d+\/QĐ-LĐLĐ của Liên đoàn/,
    );
    await desktop.click('a[data-testid=decision]');
    await desktop.waitForSelector('[data-testid=annex-entry]');
    expect(desktop.url()).toBe(decisionAddress);
    // The printed decision, from the page's link, with the session's cookie.
    const [download] = await Promise.all([
      desktop.waitForEvent('download'),
      desktop.click('[data-testid=decision-pdf]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^quyet-dinh-\d+-QD-LDLD\.pdf$/);
    const [decisionQr] = (await pdfQrCodes(await readFile(await download.path()))).flat();
    // The editable Word copy, and the scan of the signed paper attached with its SHA-256 shown.
    const [docx] = await Promise.all([
      desktop.waitForEvent('download'),
      desktop.click('[data-testid=decision-docx]'),
    ]);
    expect(docx.suggestedFilename()).toMatch(/^quyet-dinh-\d+-QD-LDLD\.docx$/);
    const signedPaper = await readFile(await download.path());
    await desktop.setInputFiles('#signed-scan-file', {
      name: 'quyet-dinh-da-ky.pdf',
      mimeType: 'application/pdf',
      buffer: signedPaper,
    });
    await desktop.click('[data-testid=signed-scan] button[type=submit]');
    await desktop.waitForSelector('[data-testid=scan-sha256]');
    expect(await desktop.textContent('[data-testid=scan-sha256]')).toBe(
      createHash('sha256').update(signedPaper).digest('hex'),
    );
    // The certificates, from the panel an issued decision shows: one page for the one award, with its QR code.
    const [certificates] = await Promise.all([
      desktop.waitForEvent('download'),
      desktop.click('[data-testid=certificates-pdf]'),
    ]);
    expect(certificates.suggestedFilename()).toMatch(/^bang-khen-\d+-QD-LDLD\.pdf$/);
    const [awardQr] = (await pdfQrCodes(await readFile(await certificates.path()))).flat();
    await desktop.click('nav a[href="#/decisions"]');
    await desktop.waitForSelector('[data-testid=decision-item]');
    expect(await desktop.textContent('[data-testid=decision-item]')).toContain('Đã ban hành');
    await desktop.screenshot({ path: path.join(screenshots, 'decisions-desktop.png'), fullPage: true });
    await desktop.context().close();

    // Anyone who scans a paper's QR code, with no login: the decision and the award are confirmed as printed.
    for (const [screen, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 900 }],
    ] as const) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const reader = await context.newPage();
      watchPolicy(reader);
      expect(decisionQr?.startsWith(`${base}/xac-minh/`)).toBe(true);
      await reader.goto(decisionQr ?? '');
      await reader.waitForSelector('[data-testid=verdict]');
      expect(await reader.textContent('[data-testid=verdict]')).toContain('Quyết định này là thật');
      expect(await reader.textContent('[data-testid=verdict]')).toMatch(
        /Quyết định số \d+\/QĐ-LĐLĐ của Liên đoàn/,
      );
      await reader.goto(awardQr ?? '');
      await reader.waitForSelector('[data-testid=awardee]');
      expect(await reader.textContent('[data-testid=verdict]')).toContain('là thật và còn hiệu lực');
      expect(await reader.textContent('[data-testid=awardee]')).toBe(first.nomineeName);
      expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await reader.screenshot({ path: path.join(screenshots, `verify-${screen}.png`), fullPage: true });
      // A code typed wrong is not confirmed, and says what to do.
      await reader.fill('.code-form input', '00000-00000');
      await reader.click('.code-form button');
      await reader.waitForFunction(() =>
        document.querySelector('[data-testid=verdict]')?.textContent.includes('Không tìm thấy'),
      );
      // The public honour roll lists the award, with its decision.
      await reader.goto(`${base}/vinh-danh`);
      await reader.waitForSelector('[data-testid=roll-entry]');
      expect(await reader.textContent('.roll')).toContain(first.nomineeName);
      expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await reader.screenshot({ path: path.join(screenshots, `honour-roll-${screen}.png`), fullPage: true });
      await context.close();
    }

    // The member asks to be left off: an officer of the province records it on the nomination's page.
    const officerPage = await loginAs('tinh.canbo', { width: 390, height: 844 });
    await officerPage.goto(`${base}/#/nominations/${first.id}`);
    await officerPage.waitForSelector('[data-testid=honour-roll-consent] input[type=checkbox]:checked');
    await officerPage.uncheck('[data-testid=honour-roll-consent] input[type=checkbox]');
    await officerPage.waitForFunction(() =>
      document.querySelector('[data-testid=honour-roll-consent]')?.textContent.includes('không hiện tên'),
    );
    await officerPage.goto(`${base}/vinh-danh`);
    await officerPage.waitForSelector('[data-testid=roll-total], p.muted');
    await officerPage.waitForFunction(() => document.querySelector('p.loading') === null);
    expect(await officerPage.textContent('main')).not.toContain(first.nomineeName);
    await officerPage.context().close();

    // The award is revoked by a decision of its own, prepared and issued on the page; its certificate then says so.
    const board = await loginAs('tinh.btv');
    board.on('dialog', (dialog) => void dialog.accept());
    await board.goto(`${base}/#/decisions`);
    await board.click('[data-testid=prepare-revocation]');
    await board.waitForSelector(`#await-${first.id}`);
    await board.check(`#await-${first.id}`);
    await board.click('[data-testid=add-to-annex]');
    await board.waitForSelector('[data-testid=annex-entry]');
    await board.fill('#decision-reason', 'Kê khai thành tích không trung thực');
    await board.click('[data-testid=save-decision]');
    await board.waitForSelector('[data-testid=notice]');
    await board.click('[data-testid=issue-decision]');
    await board.waitForSelector('[data-testid=issued]');
    expect(await board.textContent('[data-testid=decision-status]')).toContain('Quyết định thu hồi');
    await board.goto(`${base}/#/nominations/${first.id}`);
    await board.waitForSelector('a[data-testid=revocation]');
    expect(await board.textContent('a[data-testid=revocation]')).toMatch(
      /^Đã thu hồi theo Quyết định số \d+\/QĐ-LĐLĐ/,
    );
    await board.goto(awardQr ?? '');
    await board.waitForSelector('[data-testid=revocation]');
    expect(await board.textContent('[data-testid=verdict]')).toContain('đã bị thu hồi');
    expect(await board.textContent('[data-testid=revocation]')).toContain(
      'Lý do: Kê khai thành tích không trung thực',
    );
    await board.screenshot({ path: path.join(screenshots, 'verify-revoked-desktop.png'), fullPage: true });
    await board.context().close();
  });

  it('keeps to its Content-Security-Policy, as does the API’s documentation browser', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watchPolicy(page);
    await page.goto(`${base}/api/docs`);
    await page.waitForSelector('.opblock');
    await context.close();
    // Every page the tests above opened, and this one.
    expect(blocked).toEqual([]);
  });
});
