/**
 * `audit verify` over the whole store against its floor: listing the streams, reading them in the same batches and
 * recomputing every event's hash, with none of the checks (chain links, anchors, read models, decisions). Interleaved,
 * 3 times.
 */
import { verifyScope } from '../../audit/verify.js';
import { eventHash } from '../../db/event-hash.js';
import { readStreams, rowToEvent } from '../../db/event-store.js';
import { bySize, type SectionContext } from '../sections.js';
import { createRunner, Nominees } from '../throughput.js';
import { median, ratio, spread, table } from '../stats.js';

export async function verifySection({ stack, size }: SectionContext): Promise<string> {
  const { db } = stack;
  // Streams to verify: those the sections before left, or as many of its own (a few hundred).
  const wanted = bySize(size, { smoke: 10, quick: 300, full: 1000 });
  const stored = await db
    .selectFrom('nomination_events')
    .select((eb) => eb.fn.count<string>('nomination_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(stored.n) < wanted) {
    const runner = await createRunner(stack.deps);
    await runner.run('ours', 'province', 16, (await Nominees.load(db)).take(wanted - Number(stored.n)));
  }
  const listStreams = async () =>
    (await db.selectFrom('nomination_events').select('nomination_id').distinct().execute())
      .map((r) => r.nomination_id)
      .sort();
  const streams = await listStreams();
  // Like verify, the floor starts from nothing: it lists the streams, then reads and rehashes them.
  const floor = async (): Promise<number> => {
    const streams = await listStreams();
    let hashed = 0;
    for (let i = 0; i < streams.length; i += 200) {
      for (const rows of (await readStreams(db, streams.slice(i, i + 200))).values())
        for (const row of rows)
          hashed += eventHash(row.prev_hash, {
            nominationId: row.nomination_id,
            position: row.position,
            event: rowToEvent(row),
          }).length;
    }
    return hashed;
  };
  const verified: number[] = [];
  const floors: number[] = [];
  let issues = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const report = await verifyScope(db);
    verified.push(streams.length / ((performance.now() - t0) / 1000));
    issues += report.issues.length;
    const t1 = performance.now();
    await floor();
    floors.push(streams.length / ((performance.now() - t1) / 1000));
  }
  const ratios = verified.map((v, i) => v / (floors[i] ?? Number.NaN));
  return [
    `AUDIT VERIFY (${streams.length} streams; streams/s, median (min–max) of 3 interleaved runs).`,
    '',
    table(
      ['run', 'streams/s', 'vs floor'],
      [
        [`audit verify (${issues} issues found)`, spread(verified, 0), `${median(ratios).toFixed(2)}×`],
        ['read-and-rehash floor', spread(floors, 0), ratio(1, 1)],
      ],
    ),
  ].join('\n');
}
