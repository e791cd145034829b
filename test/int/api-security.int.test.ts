import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import PDFDocument from 'pdfkit';
import { sql } from 'kysely';
import { buildApp, type App } from '../../api/app.js';
import type { NominationDetail } from '../../services/nomination-view.js';
import { securitySettings } from '../../api/security.js';
import { defaultLoginLimits, loadConfig } from '../../infra/config.js';
import { loadFixtureProvince } from '../support/province.js';
import { DEMO_PASSWORD } from '../../scripts/demo/province.js';
import { as, multipartFile, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { eligibleForDiploma, fullDossier } from '../support/nominations.js';

// The API's defences against the browser's and the guesser's attacks, on the real servers: login throttling and
// lock-out, the session settings from the configuration, the same-origin check on cookie changes, security headers,
// and uploads whose content is not what they claim.
interface Problem {
  type: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

const HOST = '127.0.0.1:3000';

describe('the API’s security on the real servers', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  const others: App[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment('security');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
  });

  afterAll(async () => {
    for (const other of others) await other.close();
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  /** Another API process over the same database (another replica), with its own settings. */
  async function replica(settings: Partial<Parameters<typeof buildApp>[0]> = {}): Promise<App> {
    const other = await buildApp({ ...env.deps, ...settings });
    others.push(other);
    return other;
  }

  const loginFrom = (target: App, remoteAddress: string, username: string, password: string) =>
    target.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      payload: { username, password },
    });

  describe('logging in', () => {
    it('limits the attempts of one address, whoever it tries, with Retry-After and a Vietnamese problem', async () => {
      const limited = await replica({
        login: { ...defaultLoginLimits, rateLimitMax: 3, rateLimitWindowSeconds: 60 },
      });
      for (const name of ['khong.co.1', 'khong.co.2', 'khong.co.3'])
        expect((await loginFrom(limited, '203.0.113.7', name, 'sai')).statusCode).toBe(401);

      const refused = await loginFrom(limited, '203.0.113.7', 'h01.canbo', DEMO_PASSWORD);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      const problem = refused.json<Problem>();
      expect(problem).toMatchObject({ status: 429, type: expect.stringMatching(/too-many-requests$/) });
      expect(problem.detail).toMatch(/Vui lòng thử lại sau \d+ giây/);

      // Another address is not held back by the first one's attempts.
      expect((await loginFrom(limited, '203.0.113.8', 'h01.canbo', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('locks an account after five wrong passwords, on every replica, even to the right password; then lets it in', async () => {
      const sessionsOf = async (username: string): Promise<number> =>
        Number(
          (
            await env.db
              .selectFrom('sessions')
              .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where('accounts.username', '=', username)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await sessionsOf('h02.canbo');
      // Each guess from its own address: the lock-out is per account, whatever the addresses.
      for (let i = 1; i <= 4; i++)
        expect((await loginFrom(app, `198.51.100.${i}`, 'h02.canbo', `sai-${i}`)).statusCode).toBe(401);
      const fifth = await loginFrom(app, '198.51.100.5', 'h02.canbo', 'sai-5');
      expect(fifth.statusCode).toBe(429);
      expect(fifth.json<Problem>().type).toMatch(/account-locked$/);

      for (const target of [app, await replica()]) {
        const right = await loginFrom(target, '198.51.100.6', 'h02.canbo', DEMO_PASSWORD);
        expect(right.statusCode).toBe(429);
        const retryAfter = Number(right.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(14 * 60);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
        const problem = right.json<Problem>();
        expect(problem.type).toMatch(/account-locked$/);
        expect(problem.detail).toBe(
          'Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau 15 phút.',
        );
        expect(right.headers['set-cookie']).toBeUndefined();
      }
      expect(await sessionsOf('h02.canbo')).toBe(before);

      // Fifteen minutes later (moved in the database rather than waited for), the right password opens it.
      await env.db
        .updateTable('login_failures')
        .set({ locked_until: sql<Date>`now() - interval '1 second'` })
        .where('username', '=', 'h02.canbo')
        .execute();
      expect((await loginFrom(app, '198.51.100.7', 'h02.canbo', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('checks no more tries than are left, when they are sent all at once', async () => {
      for (let i = 1; i <= 4; i++)
        expect((await loginFrom(app, `198.51.100.${80 + i}`, 'tinh.kiemtra', `sai-${i}`)).statusCode).toBe(
          401,
        );
      // One try left, and ten sent together, all with the right password, to see which were checked. Each takes its
      // try before its password is checked, so those that take theirs before the first one's right password has reset
      // the count (an argon2 check takes far longer than taking a try) are refused unchecked, instead of all passing a
      // check made before any of them was counted: the ten are not all let in.
      const burst = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          loginFrom(app, `198.51.100.${100 + i}`, 'tinh.kiemtra', DEMO_PASSWORD),
        ),
      );
      const statuses = burst.map((r) => r.statusCode);
      expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect(statuses).toContain(200);
    });

    it('starts counting again after a right password', async () => {
      const wrong = async (times: number): Promise<number[]> => {
        const statuses: number[] = [];
        for (let i = 0; i < times; i++)
          statuses.push((await loginFrom(app, `192.0.2.${i + 1}`, 'h01.truong', 'sai')).statusCode);
        return statuses;
      };
      expect(await wrong(4)).toEqual([401, 401, 401, 401]);
      expect((await loginFrom(app, '192.0.2.50', 'h01.truong', DEMO_PASSWORD)).statusCode).toBe(200);
      expect(await wrong(4)).toEqual([401, 401, 401, 401]);
      expect((await loginFrom(app, '192.0.2.51', 'h01.truong', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('documents the refusals of the login in the OpenAPI document', async () => {
      const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
        paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
      }>();
      expect(Object.keys(document.paths['/api/auth/login']?.post?.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '401', '429']),
      );
    });
  });

  it('gives the session the configured lifetime and the Secure flag (SESSION_HOURS, COOKIE_SECURE)', async () => {
    const configured = await replica(
      securitySettings(loadConfig({ SESSION_HOURS: '1', COOKIE_SECURE: 'true' })),
    );
    const response = await loginFrom(configured, '127.0.0.1', 'tinh.canbo', DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    const expiresAt = Date.parse(response.json<{ expiresAt: string }>().expiresAt);
    expect(Math.abs(expiresAt - (Date.now() + 3_600_000))).toBeLessThan(60_000);
    const cookie = response.cookies.find((c) => c.name === 'sid');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true });
    expect(Math.abs((cookie?.expires?.getTime() ?? 0) - expiresAt)).toBeLessThan(1_000);
  });

  describe('changes made with the session cookie', () => {
    let cookie = '';
    let officer: ApiClient;
    let accountId = '';
    beforeAll(async () => {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'h01.canbo', password: DEMO_PASSWORD },
      });
      cookie = login.cookies.find((c) => c.name === 'sid')?.value ?? '';
      accountId = login.json<{ officer: { accountId: string } }>().officer.accountId;
      officer = await as(app, 'h01.canbo');
    });

    const training = (course: string) => ({
      year: 2026,
      course,
      heldOn: '2026-03-10',
      accountIds: [accountId],
    });
    const recorded = async (course: string): Promise<number> =>
      (await env.db.selectFrom('officer_trainings').select('course').where('course', '=', course).execute())
        .length;
    const post = (course: string, headers: Record<string, string>, withCookie = true) =>
      app.inject({
        method: 'POST',
        url: '/api/trainings',
        headers: { host: HOST, ...headers },
        ...(withCookie ? { cookies: { sid: cookie } } : {}),
        payload: training(course),
      });

    it('refuses them from another origin, another port of the same host included, and changes nothing', async () => {
      for (const [course, headers] of [
        ['Tập huấn A', { origin: 'http://127.0.0.1:9999' }],
        ['Tập huấn B', { origin: 'https://thidua.evil.example' }],
        ['Tập huấn C', { referer: 'http://127.0.0.1:9999/trang.html' }],
        ['Tập huấn D', { origin: 'null' }],
      ] as const) {
        const response = await post(course, headers);
        expect(response.statusCode).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json<Problem>().type).toMatch(/cross-origin-request$/);
        expect(await recorded(course)).toBe(0);
      }
      // Logging out is a change too: the session stays.
      const logout = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { host: HOST, origin: 'http://127.0.0.1:9999' },
        cookies: { sid: cookie },
      });
      expect(logout.statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/me', cookies: { sid: cookie } })).statusCode).toBe(
        200,
      );
    });

    it('lets through the same origin, a proxy’s https, Bearer tokens, and requests without the cookie', async () => {
      expect((await post('Tập huấn E', { origin: `http://${HOST}` })).statusCode).toBe(201);
      expect((await post('Tập huấn F', { referer: `http://${HOST}/#/trainings` })).statusCode).toBe(201);
      expect(
        (await post('Tập huấn G', { origin: `https://${HOST}`, 'x-forwarded-proto': 'https' })).statusCode,
      ).toBe(201);
      // Behind a TLS proxy, the page's plain-http origin is not its own.
      expect(
        (await post('Tập huấn H', { origin: `http://${HOST}`, 'x-forwarded-proto': 'https' })).statusCode,
      ).toBe(403);
      const bearer = await officer.request({
        method: 'POST',
        url: '/api/trainings',
        headers: { host: HOST, origin: 'http://127.0.0.1:9999' },
        cookies: { sid: cookie },
        payload: training('Tập huấn I'),
      });
      expect(bearer.statusCode).toBe(201);
      // No cookie: nothing to forge, and the request is simply not logged in.
      expect((await post('Tập huấn J', { origin: 'http://127.0.0.1:9999' }, false)).statusCode).toBe(401);
      expect(await recorded('Tập huấn E')).toBe(1);
    });

    it('lets through the origins of ALLOWED_ORIGINS', async () => {
      const behindProxy = await replica(
        securitySettings(loadConfig({ ALLOWED_ORIGINS: 'https://thidua.congdoan.example' })),
      );
      const response = await behindProxy.inject({
        method: 'POST',
        url: '/api/trainings',
        headers: { host: 'api-1.internal:3000', origin: 'https://thidua.congdoan.example' },
        cookies: { sid: cookie },
        payload: training('Tập huấn K'),
      });
      expect(response.statusCode).toBe(201);
    });
  });

  describe('security headers', () => {
    const get = (url: string): Promise<LightMyRequestResponse> => app.inject({ method: 'GET', url });

    it('on the web page, the API, its problems and its documentation: nosniff, and no framing', async () => {
      for (const [url, status] of [
        ['/', 200],
        ['/app.js', 200],
        ['/api/health', 200],
        ['/xac-minh/00000-00000', 200],
        ['/api/public/verifications/00000-00000', 404],
        ['/api/nope', 404],
        ['/api/nominations', 401],
        ['/api/docs', 200],
        ['/api/docs/static/swagger-ui.css', 200],
      ] as const) {
        const response = await get(url);
        expect({ url, status: response.statusCode }).toEqual({ url, status });
        expect({ url, nosniff: response.headers['x-content-type-options'] }).toEqual({
          url,
          nosniff: 'nosniff',
        });
        const csp = String(response.headers['content-security-policy']);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("default-src 'self'");
        expect(csp).not.toContain('unsafe-eval');
        expect(response.headers['x-frame-options']).toBe('DENY');
      }
      expect((await get('/api/nope')).headers['content-type']).toMatch(/^application\/problem\+json/);
      // The page loads its scripts as files from here: nothing inline that the policy would have to allow.
      for (const url of ['/', '/xac-minh/00000-00000']) {
        const page = (await get(url)).body;
        expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(page).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
      }
    });
  });

  describe('uploads', () => {
    let base: ApiClient;
    let nominationId = '';
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const html = Buffer.from(
      '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
    );
    // The first bytes of a 64-bit Linux executable.
    const elf = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
      Buffer.alloc(56, 0),
    ]);
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0)]);
    let pdf: Buffer = Buffer.alloc(0);
    let xlsx: Buffer = Buffer.alloc(0);

    beforeAll(async () => {
      base = await as(app, 'cs.h01.canbo');
      const [memberId] = await eligibleForDiploma(env.db, { limit: 1 });
      const created = await base.post('/api/nominations', {
        nominee: { memberId },
        awardFormCode: 'BK-LDLD-TINH',
        year: 2026,
        dossier: fullDossier,
      });
      expect(created.statusCode).toBe(201);
      nominationId = created.json<NominationDetail>().id;

      pdf = await new Promise<Buffer>((resolve, reject) => {
        const doc = new PDFDocument({ size: 'A4' });
        const chunks: Buffer[] = [];
        doc.on('data', (chunk: Buffer) => chunks.push(chunk));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
        doc.text('Biên bản họp Hội đồng thi đua');
        doc.end();
      });
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Đề nghị').addRow(['STT', 'Mã đoàn viên']);
      xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    });

    const attach = (filename: string, type: string, content: Buffer): Promise<LightMyRequestResponse> =>
      base.request({
        method: 'POST',
        url: `/api/nominations/${nominationId}/attachments`,
        ...multipartFile({ filename, type, content }, { kind: 'minutes' }),
      });

    it('keeps dossier files that are what they declare', async () => {
      expect((await attach('bien-ban.pdf', 'application/pdf', pdf)).statusCode).toBe(201);
      expect((await attach('danh-sach.xlsx', XLSX, xlsx)).statusCode).toBe(201);
    });

    it('refuses dossier files whose content is another type, naming both', async () => {
      for (const [filename, declared, content, detected] of [
        ['bien-ban.pdf', 'application/pdf', html, 'text/html'],
        ['to-trinh.docx', DOCX, elf, 'application/x-elf'],
        ['to-trinh.docx', DOCX, pe, 'application/x-msdownload'],
        ['to-trinh.docx', DOCX, xlsx, XLSX],
        ['anh.png', 'image/png', pdf, 'application/pdf'],
      ] as const) {
        const response = await attach(filename, declared, content);
        expect({ filename, status: response.statusCode }).toEqual({ filename, status: 415 });
        const problem = response.json<Problem>();
        expect(problem).toMatchObject({
          type: expect.stringMatching(/file-content-mismatch$/),
          declaredType: declared,
          detectedType: detected,
        });
        expect(problem.detail).toContain(declared);
        expect(problem.detail).toContain(detected);
      }
      const kept = await env.db
        .selectFrom('attachments')
        .select('content_type')
        .where('nomination_id', '=', nominationId)
        .execute();
      expect(kept.map((k) => k.content_type).sort()).toEqual(['application/pdf', XLSX]);
    });

    it('reads an import only from a real workbook declared as one', async () => {
      // The district officer's import of a movement's nominations; the file is looked at before the movement.
      const district = await as(app, 'h01.canbo');
      const importFile = (type: string, content: Buffer) =>
        district.request({
          method: 'POST',
          url: '/api/movements/00000000-0000-4000-8000-000000000000/nominations/import',
          ...multipartFile({ filename: 'de-nghi.xlsx', type, content }),
        });
      for (const [declared, content, detected] of [
        [XLSX, html, 'text/html'],
        [XLSX, elf, 'application/x-elf'],
        ['application/pdf', xlsx, XLSX],
      ] as const) {
        const response = await importFile(declared, content);
        expect(response.statusCode).toBe(422);
        expect(response.json<Problem>()).toMatchObject({
          code: 'InvalidImport',
          declaredType: declared,
          detectedType: detected,
        });
      }
      // A real workbook is read: this one is not the template.
      const read = (await importFile(XLSX, xlsx)).json<Problem>();
      expect(read.detectedType).toBeUndefined();
      expect(read.detail).toMatch(/must name the columns/);
    });
  });
});
