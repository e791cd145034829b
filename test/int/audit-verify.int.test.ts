import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import { verifyScope, type VerificationIssue } from '../../audit/verify.js';
import { loadFixtureProvince } from '../support/province.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { generateYear, type GeneratedYear } from '../support/year.js';

// Verification on a generated year of the demo province, then each kind of tampering, done straight in PostgreSQL as a
// superuser would (the append-only trigger switched off), each detected and named.
describe('verifying the award history', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let year: GeneratedYear;

  const tamper = async (statement: ReturnType<typeof sql>): Promise<void> => {
    await sql`alter table nomination_events disable trigger nomination_events_no_update_delete`.execute(
      env.db,
    );
    try {
      await statement.execute(env.db);
    } finally {
      await sql`alter table nomination_events enable trigger nomination_events_no_update_delete`.execute(
        env.db,
      );
    }
  };
  const issuesOf = async (nominationId: string): Promise<VerificationIssue[]> =>
    (await verifyScope(env.db)).issues.filter((i) => i.nominationId === nominationId);
  const pick = (path: string, index: number): string => {
    const id = year.byPath[path]?.[index];
    if (id === undefined) throw new Error(`no ${path} nomination #${index}`);
    return id;
  };

  beforeAll(async () => {
    env = await createTestEnvironment('verify');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    year = await generateYear(env.deps, env.db, 48);
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('a generated year of the province verifies clean, and a unit’s scope covers only its subtree', async () => {
    const report = await verifyScope(env.db);
    expect(report.issues).toEqual([]);
    expect(report.streams).toBe(48);
    expect(report.decisions).toBeGreaterThan(10);
    const district = await verifyScope(env.db, { unitId: 'AL-H01', year: 2026 });
    expect(district.issues).toEqual([]);
    expect(district.streams).toBeGreaterThan(0);
    expect(district.streams).toBeLessThan(48);
  });

  it('names an edited event: stream, position, and that its content no longer matches its hash', async () => {
    const id = pick('diploma', 0);
    await tamper(
      sql`update nomination_events set comment = 'Sửa lén ý kiến' where nomination_id = ${id} and position = 3`,
    );
    expect(await issuesOf(id)).toEqual([
      expect.objectContaining({ kind: 'hash-mismatch', nominationId: id, position: 3 }),
    ]);
  });

  it('names a deleted event from the middle of a stream', async () => {
    const id = pick('diploma', 1);
    await tamper(sql`delete from nomination_events where nomination_id = ${id} and position = 2`);
    const issues = await issuesOf(id);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'missing-position', position: 2 }),
        expect.objectContaining({ kind: 'broken-link', position: 3 }),
      ]),
    );
  });

  it('names an inserted event, even one whose hash was recomputed to fit', async () => {
    const id = pick('rejected', 0);
    // A forged event at the end, chained properly by someone who knows the hashing: only the anchor can tell.
    const last = await env.db
      .selectFrom('nomination_events')
      .selectAll()
      .where('nomination_id', '=', id)
      .orderBy('position', 'desc')
      .executeTakeFirstOrThrow();
    const { eventHash } = await import('../../db/event-hash.js');
    const forged = {
      type: 'NominationWithdrawn' as const,
      occurredAt: new Date().toISOString(),
      actor: { id: 'ke.gian', role: 'base_officer' as const, unitId: last.actor_unit_id },
      comment: null,
      data: { by: last.actor_unit_id },
    };
    const hash = eventHash(last.hash, { nominationId: id, position: last.position + 1, event: forged });
    await tamper(sql`insert into nomination_events (nomination_id, position, type, occurred_at, actor_id, actor_role, actor_unit_id, comment, data, prev_hash, hash)
      values (${id}, ${last.position + 1}, ${forged.type}, ${forged.occurredAt}, 'ke.gian', 'base_officer', ${last.actor_unit_id}, null, ${JSON.stringify(forged.data)}, ${last.hash}, ${hash})`);
    const issues = await issuesOf(id);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'unexpected-position', position: last.position + 1 }),
      ]),
    );
  });

  it('names reordered events', async () => {
    const id = pick('returned', 0);
    // Swap positions 3 and 4 (return and resubmission), through a free position.
    await tamper(
      sql`update nomination_events set position = 1000 where nomination_id = ${id} and position = 3`,
    );
    await tamper(sql`update nomination_events set position = 3 where nomination_id = ${id} and position = 4`);
    await tamper(
      sql`update nomination_events set position = 4 where nomination_id = ${id} and position = 1000`,
    );
    const kinds = (await issuesOf(id)).map((i) => `${i.kind}@${i.position}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['broken-link@3', 'hash-mismatch@3', 'broken-link@4', 'hash-mismatch@4']),
    );
  });

  it('detects truncation: the newest events cut off the end of a stream', async () => {
    const id = pick('revoked', 0);
    await tamper(sql`delete from nomination_events where nomination_id = ${id} and position = 5`);
    const issues = await issuesOf(id);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'truncated',
          position: 5,
          detail: expect.stringContaining('the anchor records 5 events but the stream ends at 4') as unknown,
        }),
      ]),
    );
  });

  it('refuses an anchor moved back without the audit key', async () => {
    const id = pick('revoked', 1);
    await tamper(sql`delete from nomination_events where nomination_id = ${id} and position = 5`);
    const fourth = await env.db
      .selectFrom('nomination_events')
      .select('hash')
      .where('nomination_id', '=', id)
      .where('position', '=', 4)
      .executeTakeFirstOrThrow();
    await env.db
      .updateTable('stream_heads')
      .set({ position: 4, hash: fourth.hash })
      .where('nomination_id', '=', id)
      .execute();
    expect((await issuesOf(id)).map((i) => i.kind)).toContain('bad-anchor-signature');
  });

  it('names a read model that no longer matches its events, and a gap in the decision numbers', async () => {
    const id = pick('certificate', 0);
    await env.db.updateTable('nominations').set({ status: 'rejected' }).where('id', '=', id).execute();
    const modelIssue = (await issuesOf(id)).find((i) => i.kind === 'read-model-mismatch');
    expect(modelIssue?.detail).toContain('status: read model has "rejected", the events give "approved"');

    const other = pick('certificate', 1);
    await env.db.deleteFrom('decisions').where('nomination_id', '=', other).execute();
    const report = await verifyScope(env.db);
    expect(report.issues.some((i) => i.kind === 'decision-unmatched' && i.nominationId === other)).toBe(true);
  });
});
