/**
 * The full path of a nomination, three ways on the same servers: ours (the use cases officers' requests call: the
 * nomination workflow, its local activities, PostgreSQL), the bare workflow of the same shape, and the same writes as
 * plain PostgreSQL transactions with a row-locked gap-free counter. `officers` paths run at once, each taking the next
 * nominee when its path is done.
 */
import { createHash, randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Dossier } from '../domain/nomination/dossier.js';
import type { Role } from '../domain/roles.js';
import type { Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from '../services/deps.js';
import { nominate, performAction } from '../services/nomination-actions.js';
import { BARE_QUEUE } from './stack.js';
import { bareUpdates, type BareStep } from './bare/workflows.js';

export type Variant = 'ours' | 'bare' | 'plain';
/**
 * Where the path ends: all approvals at the province (one deciding unit), spread over the districts, or at the
 * province's door, endorsed and awaiting its decision (for a numbered decision of many awards).
 */
export type PathKind = 'province' | 'districts' | 'awaiting';
export type Step = BareStep;

export const YEAR = 2026;
export const PROVINCE = 'AL';

export interface Nominee {
  memberId: string;
  unitId: string;
  districtId: string;
}

export interface PathRun {
  variant: Variant;
  kind: PathKind;
  officers: number;
  ids: string[];
  seconds: number;
  latencies: Record<Step, number[]>;
}

/** The province's non-leader members at base unions, in an order that spreads them over the districts. */
export class Nominees {
  private next = 0;
  private constructor(private readonly all: Nominee[]) {}

  private static readonly pools = new WeakMap<Kysely<Database>, Promise<Nominees>>();

  /**
   * The one pool of a database's nominees, shared by every section: a member is nominated once per run, so no review
   * refuses a second award of the same form and year.
   */
  static async load(db: Kysely<Database>): Promise<Nominees> {
    let pool = Nominees.pools.get(db);
    if (pool === undefined) {
      pool = Nominees.read(db);
      Nominees.pools.set(db, pool);
    }
    return pool;
  }

  private static async read(db: Kysely<Database>): Promise<Nominees> {
    const rows = await db
      .selectFrom('members')
      .innerJoin('units', 'units.id', 'members.unit_id')
      .select(['members.id', 'members.unit_id', 'units.parent_id'])
      .where('members.is_leader', '=', false)
      .where('units.level', '=', 'base')
      .orderBy(sql`md5(members.id)`)
      .execute();
    return new Nominees(
      rows.map((r) => ({ memberId: r.id, unitId: r.unit_id, districtId: r.parent_id ?? '' })),
    );
  }

  get left(): number {
    return this.all.length - this.next;
  }

  take(count: number): Nominee[] {
    if (count > this.left)
      throw new Error(`the demo province has ${this.left} nominees left, ${count} asked`);
    this.next += count;
    return this.all.slice(this.next - count, this.next);
  }
}

/** Every member may compete this year: the district's certificate (GK-LDLD) needs the registration. */
export async function registerAll(db: Kysely<Database>): Promise<void> {
  await sql`insert into registrations (year, unit_id, member_id)
    select ${YEAR}, unit_id, id from members on conflict do nothing`.execute(db);
}

/** What a base officer sends to create a bench nomination: an ad-hoc province award, or the district's certificate. */
export function nominationOf(
  kind: PathKind,
  memberId: string,
): { nominee: { memberId: string }; awardFormCode: string; year: number; dossier: Dossier } {
  const district = kind === 'districts';
  return {
    nominee: { memberId },
    awardFormCode: district ? 'GK-LDLD' : 'BK-DOT-XUAT',
    year: YEAR,
    dossier: {
      documents: district
        ? ['coverLetter', 'minutes', 'achievementReport', 'nomineeList']
        : ['coverLetter', 'achievementReport'],
      councilVote: { present: 9, inFavour: 9 },
      achievement: 'Hoàn thành xuất sắc nhiệm vụ năm',
      theme: null,
      initiative: null,
    },
  };
}

export interface Runner {
  run(variant: Variant, kind: PathKind, officers: number, nominees: Nominee[]): Promise<PathRun>;
  /** The officer of `role` at `unitId`, as the use cases take them. */
  viewer(role: Role, unitId: string): Viewer;
}

export async function createRunner(deps: ServiceDeps): Promise<Runner> {
  const units = new Map(
    (await deps.db.selectFrom('units').select(['id', 'name', 'level']).execute()).map((u) => [u.id, u]),
  );
  const viewer = (role: Role, unitId: string): Viewer => {
    const unit = units.get(unitId);
    return {
      accountId: `bench-${role}-${unitId}`,
      username: `bench.${role}.${unitId}`,
      displayName: `Bench ${role} ${unitId}`,
      role,
      unitId,
      unitName: unit?.name ?? unitId,
      unitLevel: unit?.level ?? 'base',
    };
  };
  const plain = await plainPostgres(deps.db);

  const stepsOf = (kind: PathKind): Step[] =>
    kind === 'province'
      ? ['create', 'submit', 'endorse', 'approve']
      : kind === 'awaiting'
        ? ['create', 'submit', 'endorse']
        : ['create', 'submit', 'approve'];

  /** One step of one nomination, for the variant; `create` answers the new id. */
  const step = async (variant: Variant, kind: PathKind, s: Step, n: Nominee, id: string): Promise<string> => {
    const decider = kind === 'districts' ? n.districtId : PROVINCE;
    if (variant === 'ours') {
      const base = viewer('base_officer', n.unitId);
      if (s === 'create') {
        const created = await nominate(deps, base, nominationOf(kind, n.memberId));
        return created.id;
      }
      const who =
        s === 'submit'
          ? base
          : s === 'endorse'
            ? viewer('district_officer', n.districtId)
            : kind === 'districts'
              ? viewer('district_head', n.districtId)
              : viewer('board_member', PROVINCE);
      await performAction(deps, who, { nominationId: id, action: s });
      return id;
    }
    if (variant === 'bare') return bareStep(deps.temporal, s, id, stepsOf(kind).length);
    return plain(s, n, id, decider);
  };

  return {
    viewer,
    async run(variant, kind, officers, nominees) {
      const latencies: Record<Step, number[]> = { create: [], submit: [], endorse: [], approve: [] };
      const ids: string[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: officers }, async () => {
          for (let n = nominees[next++]; n !== undefined; n = nominees[next++]) {
            let id = `bench-${variant}-${randomUUID()}`;
            for (const s of stepsOf(kind)) {
              const t0 = performance.now();
              id = await step(variant, kind, s, n, id);
              latencies[s].push(performance.now() - t0);
            }
            ids.push(id);
          }
        }),
      );
      return { variant, kind, officers, ids, seconds: (performance.now() - started) / 1000, latencies };
    },
  };
}

async function bareStep(temporal: Client, step: Step, id: string, steps: number): Promise<string> {
  if (step === 'create') {
    await temporal.workflow.executeUpdateWithStart(bareUpdates.create, {
      args: ['base'],
      startWorkflowOperation: new WithStartWorkflowOperation('bareNominationWorkflow', {
        workflowId: id,
        taskQueue: BARE_QUEUE,
        args: [steps],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
  } else {
    await temporal.workflow.getHandle(id).executeUpdate(bareUpdates[step], { args: ['officer'] });
  }
  return id;
}

/**
 * The same writes without an engine: each step one transaction that locks the nomination's row, appends a
 * hash-chained event and moves the row on; the approval also takes the next number from a row-locked gap-free counter
 * and records the award.
 */
async function plainPostgres(
  db: Kysely<Database>,
): Promise<(step: Step, nominee: Nominee, id: string, decider: string) => Promise<string>> {
  await sql`create schema if not exists plain`.execute(db);
  await sql`create table if not exists plain.nominations (id text primary key, status text not null,
    version int not null, last_hash text not null, member_id text not null, updated_at timestamptz not null)`.execute(
    db,
  );
  await sql`create table if not exists plain.events (nomination_id text not null, position int not null,
    type text not null, data jsonb not null, prev_hash text not null, hash text not null,
    recorded_at timestamptz not null default now(), primary key (nomination_id, position))`.execute(db);
  await sql`create table if not exists plain.counters (unit_id text not null, year int not null,
    last_sequence int not null, primary key (unit_id, year))`.execute(db);
  await sql`create table if not exists plain.awards (nomination_id text primary key, member_id text not null,
    deciding_unit_id text not null, year int not null, number text not null)`.execute(db);
  const chained = (prev: string, data: unknown) =>
    createHash('sha256').update(prev).update(JSON.stringify(data)).digest('hex');

  return async (step, nominee, id, decider) => {
    await db.transaction().execute(async (trx) => {
      const data = { step, memberId: nominee.memberId, unitId: nominee.unitId, at: new Date().toISOString() };
      if (step === 'create') {
        const hash = chained('', data);
        await sql`insert into plain.nominations values (${id}, 'draft', 1, ${hash}, ${nominee.memberId}, now())`.execute(
          trx,
        );
        await sql`insert into plain.events (nomination_id, position, type, data, prev_hash, hash)
          values (${id}, 1, ${step}, ${JSON.stringify(data)}, '', ${hash})`.execute(trx);
        return;
      }
      const { rows } = await sql<{ version: number; last_hash: string }>`
        select version, last_hash from plain.nominations where id = ${id} for update`.execute(trx);
      const row = rows[0];
      if (row === undefined) throw new Error(`plain: no nomination ${id}`);
      const hash = chained(row.last_hash, data);
      await sql`insert into plain.events (nomination_id, position, type, data, prev_hash, hash)
        values (${id}, ${row.version + 1}, ${step}, ${JSON.stringify(data)}, ${row.last_hash}, ${hash})`.execute(
        trx,
      );
      await sql`update plain.nominations set status = ${step}, version = version + 1, last_hash = ${hash},
        updated_at = now() where id = ${id}`.execute(trx);
      if (step === 'approve') {
        const { rows: numbered } = await sql<{ last_sequence: number }>`
          insert into plain.counters values (${decider}, ${YEAR}, 1)
          on conflict (unit_id, year) do update set last_sequence = plain.counters.last_sequence + 1
          returning last_sequence`.execute(trx);
        await sql`insert into plain.awards values (${id}, ${nominee.memberId}, ${decider}, ${YEAR},
          ${`${String(numbered[0]?.last_sequence)}/QĐ-${decider}`})`.execute(trx);
      }
    });
    return id;
  };
}
