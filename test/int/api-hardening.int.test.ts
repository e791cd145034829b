import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app.js';
import { asProblem } from '../../api/domain-problems.js';
import { updateIdFor } from '../../api/idempotency.js';
import { ProblemError } from '../../api/problem.js';
import type { NominationDetail } from '../../services/nomination-view.js';
import { loadFixtureProvince } from '../support/province.js';
import { uuidFrom } from '../../services/ids.js';
import { createNomination } from '../../services/nominations.js';
import { as, login, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { accountIdOf, eligibleForDiploma, fullDossier, officer } from '../support/nominations.js';

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { pointer: string; detail: string }[];
  nominationStatus?: string;
}

// What a careless or hostile client sends, and what a client does after losing an answer: every refusal is a 4xx
// problem that names its reason, nothing is stored twice, and nothing waits forever.
describe('the API against hostile input, lost answers and ended nominations', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  let base: ApiClient;
  let district: ApiClient;
  let board: ApiClient;
  let members: string[] = [];
  let baseAccountId = '';

  beforeAll(async () => {
    env = await createTestEnvironment('hardening');
    await loadFixtureProvince(env.db);
    members = await eligibleForDiploma(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
    base = await as(app, 'cs.h01.canbo');
    district = await as(app, 'h01.canbo');
    board = await as(app, 'tinh.btv');
    baseAccountId = await accountIdOf(env.db, 'cs.h01.canbo');
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  let next = 0;
  const body = (dossier: Record<string, unknown> = {}): Record<string, unknown> => ({
    nominee: { memberId: members[next++] },
    awardFormCode: 'BK-LDLD-TINH',
    year: 2026,
    dossier: { ...fullDossier, ...dossier },
  });
  const create = async (): Promise<NominationDetail> => {
    const response = await base.post('/api/nominations', body());
    expect(response.statusCode).toBe(201);
    return response.json<NominationDetail>();
  };
  const count = async (): Promise<number> =>
    Number(
      (
        await env.db
          .selectFrom('nominations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('text that cannot be stored', () => {
    it.each([
      ['a NUL character', 'Hoàn thành xuất sắc\u0000 nhiệm vụ'],
      ['a lone surrogate', 'Hoàn thành xuất sắc \ud800 nhiệm vụ'],
      ['a bell character', 'Hoàn thành\u0007'],
    ])(
      'refuses %s in a dossier with 422 naming the field, and creates nothing',
      async (_what, achievement) => {
        const before = await count();
        const response = await base.post('/api/nominations', body({ achievement }));
        expect(response.statusCode).toBe(422);
        const problem = response.json<Problem>();
        expect(problem.type).toMatch(/\/invalid-text$/);
        expect(problem.errors?.map((e) => e.pointer)).toEqual(['/body/dossier/achievement']);
        expect(await count()).toBe(before);
      },
    );

    it('keeps newlines and tabs, and Vietnamese text of every plane', async () => {
      const response = await base.post(
        '/api/nominations',
        body({ achievement: 'Dòng một\nDòng hai\tcó tab, chữ Hán 𠀋 và Việt: Nguyễn Thị Hường' }),
      );
      expect(response.statusCode).toBe(201);
    });

    it('refuses a lone surrogate in an action’s comment and in a query, naming where', async () => {
      const { id } = await create();
      const comment = await base.post(`/api/nominations/${id}/withdraw`, { comment: 'lý do \udc00' });
      expect(comment.statusCode).toBe(422);
      expect(comment.json<Problem>().errors?.[0]?.pointer).toBe('/body/comment');
      const query = await base.get(`/api/nominations?q=${encodeURIComponent('Nguyễn\u0000')}`);
      expect(query.statusCode).toBe(422);
      expect(query.json<Problem>().errors?.[0]?.pointer).toBe('/query/q');
      expect((await base.get(`/api/nominations/${id}`)).json<NominationDetail>().status).toBe('draft');
    });

    it('fails a value the database refuses at once, instead of retrying it forever', async () => {
      // Past the API's guard (a service call), a NUL reaches the event store: the append fails as a data error, not
      // retried, and the creation is refused instead of hanging.
      const attempt = createNomination(env.deps, {
        actor: await officer(env.db, 'cs.h01.canbo'),
        nominee: { memberId: members[next++] ?? '' },
        awardFormCode: 'BK-LDLD-TINH',
        year: 2026,
        dossier: { ...fullDossier, achievement: 'Hoàn thành\u0000' },
      });
      const outcome = await Promise.race([
        attempt.then(
          () => 'created',
          (err: unknown) => {
            const problem = asProblem(err);
            return problem instanceof ProblemError ? `${problem.status} ${problem.slug}` : String(err);
          },
        ),
        new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 60 s'), 60_000)),
      ]);
      expect(outcome).toBe('422 invalid-data');
    });
  });

  describe('ended nominations', () => {
    it('answers 409 naming the state for any action on a withdrawn nomination', async () => {
      const { id } = await create();
      expect(
        (await base.post(`/api/nominations/${id}/withdraw`, { comment: 'Chuyển công tác' })).statusCode,
      ).toBe(200);
      for (const action of ['submit', 'withdraw']) {
        const response = await base.post(`/api/nominations/${id}/${action}`, { comment: 'lại' });
        expect({ action, status: response.statusCode }).toEqual({ action, status: 409 });
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = response.json<Problem>();
        expect(problem.type).toMatch(/\/nomination-closed$/);
        expect(problem.nominationStatus).toBe('withdrawn');
      }
    });

    it('answers 409 for approving a rejected nomination and for revoking twice', async () => {
      const rejected = await create();
      expect((await base.post(`/api/nominations/${rejected.id}/submit`)).statusCode).toBe(200);
      expect(
        (await district.post(`/api/nominations/${rejected.id}/reject`, { comment: 'Chưa đủ thành tích' }))
          .statusCode,
      ).toBe(200);
      const approve = await board.post(`/api/nominations/${rejected.id}/approve`);
      expect(approve.statusCode).toBe(409);
      expect(approve.json<Problem>().nominationStatus).toBe('rejected');

      const approved = await create();
      expect((await base.post(`/api/nominations/${approved.id}/submit`)).statusCode).toBe(200);
      expect((await district.post(`/api/nominations/${approved.id}/endorse`)).statusCode).toBe(200);
      expect((await board.post(`/api/nominations/${approved.id}/approve`)).statusCode).toBe(200);
      const reason = { comment: 'Kê khai không trung thực' };
      expect((await board.post(`/api/nominations/${approved.id}/revoke`, reason)).statusCode).toBe(200);
      const again = await board.post(`/api/nominations/${approved.id}/revoke`, reason);
      expect(again.statusCode).toBe(409);
      expect(again.json<Problem>().nominationStatus).toBe('revoked');
    });
  });

  describe('a create whose answer was lost', () => {
    const keyedId = (key: string): string => `nom-${uuidFrom(updateIdFor(baseAccountId, key))}`;

    it('returns the same nomination when the workflow was started but the answer never came', async () => {
      const key = 'lost-answer-1';
      const request = body();
      // The first attempt got as far as starting the workflow and then failed before answering (the API killed, or a
      // 5xx that freed the key): the workflow exists under the key's id, and no answer is stored.
      await createNomination(env.deps, {
        actor: await officer(env.db, 'cs.h01.canbo'),
        ...(request as Omit<Parameters<typeof createNomination>[1], 'actor'>),
        nominationId: keyedId(key),
      });
      const before = await count();
      const retried = await base.post('/api/nominations', request, { 'idempotency-key': key });
      expect(retried.statusCode).toBe(201);
      expect(retried.json<NominationDetail>().id).toBe(keyedId(key));
      const again = await base.post('/api/nominations', request, { 'idempotency-key': key });
      expect(again.statusCode).toBe(201);
      expect(again.json<NominationDetail>().id).toBe(keyedId(key));
      expect(await count()).toBe(before);
    });

    it('takes over a claim whose request died, and finds a nomination that has ended since', async () => {
      const key = 'lost-answer-2';
      const request = body();
      const first = await base.post('/api/nominations', request, { 'idempotency-key': key });
      expect(first.statusCode).toBe(201);
      const { id } = first.json<NominationDetail>();
      expect((await base.post(`/api/nominations/${id}/withdraw`, { comment: 'Rút' })).statusCode).toBe(200);
      // As if the answer had never been stored: the claim is there, unanswered, from a request that died.
      await env.db
        .updateTable('idempotency_keys')
        .set({ status_code: null, response: null, created_at: new Date(Date.now() - 60_000) })
        .where('account_id', '=', baseAccountId)
        .where('key', '=', key)
        .execute();
      const before = await count();
      const retried = await base.post('/api/nominations', request, { 'idempotency-key': key });
      expect(retried.statusCode).toBe(201);
      expect(retried.json<NominationDetail>()).toMatchObject({ id, status: 'withdrawn' });
      expect(await count()).toBe(before);
    });
  });

  describe('an action whose answer was lost', () => {
    it('answers the repeat of a withdrawal with the withdrawn nomination, not a refusal', async () => {
      const { id } = await create();
      const key = `withdraw-${id}`;
      const first = await base.post(
        `/api/nominations/${id}/withdraw`,
        { comment: 'Rút' },
        { 'idempotency-key': key },
      );
      expect(first.statusCode).toBe(200);
      // As if the API had died after the workflow applied it and before the answer was stored.
      await env.db
        .updateTable('idempotency_keys')
        .set({ status_code: null, response: null, created_at: new Date(Date.now() - 60_000) })
        .where('account_id', '=', baseAccountId)
        .where('key', '=', key)
        .execute();
      const repeated = await base.post(
        `/api/nominations/${id}/withdraw`,
        { comment: 'Rút' },
        { 'idempotency-key': key },
      );
      expect(repeated.statusCode).toBe(200);
      expect(repeated.json<NominationDetail>().status).toBe('withdrawn');
      // Another request (another key) is refused as it should be.
      const other = await base.post(
        `/api/nominations/${id}/withdraw`,
        { comment: 'Rút' },
        { 'idempotency-key': `${key}-2` },
      );
      expect(other.statusCode).toBe(409);
    });
  });

  describe('logs', () => {
    it('keep the path of a request, never its query, where searches carry names', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      const logged = await buildApp(env.deps, { logger: { level: 'info', stream } });
      try {
        const token = await login(logged, 'cs.h01.canbo');
        const response = await logged.inject({
          method: 'GET',
          url: `/api/nominations?q=${encodeURIComponent('Nguyễn Thị Hường')}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.statusCode).toBe(200);
      } finally {
        await logged.close();
      }
      const text = lines.join('');
      expect(text).toContain('"path":"/api/nominations"');
      expect(text).not.toMatch(/Nguy|H%C6%B0%E1%BB%9Dng|q=/);
    });
  });

  describe('malformed multipart bodies', () => {
    it('answers 400 for multipart/form-data without a boundary on attachments and on the movement import', async () => {
      const { id } = await create();
      for (const url of [`/api/nominations/${id}/attachments`, '/api/movements/none/nominations/import']) {
        const response = await base.request({
          method: 'POST',
          url,
          headers: { 'content-type': 'multipart/form-data' },
          payload: 'no boundary here',
        });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  });
});
