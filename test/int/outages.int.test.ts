import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import type { LightMyRequestResponse } from 'fastify';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { sql, type Kysely } from 'kysely';
import { buildApp, type App } from '../../api/app.js';
import type { NominationDetail } from '../../services/nomination-view.js';
import { createDb } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { interactiveConnectionOptions } from '../../infra/temporal-connection.js';
import { loadFixtureProvince } from '../support/province.js';
import { createNominationWorker } from '../../workers/nomination-worker.js';
import { superviseWorker } from '../../workers/supervise.js';
import { as, type ApiClient } from '../support/api.js';
import { createTestEnvironment, testDataConverter, type TestEnvironment } from '../support/harness.js';
import { eligibleForDiploma, fullDossier } from '../support/nominations.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

// The API in front of a PostgreSQL and a Temporal that go away: through a relay that the test cuts, the API's own
// connections see what a crashed server looks like (reset sockets, refused connections), while the servers themselves
// keep running for the rest of the run.
describe('the API through outages of PostgreSQL and Temporal', () => {
  let env: TestEnvironment;
  let pgProxy: TcpProxy;
  let temporalProxy: TcpProxy;
  let appDb: Kysely<Database>;
  let temporal: Client;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  let base: ApiClient;
  let members: string[] = [];
  const connectionErrors: Error[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment('outages');
    await loadFixtureProvince(env.db);
    members = await eligibleForDiploma(env.db);
    const pgUrl = new URL(env.databaseUrl);
    pgProxy = await startTcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port) });
    pgUrl.port = String(pgProxy.port);
    appDb = createDb(pgUrl.toString(), { onConnectionError: (err) => connectionErrors.push(err) });
    const [temporalHost, temporalPort] = env.temporalAddress.split(':');
    temporalProxy = await startTcpProxy({ host: temporalHost ?? '127.0.0.1', port: Number(temporalPort) });
    temporal = new Client({
      connection: Connection.lazy(interactiveConnectionOptions(temporalProxy.address)),
      dataConverter: testDataConverter,
    });
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp({ ...env.deps, db: appDb, temporal });
    base = await as(app, 'cs.h01.canbo');
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await temporal.connection.close();
    await appDb.destroy();
    await pgProxy.close();
    await temporalProxy.close();
    await env.teardown();
  });

  let next = 0;
  const createBody = (): unknown => ({
    nominee: { memberId: members[next++] },
    awardFormCode: 'BK-LDLD-TINH',
    year: 2026,
    dossier: fullDossier,
  });

  /** The answer and how long it took. */
  const timed = async <T>(call: () => Promise<T>): Promise<{ answer: T; ms: number }> => {
    const started = performance.now();
    const answer = await call();
    return { answer, ms: performance.now() - started };
  };

  it('survives PostgreSQL ending the session of a client that is checked out (57P01), and says so', async () => {
    // Inside a transaction the client is out of the pool, where pg's idle-client handler does not reach it; its server
    // ending the session then emits 'error' on the client, which used to end the whole process.
    const outcome = appDb.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      await sql`select pg_terminate_backend(${rows[0]?.pid ?? 0})`.execute(env.db);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql`select 1`.execute(trx);
    });
    await expect(outcome).rejects.toThrow();
    expect(connectionErrors.map((e) => (e as { code?: string }).code)).toContain('57P01');
    // The pool replaced the dead client: the next request works.
    expect((await base.get('/api/nominations')).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After within 5 s while PostgreSQL is down, and recovers by itself', async () => {
    const created = await base.post('/api/nominations', createBody());
    expect(created.statusCode).toBe(201);
    const { id } = created.json<NominationDetail>();

    await pgProxy.cut();
    try {
      for (const [what, call] of [
        ['list', () => base.get('/api/nominations')],
        ['detail', () => base.get(`/api/nominations/${id}`)],
        ['submit', () => base.post(`/api/nominations/${id}/submit`)],
        [
          'login',
          () =>
            app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'h01.canbo', password: 'demo-2026' },
            }),
        ],
      ] as const) {
        const { answer, ms } = await timed(call);
        expect({ what, status: answer.statusCode }).toEqual({ what, status: 503 });
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(answer.json<{ type: string }>().type).toMatch(/\/postgres-unavailable$/);
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
        expect(ms).toBeLessThan(5_000);
      }
    } finally {
      await pgProxy.restore();
    }
    // Nobody restarts anything: the same app answers again once the database is back.
    expect((await base.get(`/api/nominations/${id}`)).statusCode).toBe(200);
    expect((await base.post(`/api/nominations/${id}/submit`)).statusCode).toBe(200);
  });

  it('answers 503 within 5 s while Temporal is down, keeps serving what needs only PostgreSQL, and recovers', async () => {
    const created = await base.post('/api/nominations', createBody());
    expect(created.statusCode).toBe(201);
    const { id } = created.json<NominationDetail>();

    await temporalProxy.cut();
    try {
      for (const [what, call] of [
        ['create', () => base.post('/api/nominations', createBody())],
        ['submit', () => base.post(`/api/nominations/${id}/submit`)],
      ] as const) {
        const { answer, ms } = await timed(call);
        expect({ what, status: answer.statusCode }).toEqual({ what, status: 503 });
        expect(answer.json<{ type: string }>().type).toMatch(/\/temporal-unavailable$/);
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
        expect(ms).toBeLessThan(5_000);
      }
      // Reads come from PostgreSQL's read models and do not need Temporal.
      expect((await base.get('/api/nominations')).statusCode).toBe(200);
      expect((await base.get(`/api/nominations/${id}`)).statusCode).toBe(200);
    } finally {
      await temporalProxy.restore();
    }
    // Nobody restarts anything. The API's connection may still be waiting to reconnect when the server comes back;
    // a client that waits the Retry-After it was given, once, is served.
    const afterRetryAfter = async (call: () => Promise<LightMyRequestResponse>): Promise<number> => {
      const first = await call();
      if (first.statusCode !== 503) return first.statusCode;
      await new Promise((resolve) => setTimeout(resolve, Number(first.headers['retry-after']) * 1_000));
      return (await call()).statusCode;
    };
    expect(await afterRetryAfter(() => base.post(`/api/nominations/${id}/submit`))).toBe(200);
    expect(await afterRetryAfter(() => base.post('/api/nominations', createBody()))).toBe(201);
  });

  it('answers 503 within 5 s when no worker takes the action, instead of waiting for one', async () => {
    const created = await base.post('/api/nominations', createBody());
    expect(created.statusCode).toBe(201);
    const { id } = created.json<NominationDetail>();
    worker.shutdown();
    await running;
    try {
      const { answer, ms } = await timed(() =>
        base.post(`/api/nominations/${id}/submit`, undefined, { 'idempotency-key': `submit-${id}` }),
      );
      expect(answer.statusCode).toBe(503);
      expect(ms).toBeLessThan(5_500);
    } finally {
      worker = await env.createWorker();
      running = worker.run();
    }
    // The same request, retried with its key as a client does (after Retry-After) until a worker is back and has
    // taken over the workflow from the one that left, is applied once.
    let retried = await base.post(`/api/nominations/${id}/submit`, undefined, {
      'idempotency-key': `submit-${id}`,
    });
    for (let attempt = 0; retried.statusCode === 503 && attempt < 6; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      retried = await base.post(`/api/nominations/${id}/submit`, undefined, {
        'idempotency-key': `submit-${id}`,
      });
    }
    expect(retried.statusCode).toBe(200);
    const detail = retried.json<NominationDetail>();
    expect(detail.events.filter((e) => e.type === 'NominationSubmitted')).toHaveLength(1);
  });

  it('starts the worker again by itself when Temporal is not there at first', async () => {
    let refused = 0;
    const log: string[] = [];
    const supervised = superviseWorker(
      {
        async connect() {
          // The first two starts find no server, as after a host reboot where the worker comes up first.
          if (refused < 2) {
            refused++;
            return NativeConnection.connect({ address: '127.0.0.1:1' });
          }
          return NativeConnection.connect({ address: env.temporalAddress });
        },
        create: (connection) =>
          createNominationWorker({
            connection,
            namespace: 'default',
            taskQueue: env.taskQueue,
            db: env.db,
            dataConverter: testDataConverter,
            workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE ?? '' },
          }),
      },
      { info: (m) => log.push(m), error: (_err, m) => log.push(m) },
    );
    try {
      // Take the file's own worker away so that only the supervised one can serve the nomination.
      worker.shutdown();
      await running;
      for (let waited = 0; supervised.current()?.getState() !== 'RUNNING' && waited < 30_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const created = await base.post('/api/nominations', createBody());
      expect(created.statusCode).toBe(201);
      expect(refused).toBe(2);
      expect(log.filter((m) => m.startsWith('worker failed'))).toHaveLength(2);
    } finally {
      await supervised.stop();
      worker = await env.createWorker();
      running = worker.run();
    }
  });
});
