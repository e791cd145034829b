import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { eventHash, GENESIS_HASH } from '../../db/event-hash.js';
import { appendEvents, readStream, StreamConflictError } from '../../db/event-store.js';
import { decide } from '../../domain/nomination/decider.js';
import type { PositionedEvent } from '../../domain/nomination/events.js';
import { loadFixtureProvince } from '../support/province.js';
import { createCommand, worker } from '../support/fixtures.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

function created(nominationId: string, name = 'Lê Văn Cường'): PositionedEvent {
  const [event] = decide(createCommand({ nominee: { ...worker, memberId: null, name } }), { status: 'none' });
  if (event === undefined) throw new Error('fixture');
  return { nominationId, position: 1, event };
}

describe('the event store on PostgreSQL', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment('eventstore');
    await loadFixtureProvince(env.db);
  });
  afterAll(async () => {
    await env.teardown();
  });

  it('writes the event and its read model in one go, chained from the genesis hash', async () => {
    const result = await appendEvents(env.db, [created('nom-a')], { email: false });
    expect(result.written).toEqual([1]);
    const [row] = await readStream(env.db, 'nom-a');
    expect(row).toMatchObject({
      position: 1,
      type: 'NominationCreated',
      actor_unit_id: 'CS0001',
      prev_hash: GENESIS_HASH,
    });
    expect(row?.hash).toBe(eventHash(GENESIS_HASH, created('nom-a')));
    const nomination = await env.db
      .selectFrom('nominations')
      .selectAll()
      .where('id', '=', 'nom-a')
      .executeTakeFirstOrThrow();
    expect(nomination).toMatchObject({
      status: 'draft',
      holding_unit_id: 'CS0001',
      version: 1,
      nominee_name: 'Lê Văn Cường',
    });
  });

  it('writes nothing the second time the same event is appended (a retried activity)', async () => {
    await appendEvents(env.db, [created('nom-b')], { email: false });
    const again = await appendEvents(env.db, [created('nom-b')], { email: false });
    expect(again.written).toEqual([]);
    expect(await readStream(env.db, 'nom-b')).toHaveLength(1);
  });

  it('refuses a different event at a position already taken, and a gap in the stream', async () => {
    await appendEvents(env.db, [created('nom-c')], { email: false });
    await expect(
      appendEvents(env.db, [created('nom-c', 'Người khác')], { email: false }),
    ).rejects.toBeInstanceOf(StreamConflictError);
    await expect(
      appendEvents(env.db, [{ ...created('nom-d'), position: 2 }], { email: false }),
    ).rejects.toThrow(/expected position 1/);
    expect(await readStream(env.db, 'nom-d')).toHaveLength(0);
  });

  it('lets exactly one of many concurrent writers of the same position win', async () => {
    const attempts = Array.from({ length: 12 }, (_, i) =>
      appendEvents(env.db, [created('nom-race', `Ứng viên ${i}`)], { email: false }),
    );
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StreamConflictError);
    expect(await readStream(env.db, 'nom-race')).toHaveLength(1);
  });

  it('is append-only: the database refuses to change or delete a stored event', async () => {
    await appendEvents(env.db, [created('nom-e')], { email: false });
    await expect(
      sql`update nomination_events set comment = 'sửa lén' where nomination_id = 'nom-e'`.execute(env.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from nomination_events where nomination_id = 'nom-e'`.execute(env.db),
    ).rejects.toThrow(/append-only/);
    expect(await readStream(env.db, 'nom-e')).toHaveLength(1);
  });
});
