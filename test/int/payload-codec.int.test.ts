import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import proto from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import { projectRoot } from '../../infra/config.js';
import {
  EncryptionCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  type PayloadKey,
} from '../../infra/payload-codec.js';
import { loadFixtureProvince } from '../support/province.js';
import type { Actor } from '../../domain/nomination/events.js';
import { stateQuery } from '../../workflows/nomination.js';
import { createTestEnvironment, testDataConverter, type TestEnvironment } from '../support/harness.js';
import { eligibleForDiploma, fullDossier, nominate, officer, step } from '../support/nominations.js';

const run = promisify(execFile);
const HistoryMessage = proto.temporal.api.history.v1.History;
type History = proto.temporal.api.history.v1.IHistory;

/** Runs one of the project's commands as its user would, with the given environment on top of the test's. */
async function command(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: (e.stdout ?? '') + (e.stderr ?? '') };
  }
}

const converter = (...keys: PayloadKey[]): DataConverter => ({ payloadCodecs: [new EncryptionCodec(keys)] });
const envKeys = (...keys: PayloadKey[]): string =>
  keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');

/** Every payload of a history: arguments, results, update inputs and outcomes, query-free. */
function keyIdsOf(history: History): Set<string> {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (value instanceof Uint8Array) return;
    const metadata = (value as { metadata?: Record<string, Uint8Array> }).metadata;
    const encoding = metadata?.encoding;
    if (encoding instanceof Uint8Array && new TextDecoder().decode(encoding) === ENCRYPTED_ENCODING) {
      ids.add(new TextDecoder().decode(metadata?.[KEY_ID_METADATA]));
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(history);
  return ids;
}

// Nominees' personal data in Temporal: only ciphertext on the server, read back by the project's own clients and
// workers, across a key rotation, and by the replay tools.
describe('encrypted Temporal payloads', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let base: Actor;
  let rawClient: Client;
  let members: string[] = [];
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'codec-'));

  beforeAll(async () => {
    env = await createTestEnvironment('codec');
    await loadFixtureProvince(env.db);
    base = await officer(env.db, 'cs.h01.canbo');
    members = await eligibleForDiploma(env.db, { limit: 2 });
    // What anyone with access to the Temporal server sees: no codec.
    rawClient = new Client({ connection: env.client.connection });
    worker = await env.createWorker();
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps the nominee’s name, member id and achievement out of the stored history', async () => {
    const [memberId = ''] = members;
    const member = await env.db
      .selectFrom('members')
      .select(['id', 'full_name'])
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    const achievement = 'Sáng kiến cải tiến dây chuyền đóng gói, làm lợi 1,7 tỷ đồng';
    const created = await nominate(env.deps, base, member.id, 'BK-LDLD-TINH', {
      ...fullDossier,
      achievement,
    });
    await step(env.deps, created.id, 'submit', { actor: base });

    const history = await rawClient.workflow.getHandle(created.id).fetchHistory();
    const bytes = Buffer.from(HistoryMessage.encode(history).finish());
    expect(bytes.length).toBeGreaterThan(1000);
    for (const secret of [member.full_name, member.id, achievement, 'Hoàn thành xuất sắc'])
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    expect(keyIdsOf(history)).toEqual(new Set(['dev']));

    // The same history through the codec does hold them: the assertion above is not vacuous.
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const [codec] = testDataConverter.payloadCodecs ?? [];
    const decoded = (await codec?.decode(started)) ?? [];
    expect(
      Buffer.concat(decoded.map((p) => Buffer.from(p.data ?? []))).includes(Buffer.from(member.id)),
    ).toBe(true);

    // The project's client reads the state as before; a client without the codec cannot.
    const state = await env.client.workflow.getHandle(created.id).query(stateQuery);
    expect(state.status).toBe('inReview');
    expect(state.status !== 'none' && state.nominee.name).toBe(member.full_name);
    expect(state.status !== 'none' && state.dossier.achievement).toBe(achievement);
    await expect(rawClient.workflow.getHandle(created.id).query(stateQuery)).rejects.toThrow(/encoding/i);
  });

  describe('after a key rotation', () => {
    const k1: PayloadKey = { id: 'k1', key: randomBytes(32) };
    const k2: PayloadKey = { id: 'k2', key: randomBytes(32) };
    let id = '';
    let historyFile = '';

    it('a history written under k1 is read, continued and queried with k2 current and k1 kept', async () => {
      const taskQueue = `${env.taskQueue}-rotation`;
      const memberId = members[1] ?? '';
      // Before the rotation: k1 only, for the worker and the client.
      const before = await env.createWorker({ taskQueue, dataConverter: converter(k1) });
      const beforeRunning = before.run();
      const k1Client = new Client({ connection: env.client.connection, dataConverter: converter(k1) });
      const created = await nominate(
        { ...env.deps, temporal: k1Client, taskQueue },
        base,
        memberId,
        'BK-LDLD-TINH',
      );
      id = created.id;
      before.shutdown();
      await beforeRunning;

      // After: k2 current, k1 kept for what was written before.
      const after = await env.createWorker({ taskQueue, dataConverter: converter(k2, k1) });
      const afterRunning = after.run();
      try {
        const rotated = new Client({ connection: env.client.connection, dataConverter: converter(k2, k1) });
        const deps = { ...env.deps, temporal: rotated, taskQueue };
        expect((await rotated.workflow.getHandle(id).query(stateQuery)).status).toBe('draft');
        const submitted = await step(deps, id, 'submit', { actor: base });
        expect(submitted.status).toBe('inReview');
        expect(submitted.nominee.memberId).toBe(memberId);
      } finally {
        after.shutdown();
        await afterRunning;
      }

      const history = await rawClient.workflow.getHandle(id).fetchHistory();
      expect(keyIdsOf(history)).toEqual(new Set(['k1', 'k2']));
      historyFile = path.join(scratch, `${id}.json`);
      writeFileSync(historyFile, historyToJSON(history));
    });

    it('the replay tools decode it with both keys (npm run replay, npm run audit -- replay)', async () => {
      const replay = await command('scripts/replay-histories.ts', [historyFile], {
        PAYLOAD_KEYS: envKeys(k2, k1),
      });
      expect(replay.output).toContain('1 passed, 0 failed');
      expect(replay.code).toBe(0);
      const audit = await command('scripts/audit.ts', ['replay', '--files', historyFile], {
        PAYLOAD_KEYS: envKeys(k2, k1),
      });
      expect(audit.output).toMatch(/^ĐẠT: /m);
      expect(audit.code).toBe(0);
    });

    it('a missing or wrong key fails with an error that names the key', async () => {
      const withoutK1 = await command('scripts/replay-histories.ts', [historyFile], {
        PAYLOAD_KEYS: envKeys(k2),
      });
      expect(withoutK1.output).toMatch(
        /FAIL {2}nom-[^\n]*encrypted with key \\?"k1\\?", which is not in PAYLOAD_KEYS/,
      );
      expect(withoutK1.code).toBe(1);

      const onlyK1 = new Client({ connection: env.client.connection, dataConverter: converter(k1) });
      // The query's answer is written by a worker of today's keys; this client has only the old one.
      const worker2 = await env.createWorker({
        taskQueue: `${env.taskQueue}-rotation`,
        dataConverter: converter(k2, k1),
      });
      const worker2Running = worker2.run();
      try {
        await expect(onlyK1.workflow.getHandle(id).query(stateQuery)).rejects.toThrow(
          /encrypted with key "k2", which is not in PAYLOAD_KEYS \(known: k1\)/,
        );
        const impostor = new Client({
          connection: env.client.connection,
          dataConverter: converter({ id: 'k2', key: randomBytes(32) }),
        });
        await expect(impostor.workflow.getHandle(id).query(stateQuery)).rejects.toThrow(
          /does not authenticate under key "k2"/,
        );
      } finally {
        worker2.shutdown();
        await worker2Running;
      }
    });

    it('outside development, the worker, the API and the replay tools refuse to start without keys', async () => {
      const production = {
        NODE_ENV: 'production',
        // The anchor key is there, so that what each refuses for is the payload keys.
        AUDIT_ANCHOR_KEY: 'an-anchor-key-of-this-test',
        PAYLOAD_KEYS: '',
        LOG_FORMAT: 'json',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        TEMPORAL_ADDRESS: '127.0.0.1:1',
      };
      for (const [script, args] of [
        ['workers/main.ts', []],
        ['api/main.ts', []],
        ['scripts/replay-histories.ts', [historyFile]],
        ['scripts/audit.ts', ['replay', '--files', historyFile]],
      ] as const) {
        const result = await command(script, [...args], production);
        expect(result.output).toContain('PAYLOAD_KEYS is not set');
        expect(result.code).toBe(2);
      }
    });
  });
});
