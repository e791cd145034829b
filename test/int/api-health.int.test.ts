import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import getPort from 'get-port';
import { buildApp, type App } from '../../api/app.js';
import { createDb } from '../../db/connect.js';
import { loadFixtureProvince } from '../support/province.js';
import { login } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

interface Health {
  status: string;
  postgres: { status: string; error?: string };
  temporal: { status: string; error?: string };
}

describe('GET /api/health, on the real servers', () => {
  let env: TestEnvironment;
  let app: App;
  beforeAll(async () => {
    env = await createTestEnvironment('health');
    app = await buildApp(env.deps);
  });
  afterAll(async () => {
    await app.close();
    await env.teardown();
  });

  it('answers 200 when PostgreSQL and Temporal are both up', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json<Health>()).toMatchObject({
      status: 'ok',
      postgres: { status: 'up' },
      temporal: { status: 'up' },
    });
  });

  it('answers 503 naming PostgreSQL when the database cannot be reached', async () => {
    const deadDb = createDb(`postgres://postgres:postgres@127.0.0.1:${await getPort()}/none`);
    const broken = await buildApp({ ...env.deps, db: deadDb });
    try {
      const response = await broken.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      const health = response.json<Health>();
      expect(health).toMatchObject({
        status: 'unavailable',
        postgres: { status: 'down' },
        temporal: { status: 'up' },
      });
      expect(health.postgres.error).toBeTruthy();
    } finally {
      await broken.close();
      await deadDb.destroy();
    }
  });

  it('answers 503 naming Temporal when its server cannot be reached', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await getPort()}`, connectTimeout: 1_000 });
    const deadTemporal = new Client({ connection });
    const broken = await buildApp({ ...env.deps, temporal: deadTemporal });
    try {
      const response = await broken.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json<Health>()).toMatchObject({
        status: 'unavailable',
        postgres: { status: 'up' },
        temporal: { status: 'down' },
      });
    } finally {
      await broken.close();
      await connection.close();
    }
  });
});

describe('what a client can send wrong gets a problem document, never a 5xx', () => {
  let env: TestEnvironment;
  let app: App;
  let inject: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  beforeAll(async () => {
    env = await createTestEnvironment('problems');
    await loadFixtureProvince(env.db);
    app = await buildApp(env.deps);
    const token = await login(app, 'cs.h01.canbo');
    inject = (options) =>
      app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...(options.headers ?? {}) } });
  });
  afterAll(async () => {
    await app.close();
    await env.teardown();
  });

  const cases: { name: string; status: number; type: RegExp; request: InjectOptions }[] = [
    {
      name: 'malformed JSON',
      status: 400,
      type: /malformed-body$/,
      request: {
        method: 'POST',
        url: '/api/nominations',
        headers: { 'content-type': 'application/json' },
        payload: '{"nomineeName": ',
      },
    },
    {
      name: 'a body over the size limit',
      status: 413,
      type: /body-too-large$/,
      request: {
        method: 'POST',
        url: '/api/nominations',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ nomineeName: 'x'.repeat(2 * 1024 * 1024) }),
      },
    },
    {
      name: 'an unsupported content type',
      status: 415,
      type: /unsupported-media-type$/,
      request: {
        method: 'POST',
        url: '/api/nominations',
        headers: { 'content-type': 'text/csv' },
        payload: 'a,b',
      },
    },
    {
      name: 'fields of the wrong type and unknown fields',
      status: 400,
      type: /validation$/,
      request: {
        method: 'POST',
        url: '/api/nominations',
        payload: { nomineeName: 42, year: 'năm nay', unknown: true },
      },
    },
    {
      name: 'a malformed id',
      status: 400,
      type: /validation$/,
      request: { method: 'GET', url: '/api/nominations/not-an-id' },
    },
    {
      name: 'a path that does not exist',
      status: 404,
      type: /not-found$/,
      request: { method: 'GET', url: '/api/khong-co' },
    },
  ];

  it.each(cases)('$name → $status', async ({ request, status, type }) => {
    const response = await inject(request);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<{ type: string; title: string; status: number; detail: string }>();
    expect(problem.type).toMatch(type);
    expect(problem.status).toBe(status);
    expect(problem.detail.length).toBeGreaterThan(0);
  });

  it('names each invalid field with a JSON pointer', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/nominations',
      payload: { nominee: 42, year: 'năm nay', unknown: true },
    });
    const problem = response.json<{ errors: { pointer: string }[] }>();
    expect(problem.errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining([
        '/body/nominee',
        '/body/year',
        '/body/unknown',
        '/body/awardFormCode',
        '/body/dossier',
      ]),
    );
  });

  it('serves its OpenAPI document, listing the routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/nominations', '/api/nominations/{id}']),
    );
    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });
});
