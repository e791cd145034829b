import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { migrateToLatest } from '../../db/connect.js';
import { migrations } from '../../db/migrations/index.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

describe('migrations and demo data on a real PostgreSQL', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment('database');
  });
  afterAll(async () => {
    await env.teardown();
  });

  it('has applied every migration, in date order, and a second run applies none', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      env.db,
    );
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    for (const name of Object.keys(migrations)) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9_-]+$/);
    const again = await migrateToLatest(env.db);
    expect(again.results).toEqual([]);
  });

  it('stores Vietnamese text exactly (UTF-8)', async () => {
    const text = 'Công đoàn Công ty TNHH May Việt Hưng — Nguyễn Thị Hồng Nhung';
    const row = await sql<{ t: string }>`select ${text}::text as t`.execute(env.db);
    expect(row.rows[0]?.t).toBe(text);
  });

  it('loads the demo province once: a second load changes nothing', async () => {
    const first = await loadDemoData(env.db);
    expect(first.loaded).toBe(true);
    const count = async (table: 'units' | 'members' | 'accounts' | 'award_forms'): Promise<number> =>
      Number(
        (
          await env.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      units: await count('units'),
      members: await count('members'),
      accounts: await count('accounts'),
      forms: await count('award_forms'),
    };
    expect(before.units).toBe(first.units);
    expect(before.members).toBe(first.members);
    const second = await loadDemoData(env.db);
    expect(second.loaded).toBe(false);
    expect({
      units: await count('units'),
      members: await count('members'),
      accounts: await count('accounts'),
      forms: await count('award_forms'),
    }).toEqual(before);
  });

  it('keeps demo passwords only as hashes', async () => {
    const accounts = await env.db.selectFrom('accounts').select(['username', 'password_hash']).execute();
    expect(accounts.length).toBeGreaterThan(0);
    for (const a of accounts) expect(a.password_hash).toMatch(/^\$argon2id\$/);
  });
});
