/**
 * The reads on officers' hot paths as the province grows: each on a database of the demo province at scale 1 and at
 * scale 10 (ten times the units and members), interleaved call by call; then the quota check's counting and a
 * province's yearly report on a database holding 1,000,000 awards (ten years of them).
 */
import { sql, type Kysely } from 'kysely';
import { runReview } from '../../activities/review.js';
import type { Database } from '../../db/schema.js';
import { loadAwardForm, prepareCreate } from '../../services/nominations.js';
import { dashboardOf } from '../../services/dashboard.js';
import { activeQuotaRules, quotaFigures, readScopeFigures } from '../../services/quotas.js';
import { prefilledFigures } from '../../services/report-figures.js';
import { visibleStatus } from '../../services/visibility.js';
import type { Viewer } from '../../domain/viewer.js';
import type { ServiceDeps } from '../../services/deps.js';
import { bySize, type SectionContext } from '../sections.js';
import { quantile, table } from '../stats.js';
import { nominationOf, PROVINCE, YEAR } from '../throughput.js';

const AWARDS = 1_000_000;

interface Probe {
  name: string;
  read: (deps: ServiceDeps, at: Sample) => Promise<unknown>;
}

/** What the reads are asked about in one database: a board member, a base officer and a member of theirs. */
interface Sample {
  board: Viewer;
  base: Viewer;
  memberId: string;
  districtId: string;
}

/** A nomination of the member's unit, for the visibility probe (the scale databases hold no other). */
const PROBE = 'nom-bench-probe';

const probes: Probe[] = [
  { name: 'GET /api/dashboard (province)', read: (deps, s) => dashboardOf(deps, s.board, { year: YEAR }) },
  {
    name: 'GET /api/dashboard (a district)',
    read: (deps, s) => dashboardOf(deps, s.board, { year: YEAR, unitId: s.districtId }),
  },
  {
    name: 'GET /api/quotas (province)',
    read: (deps, s) => quotaFigures(deps, s.board, { unitId: PROVINCE, year: YEAR }),
  },
  {
    name: "create's reads (unit tree, form, nominee)",
    read: (deps, s) =>
      prepareCreate(
        deps,
        {
          actor: { id: s.base.username, role: 'base_officer', unitId: s.base.unitId },
          ...nominationOf('province', s.memberId),
        },
        new Date().toISOString(),
      ),
  },
  {
    name: "review's facts (registration, award history)",
    read: async (deps, s) =>
      runReview(deps.db, {
        nominationId: 'bench-read',
        form: await loadAwardForm(deps.db, 'GK-LDLD'),
        nominee: {
          kind: 'individual',
          memberId: s.memberId,
          unitId: s.base.unitId,
          name: 'Bench',
          isLeader: false,
          isDirectWorker: false,
        },
        dossier: {
          documents: [],
          councilVote: { present: 9, inFavour: 9 },
          achievement: '',
          theme: null,
          initiative: null,
        },
        year: YEAR,
      }),
  },
  {
    name: 'visibility of a nomination (province officer)',
    read: (deps, s) => visibleStatus(deps, s.board, PROBE),
  },
];

async function sampleOf(db: Kysely<Database>): Promise<Sample> {
  const member = await db
    .selectFrom('members')
    .innerJoin('units', 'units.id', 'members.unit_id')
    .select(['members.id', 'members.unit_id', 'units.name', 'units.parent_id', 'members.full_name'])
    .where('units.level', '=', 'base')
    .orderBy('members.id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const viewer = (
    role: Viewer['role'],
    unitId: string,
    unitName: string,
    level: Viewer['unitLevel'],
  ): Viewer => ({
    accountId: `bench-${role}`,
    username: `bench.${role}`,
    displayName: 'Bench',
    role,
    unitId,
    unitName,
    unitLevel: level,
  });
  const at = new Date();
  await db
    .insertInto('nominations')
    .values({
      id: PROBE,
      status: 'draft',
      stage: 'draft',
      nominee_name: member.full_name,
      award_form_code: 'BK-DOT-XUAT',
      year: YEAR,
      submitting_unit_id: member.unit_id,
      holding_unit_id: member.unit_id,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return {
    districtId: member.parent_id ?? PROVINCE,
    board: viewer('board_member', PROVINCE, 'LĐLĐ tỉnh', 'province'),
    base: viewer('base_officer', member.unit_id, member.name, 'base'),
    memberId: member.id,
  };
}

/** `count` awards over ten years to the demo's members: a fifth decided by the province, the rest by districts. */
async function loadAwards(db: Kysely<Database>, count: number): Promise<void> {
  const already = await db
    .selectFrom('award_history')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(already.n) >= count) return;
  await sql`create temporary table bench_people as
    select row_number() over (order by m.id) as rn, m.id, m.unit_id, m.full_name, m.is_leader, m.is_direct_worker,
      u.parent_id from members m join units u on u.id = m.unit_id where u.level = 'base'`.execute(db);
  const people = await sql<{ n: string }>`select count(*) as n from bench_people`.execute(db);
  const n = Number(people.rows[0]?.n);
  await sql`insert into nominations (id, status, stage, nominee_name, award_form_code, year, submitting_unit_id,
      holding_unit_id, version, created_at, updated_at, nominee_kind, nominee_member_id, nominee_unit_id, is_leader,
      is_direct_worker, deciding_unit_id, decision_number, decided_at)
    select 'award-' || g, 'approved', 'approved', p.full_name,
      case when g % 5 = 0 then 'BK-DOT-XUAT' else 'GK-LDLD' end, 2017 + g % 10, p.unit_id,
      case when g % 5 = 0 then ${PROVINCE} else p.parent_id end, 5,
      make_timestamptz(2017 + g % 10, 6, 1, 0, 0, 0), make_timestamptz(2017 + g % 10, 6, 1, 0, 0, 0), 'individual',
      p.id, p.unit_id, p.is_leader, p.is_direct_worker,
      case when g % 5 = 0 then ${PROVINCE} else p.parent_id end, g || '/QĐ', make_timestamptz(2017 + g % 10, 6, 1, 0, 0, 0)
    from generate_series(1, ${count}) g join bench_people p on p.rn = 1 + g % ${n}`.execute(db);
  await sql`insert into award_history (nomination_id, nominee_kind, member_id, nominee_unit_id, submitting_unit_id,
      deciding_unit_id, deciding_level, form_code, year, theme, is_leader, is_direct_worker, decision_number,
      approved_at)
    select id, 'individual', nominee_member_id, nominee_unit_id, submitting_unit_id, deciding_unit_id,
      case when deciding_unit_id = ${PROVINCE} then 'province' else 'district' end, award_form_code, year, null,
      is_leader, is_direct_worker, decision_number, decided_at
    from nominations where id like 'award-%'`.execute(db);
  await sql`drop table bench_people`.execute(db);
  await sql`analyze`.execute(db);
}

export async function readsSection({ stack, size, log }: SectionContext): Promise<string> {
  const times = bySize(size, { smoke: 3, quick: 30, full: 100 });
  const scale = bySize(size, { smoke: 2, quick: 10, full: 10 });
  const awards = bySize(size, { smoke: 10_000, quick: AWARDS, full: AWARDS });
  log(`loading the demo province at scale 1 and at scale ${scale}…`);
  const one = await stack.database('bench_scale_1', 1);
  const ten = await stack.database(`bench_scale_${scale}`, scale);
  log(`loading ${awards.toLocaleString('en')} awards…`);
  const million = await stack.database('bench_awards', 1);
  await loadAwards(million, awards);
  const depsOf = (db: Kysely<Database>): ServiceDeps => ({ ...stack.deps, db });
  const dbs = [one, ten, million];
  const samples = await Promise.all(dbs.map(sampleOf));
  const timings = dbs.map(() => probes.map((): number[] => []));
  for (let i = 0; i < times + 3; i++) {
    for (const [p, probe] of probes.entries()) {
      for (const [d, db] of dbs.entries()) {
        const t0 = performance.now();
        await probe.read(depsOf(db), samples[d] as Sample);
        if (i >= 3) timings[d]?.[p]?.push(performance.now() - t0);
      }
    }
  }
  const cell = (values: number[] | undefined) =>
    `${quantile(values ?? [], 0.5).toFixed(1)} / ${quantile(values ?? [], 0.99).toFixed(1)}`;
  const rows = probes.map((probe, p) => {
    const at1 = quantile(timings[0]?.[p] ?? [], 0.5);
    const at10 = quantile(timings[1]?.[p] ?? [], 0.5);
    return [
      probe.name,
      cell(timings[0]?.[p]),
      cell(timings[1]?.[p]),
      `${(at10 / at1).toFixed(1)}×`,
      cell(timings[2]?.[p]),
    ];
  });

  // At 1,000,000 awards: the quota check's counting (every active rule, the province's year) and the yearly report.
  const rules = await activeQuotaRules(million);
  const quotaCheck: number[] = [];
  const report: number[] = [];
  for (let i = 0; i < times + 3; i++) {
    const t0 = performance.now();
    for (const rule of rules) await readScopeFigures(million, rule, { unitId: PROVINCE, year: YEAR });
    if (i >= 3) quotaCheck.push(performance.now() - t0);
    if (i % 5 === 0) {
      const t1 = performance.now();
      await prefilledFigures(million, { year: YEAR, openedAt: new Date().toISOString() });
      report.push(performance.now() - t1);
    }
  }
  const unitsAt = async (db: Kysely<Database>) =>
    (
      await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return [
    `READS AS THE PROVINCE GROWS (ms, p50 / p99 over ${times} calls each, the databases interleaved call by call).`,
    `Scale 1: ${await unitsAt(one)} units; scale ${scale}: ${await unitsAt(ten)} units; the third database: scale 1 with ${awards.toLocaleString('en')} awards over ten years.`,
    '',
    table(
      ['read', 'scale 1', `scale ${scale}`, `${scale} / 1 (p50)`, `${awards.toLocaleString('en')} awards`],
      rows,
    ),
    '',
    table(
      [`at ${awards.toLocaleString('en')} awards`, 'p50 ms', 'p99 ms', 'target'],
      [
        [
          `quota check's counting (${rules.length} rules, the province's year)`,
          quantile(quotaCheck, 0.5).toFixed(1),
          quantile(quotaCheck, 0.99).toFixed(1),
          'p99 ≤ 10 ms',
        ],
        [
          "a province's yearly report (its figures, every unit)",
          quantile(report, 0.5).toFixed(0),
          quantile(report, 0.99).toFixed(0),
          '< 2,000 ms',
        ],
      ],
    ),
  ].join('\n');
}
