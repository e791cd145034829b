import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app.js';
import { createSession } from '../../services/accounts.js';
import type { Role } from '../../domain/roles.js';
import { loadFixtureProvince } from '../support/province.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { fullDossier, eligibleForDiploma } from '../support/nominations.js';

// Every role × every unit relation × every action, through the HTTP API on the real servers. The policy below is
// written out here on its own (not read from the code): who may take each action, at which unit.
const roles: Role[] = [
  'base_officer',
  'district_officer',
  'district_head',
  'province_officer',
  'board_member',
  'auditor',
  'admin',
];
type Relation = 'own' | 'parent' | 'child' | 'sibling' | 'unrelated';
const relations: Relation[] = ['own', 'parent', 'child', 'sibling', 'unrelated'];

interface ActionCase {
  action: string;
  /** The state the nomination must be in, reached by these earlier steps. */
  reach: string[];
  /** The unit that may act, and the units in each relation to it. */
  units: Record<Relation, string | null>;
  allowed: Role[];
  form: string;
  body?: Record<string, unknown>;
}

const atBase = { own: 'CS0001', parent: 'AL-H01', child: null, sibling: 'CS0002', unrelated: 'CS0026' };
const atDistrict = { own: 'AL-H01', parent: 'AL', child: 'CS0001', sibling: 'AL-H02', unrelated: 'CS0026' };
const atProvince = { own: 'AL', parent: 'TLD', child: 'AL-H01', sibling: 'XP', unrelated: 'XP-H01' };

const cases: ActionCase[] = [
  { action: 'submit', reach: [], units: atBase, allowed: ['base_officer'], form: 'BK-LDLD-TINH' },
  { action: 'withdraw', reach: ['submit'], units: atBase, allowed: ['base_officer'], form: 'BK-LDLD-TINH' },
  {
    action: 'resubmit',
    reach: ['submit', 'return'],
    units: atBase,
    allowed: ['base_officer'],
    form: 'BK-LDLD-TINH',
  },
  {
    action: 'endorse',
    reach: ['submit'],
    units: atDistrict,
    allowed: ['district_officer', 'district_head'],
    form: 'BK-LDLD-TINH',
  },
  {
    action: 'return',
    reach: ['submit'],
    units: atDistrict,
    allowed: ['district_officer', 'district_head'],
    form: 'BK-LDLD-TINH',
    body: { comment: 'Bổ sung' },
  },
  {
    action: 'reject',
    reach: ['submit'],
    units: atDistrict,
    allowed: ['district_officer', 'district_head'],
    form: 'BK-LDLD-TINH',
    body: { comment: 'Chưa đủ' },
  },
  {
    action: 'downgrade',
    reach: ['submit'],
    units: atDistrict,
    allowed: ['district_officer', 'district_head'],
    form: 'BK-LDLD-TINH',
    body: { toFormCode: 'GK-LDLD', comment: 'Hạ' },
  },
  {
    action: 'approve',
    reach: ['submit', 'endorse'],
    units: atProvince,
    allowed: ['board_member'],
    form: 'BK-LDLD-TINH',
  },
  {
    action: 'override-quota',
    reach: ['submit', 'endorse'],
    units: atProvince,
    allowed: ['board_member'],
    form: 'BK-DOT-XUAT',
    body: { comment: 'Đồng ý vượt' },
  },
  {
    action: 'revoke',
    reach: ['submit', 'endorse', 'approve'],
    units: atProvince,
    allowed: ['board_member'],
    form: 'BK-LDLD-TINH',
    body: { comment: 'Khai man' },
  },
];

/** Who takes the earlier steps that bring a nomination to a case's state. */
const stepActor: Record<string, [string, Role]> = {
  submit: ['CS0001', 'base_officer'],
  return: ['AL-H01', 'district_officer'],
  endorse: ['AL-H01', 'district_officer'],
  approve: ['AL', 'board_member'],
};

describe('the authorization matrix: every role × unit relation × action', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  const tokens = new Map<string, string>();
  const parents = new Map<string, string | null>();
  let members: string[] = [];
  let nextMember = 0;

  async function tokenFor(unitId: string, role: Role): Promise<string> {
    const username = `${role}@${unitId}`.toLowerCase();
    const cached = tokens.get(username);
    if (cached !== undefined) return cached;
    const account = await env.db
      .insertInto('accounts')
      .values({
        username,
        password_hash: 'not-used',
        display_name: username,
        role,
        unit_id: unitId,
        email: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { token } = await createSession(env.db, account.id, 1);
    tokens.set(username, token);
    return token;
  }

  async function post(
    unitId: string,
    role: Role,
    url: string,
    body: Record<string, unknown> = {},
  ): Promise<number> {
    const token = await tokenFor(unitId, role);
    const response = await app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { authorization: `Bearer ${token}` },
    });
    return response.statusCode;
  }

  /** A nomination of a CS0001 member, brought through `steps`. */
  async function nominationAt(form: string, steps: string[]): Promise<string> {
    // Members are reused across nominations; a theme of its own keeps each from being "the same achievement".
    const n = nextMember++;
    const memberId = members[n % members.length];
    if (memberId === undefined) throw new Error('no members');
    const token = await tokenFor('CS0001', 'base_officer');
    const created = await app.inject({
      method: 'POST',
      url: '/api/nominations',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        nominee: { memberId },
        awardFormCode: form,
        year: 2026,
        dossier: { ...fullDossier, theme: `ma trận ${n}` },
      },
    });
    if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
    const id = created.json<{ id: string }>().id;
    for (const step of steps) {
      const [unit, role] = stepActor[step] ?? ['', 'admin'];
      const status = await post(
        unit,
        role,
        `/api/nominations/${id}/${step}`,
        step === 'return' ? { comment: 'Bổ sung hồ sơ' } : {},
      );
      if (status !== 200) throw new Error(`step ${step} → ${status}`);
    }
    return id;
  }

  /** Visible to an officer of `unit`: the nomination's submitting unit (CS0001) is that unit or below it. */
  function sees(unit: string): boolean {
    for (let u: string | null | undefined = 'CS0001'; u !== null && u !== undefined; u = parents.get(u))
      if (u === unit) return true;
    return false;
  }

  beforeAll(async () => {
    env = await createTestEnvironment('authz');
    await loadFixtureProvince(env.db);
    // A second province beside ours, for the sibling and unrelated cells of the province's actions.
    await env.db
      .insertInto('units')
      .values([
        {
          id: 'XP',
          parent_id: 'TLD',
          name: 'Liên đoàn Lao động tỉnh Xuân Phong',
          level: 'province',
          block: null,
          decision_suffix: 'LĐLĐ',
        },
        {
          id: 'XP-H01',
          parent_id: 'XP',
          name: 'Liên đoàn Lao động huyện Đồi Thông',
          level: 'district',
          block: null,
          decision_suffix: 'LĐLĐ',
        },
      ])
      .execute();
    // Every ad-hoc diploma approval warns, so that a quota override has a warning to override.
    await env.db
      .insertInto('quota_rules')
      .values({
        id: 'adhoc-warn',
        rule: JSON.stringify({
          id: 'adhoc-warn',
          kind: 'maxCount',
          description: 'Ad-hoc diplomas need the board’s explicit consent',
          scope: 'decidingUnitYearForm',
          count: 0,
          enforcement: 'warn',
          appliesTo: { forms: ['BK-DOT-XUAT'] },
        }),
      })
      .execute();
    for (const u of await env.db.selectFrom('units').select(['id', 'parent_id']).execute())
      parents.set(u.id, u.parent_id);
    members = await eligibleForDiploma(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it.each(cases)('$action', async ({ action, reach, units, allowed, form, body }) => {
    const table: string[] = [];
    const mismatches: string[] = [];
    // The refused cells first, all on one nomination: a refusal changes nothing, so it stays in the same state.
    const shared = await nominationAt(form, reach);
    const allowedCells: [Role, string][] = [];
    for (const relation of relations) {
      const unit = units[relation];
      if (unit === null) {
        table.push(`${relation.padEnd(9)} (no such unit: a base union has no unit below it)`);
        continue;
      }
      const row: string[] = [];
      for (const role of roles) {
        const isAllowed = relation === 'own' && allowed.includes(role);
        if (isAllowed) {
          allowedCells.push([role, unit]);
          row.push(`${role}:allow`);
          continue;
        }
        const expected = sees(unit) ? 403 : 404;
        const status = await post(unit, role, `/api/nominations/${shared}/${action}`, body);
        row.push(`${role}:${status}`);
        if (status !== expected)
          mismatches.push(`${role} at ${unit} (${relation}): expected ${expected}, got ${status}`);
      }
      table.push(`${relation.padEnd(9)} ${row.join(' ')}`);
    }
    // Each allowed cell on a nomination of its own, since acting moves it on.
    for (const [role, unit] of allowedCells) {
      const id = await nominationAt(form, reach);
      const status = await post(unit, role, `/api/nominations/${id}/${action}`, body);
      if (status !== 200) mismatches.push(`${role} at ${unit} (own): expected 200, got ${status}`);
    }
    console.log(`${action}\n  ${table.join('\n  ')}`);
    expect(mismatches).toEqual([]);
    expect(allowedCells.length).toBe(allowed.length);
  });
});
