import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app.js';
import type { NominationDetail } from '../../services/nomination-view.js';
import { loadFixtureProvince } from '../support/province.js';
import { awardYear, holdingUnit } from '../../workflows/search-attributes.js';
import { as, login, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { fullDossier, eligibleForDiploma } from '../support/nominations.js';

// The officers' API on the real servers: log in, create, read, act with If-Match, list and page.
describe('the officers’ API for nominations', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  let base: ApiClient;
  let district: ApiClient;
  let otherDistrict: ApiClient;
  let province: ApiClient;
  let members: string[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment('apinom');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
    base = await as(app, 'cs.h01.canbo');
    district = await as(app, 'h01.canbo');
    otherDistrict = await as(app, 'h02.canbo');
    province = await as(app, 'tinh.canbo');
    members = await eligibleForDiploma(env.db);
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  let next = 0;
  const create = async (): Promise<NominationDetail> => {
    const memberId = members[next++];
    const response = await base.post('/api/nominations', {
      nominee: { memberId },
      awardFormCode: 'BK-LDLD-TINH',
      year: 2026,
      dossier: fullDossier,
    });
    expect(response.statusCode).toBe(201);
    return response.json<NominationDetail>();
  };

  it('refuses everything but login without a session, as a problem document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nominations' });
    expect(response.statusCode).toBe(401);
    expect(response.json<{ type: string }>().type).toMatch(/unauthenticated$/);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'cs.h01.canbo', password: 'sai' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ type: string }>().type).toMatch(/invalid-credentials$/);
  });

  it('logs in with a cookie for the web page, tells who is logged in, and logs out', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'h01.canbo', password: 'demo-2026' },
    });
    const cookie = response.cookies.find((c) => c.name === 'sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await app.inject({ method: 'GET', url: '/api/me', cookies: { sid: cookie?.value ?? '' } });
    expect(me.json()).toMatchObject({
      username: 'h01.canbo',
      role: 'district_officer',
      unitId: 'AL-H01',
      unitLevel: 'district',
    });
    await app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { sid: cookie?.value ?? '' } });
    expect(
      (await app.inject({ method: 'GET', url: '/api/me', cookies: { sid: cookie?.value ?? '' } })).statusCode,
    ).toBe(401);
  });

  it('creates a nomination for the officer’s unit through its workflow, with its chained creation event', async () => {
    const created = await create();
    expect(created).toMatchObject({
      status: 'draft',
      submittingUnitId: 'CS0001',
      holdingUnitId: 'CS0001',
      version: 1,
    });
    expect(created.route.map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01', 'AL']);
    expect(created.events[0]).toMatchObject({
      position: 1,
      type: 'NominationCreated',
      actor: { id: 'cs.h01.canbo' },
      prevHash: '0'.repeat(64),
    });
    const description = await env.client.workflow.getHandle(created.id).describe();
    expect(description.typedSearchAttributes.get(holdingUnit)).toBe('CS0001');
    expect(description.typedSearchAttributes.get(awardYear)).toBe(2026);
  });

  it('takes a nomination from draft to the province with If-Match, and refuses a stale version with 412', async () => {
    const created = await create();
    const submitted = await base.post(
      `/api/nominations/${created.id}/submit`,
      {},
      { 'if-match': `"${created.version}"` },
    );
    expect(submitted.statusCode).toBe(200);
    expect(submitted.headers.etag).toBe('"2"');
    const stale = await district.post(`/api/nominations/${created.id}/endorse`, {}, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json<{ type: string }>().type).toMatch(/stale-version$/);
    const endorsed = await district.post(
      `/api/nominations/${created.id}/endorse`,
      { comment: 'Đồng ý' },
      { 'if-match': '"2"' },
    );
    expect(endorsed.json()).toMatchObject({
      status: 'inReview',
      holdingUnitId: 'AL',
      stage: 'review:province',
      version: 3,
    });
    const read = await province.get(`/api/nominations/${created.id}`);
    expect(read.headers.etag).toBe('"3"');
    expect(read.json<NominationDetail>().events.map((e) => e.type)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationEndorsed',
    ]);
  });

  it('answers each refusal with the status an officer can act on', async () => {
    const created = await create();
    await base.post(`/api/nominations/${created.id}/submit`);
    const noComment = await district.post(`/api/nominations/${created.id}/return`, { comment: '' });
    expect(noComment.statusCode).toBe(422);
    expect(noComment.json()).toMatchObject({
      code: 'CommentRequired',
      detail: 'Cannot return a nomination without a comment saying why',
    });
    const wrongRole = await province.post(`/api/nominations/${created.id}/approve`);
    expect(wrongRole.statusCode).toBe(403);
    const wrongStage = await base.post(`/api/nominations/${created.id}/submit`);
    expect(wrongStage.statusCode).toBe(409);
    const noForm = await district.post(`/api/nominations/${created.id}/downgrade`, { comment: 'x' });
    expect(noForm.statusCode).toBe(422);
    const unknownAction = await district.post(`/api/nominations/${created.id}/publish`);
    expect(unknownAction.statusCode).toBe(400);
  });

  it('hides a nomination from an officer of another district: 404, not 403', async () => {
    const created = await create();
    expect((await otherDistrict.get(`/api/nominations/${created.id}`)).statusCode).toBe(404);
    expect((await otherDistrict.post(`/api/nominations/${created.id}/endorse`)).statusCode).toBe(404);
    const list = await otherDistrict.get('/api/nominations?limit=200');
    expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(created.id);
  });

  it('lists with filters and pages with a cursor, newest change first', async () => {
    const ids = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await district.get(
        `/api/nominations?limit=2${cursor !== null ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      const body = page.json<{ items: { id: string; updatedAt: string }[]; nextCursor: string | null }>();
      for (const item of body.items) ids.add(item.id);
      cursor = body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 50);
    const total = await env.db
      .selectFrom('nominations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(ids.size).toBe(Number(total.n));
    const drafts = await district.get('/api/nominations?status=draft&year=2026&awardFormCode=BK-LDLD-TINH');
    for (const item of drafts.json<{ items: { status: string }[] }>().items)
      expect(item.status).toBe('draft');
    const member = await env.db
      .selectFrom('members')
      .select('full_name')
      .where('id', '=', members[0] ?? '')
      .executeTakeFirstOrThrow();
    const byName = await district.get(`/api/nominations?q=${encodeURIComponent(member.full_name)}`);
    expect(
      byName
        .json<{ items: { nomineeName: string }[] }>()
        .items.every((i) => i.nomineeName.includes(member.full_name)),
    ).toBe(true);
    expect((await district.get('/api/nominations?cursor=không-phải')).statusCode).toBe(400);
  });

  it('keeps dossier files with size and type limits', async () => {
    const created = await create();
    const boundary = 'x-boundary';
    const multipart = (filename: string, type: string, content: Buffer): Buffer =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nminutes\r\n`),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const upload = (body: Buffer) =>
      base.request({
        method: 'POST',
        url: `/api/nominations/${created.id}/attachments`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
    const pdf = Buffer.from('%PDF-1.4 biên bản họp hội đồng');
    const ok = await upload(multipart('bien-ban.pdf', 'application/pdf', pdf));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'minutes', filename: 'bien-ban.pdf', sizeBytes: pdf.length });
    expect(
      (await upload(multipart('virus.exe', 'application/x-msdownload', Buffer.from('MZ')))).statusCode,
    ).toBe(415);
    expect(
      (await upload(multipart('big.pdf', 'application/pdf', Buffer.alloc(11 * 1024 * 1024, 1)))).statusCode,
    ).toBe(413);
    const list = await district.get(`/api/nominations/${created.id}/attachments`);
    const items = list.json<{ items: { id: string }[] }>().items;
    expect(items).toHaveLength(1);
    const download = await district.get(`/api/nominations/${created.id}/attachments/${items[0]?.id ?? ''}`);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await otherDistrict.get(`/api/nominations/${created.id}/attachments`)).statusCode).toBe(404);
  });

  it('serves every listed path in its OpenAPI document', async () => {
    const token = await login(app, 'admin');
    expect(token.length).toBeGreaterThan(20);
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/logout',
        '/api/me',
        '/api/units',
        '/api/award-forms',
        '/api/nominations',
        '/api/nominations/{id}',
        '/api/nominations/{id}/{action}',
        '/api/inbox',
        '/api/bulk/{action}',
        '/api/quotas',
        '/api/nominations/{id}/attachments',
      ]),
    );
  });
});
