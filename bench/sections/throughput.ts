/**
 * Full-path nominations per second and each action's latency, at 1, 8 and 32 officers at once: ours, the bare
 * workflow of the same shape and plain PostgreSQL, interleaved in each repetition (the order turns with it, so none
 * always runs on a warmer server). Then the same at 32 officers with the decisions spread over the districts.
 */
import { bySize, type SectionContext, type Size } from '../sections.js';
import { median, quantile, ratio, spread, table } from '../stats.js';
import {
  createRunner,
  Nominees,
  registerAll,
  type PathKind,
  type PathRun,
  type Step,
  type Variant,
} from '../throughput.js';

const variants: Variant[] = ['ours', 'bare', 'plain'];
const labels: Record<Variant, string> = {
  ours: 'ours (use case → workflow → PostgreSQL)',
  bare: 'bare workflow, same shape',
  plain: 'plain PostgreSQL, same writes',
};

/** The nominations each run takes: enough for the officers to stay busy past the start. */
const perRun = (officers: number, size: Size) =>
  bySize(size, { smoke: officers, quick: Math.max(8, officers * 2), full: 3 * Math.max(8, officers * 2) });

/** Every run, for the sections that read their nominations' histories (engine, replay). */
export const pastRuns: PathRun[] = [];

export async function throughputSection({ stack, size, log }: SectionContext): Promise<string> {
  const repetitions = bySize(size, { smoke: 1, quick: 3, full: 5 });
  const runner = await createRunner(stack.deps);
  await registerAll(stack.db);
  const nominees = await Nominees.load(stack.db);
  const runs: PathRun[] = [];
  const plan: { kind: PathKind; officers: number }[] = [
    { kind: 'province', officers: 1 },
    { kind: 'province', officers: 8 },
    { kind: 'province', officers: 32 },
    { kind: 'districts', officers: 32 },
  ];
  for (let rep = 0; rep < repetitions; rep++) {
    for (const { kind, officers } of plan) {
      const people = nominees.take(perRun(officers, size));
      const order = variants.map((_, i) => variants[(i + rep) % variants.length] as Variant);
      for (const variant of order) {
        log(`repetition ${rep + 1}/${repetitions}: ${kind}, ${officers} officers, ${variant}`);
        const run = await runner.run(variant, kind, officers, people);
        runs.push(run);
        pastRuns.push(run);
      }
    }
  }

  const rows: string[][] = [];
  for (const { kind, officers } of plan) {
    const of = (variant: Variant) =>
      runs.filter((r) => r.variant === variant && r.kind === kind && r.officers === officers);
    const rates = (variant: Variant) => of(variant).map((r) => r.ids.length / r.seconds);
    const bareRates = rates('bare');
    for (const variant of variants) {
      const mine = of(variant);
      const all = (step: Step) => mine.flatMap((r) => r.latencies[step]);
      const ratios = mine.map((r, i) => r.ids.length / r.seconds / (bareRates[i] ?? Number.NaN));
      rows.push([
        kind === 'province' ? `${officers}` : `${officers}, spread`,
        labels[variant],
        spread(rates(variant)),
        variant === 'bare' ? '1.00×' : `${median(ratios).toFixed(2)}×`,
        `${quantile(all('create'), 0.5).toFixed(0)} / ${quantile(all('create'), 0.99).toFixed(0)}`,
        `${quantile(all('submit'), 0.5).toFixed(0)} / ${quantile(all('submit'), 0.99).toFixed(0)}`,
        kind === 'province'
          ? `${quantile(all('endorse'), 0.5).toFixed(0)} / ${quantile(all('endorse'), 0.99).toFixed(0)}`
          : '–',
        `${quantile(all('approve'), 0.5).toFixed(0)} / ${quantile(all('approve'), 0.99).toFixed(0)}`,
      ]);
    }
  }
  const nominations = runs.filter((r) => r.variant === 'ours').reduce((n, r) => n + r.ids.length, 0);
  return [
    `FULL PATH (create → submit → endorse at the district → approve at the province; "spread": create → submit →`,
    `approve at each nominee's district). ${repetitions} repetitions, variants interleaved; ${nominations} of our`,
    `nominations in all. Nominations/s: median (min–max) over repetitions; ratio: median of each repetition's ratio`,
    `to the bare workflow's run beside it. Latencies: p50 / p99 in ms over all repetitions.`,
    '',
    table(
      ['officers', 'variant', 'nominations/s', 'vs bare', 'create', 'submit', 'endorse', 'approve'],
      rows,
    ),
    '',
    `plain PostgreSQL vs bare: ${ratio(median(runs.filter((r) => r.variant === 'plain').map((r) => r.ids.length / r.seconds)), median(runs.filter((r) => r.variant === 'bare').map((r) => r.ids.length / r.seconds)))} (the engine's own cost, all officer counts together)`,
  ].join('\n');
}
