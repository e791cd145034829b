/**
 * What HTTP adds to each action: the same path, one officer, nominations taken alternately through the use cases
 * directly and through the API on its local port (session lookup, schema validation, idempotency, the answer's
 * serialisation), so that both see the same server at the same moments.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Role } from '../../domain/roles.js';
import { createSession } from '../../services/accounts.js';
import { bySize, type SectionContext } from '../sections.js';
import { median, quantile, table } from '../stats.js';
import { createRunner, nominationOf, Nominees, PROVINCE, type Nominee, type Step } from '../throughput.js';

const steps: Step[] = ['create', 'submit', 'endorse', 'approve'];

export async function httpSection({ stack, size }: SectionContext): Promise<string> {
  const count = bySize(size, { smoke: 2, quick: 20, full: 60 });
  const runner = await createRunner(stack.deps);
  const nominees = (await Nominees.load(stack.db)).take(count * 2);
  const tokens = new Map<string, string>();
  const token = async (role: Role, unitId: string) => {
    const key = `${role}@${unitId}`;
    const known = tokens.get(key);
    if (known !== undefined) return known;
    const fresh = await sessionFor(stack.db, role, unitId);
    tokens.set(key, fresh);
    return fresh;
  };
  const call = async (role: Role, unitId: string, path: string, body: unknown): Promise<{ id: string }> => {
    const response = await fetch(`${stack.api}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(role, unitId)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { id: string };
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };
  const overHttp = async (n: Nominee, step: Step, id: string): Promise<string> => {
    if (step === 'create')
      return (await call('base_officer', n.unitId, '/api/nominations', nominationOf('province', n.memberId)))
        .id;
    const [role, unitId]: [Role, string] =
      step === 'submit'
        ? ['base_officer', n.unitId]
        : step === 'endorse'
          ? ['district_officer', n.districtId]
          : ['board_member', PROVINCE];
    await call(role, unitId, `/api/nominations/${id}/${step}`, {});
    return id;
  };

  const direct: Record<Step, number[]> = { create: [], submit: [], endorse: [], approve: [] };
  const http: Record<Step, number[]> = { create: [], submit: [], endorse: [], approve: [] };
  for (let i = 0; i < nominees.length; i++) {
    const n = nominees[i] as Nominee;
    if (i % 2 === 0) {
      const run = await runner.run('ours', 'province', 1, [n]);
      for (const s of steps) direct[s].push(...run.latencies[s]);
    } else {
      let id = '';
      for (const s of steps) {
        const t0 = performance.now();
        id = await overHttp(n, s, id);
        http[s].push(performance.now() - t0);
      }
    }
  }
  const rows = steps.map((s) => [
    s,
    median(direct[s]).toFixed(1),
    median(http[s]).toFixed(1),
    (median(http[s]) - median(direct[s])).toFixed(1),
    `${quantile(direct[s], 0.99).toFixed(0)} / ${quantile(http[s], 0.99).toFixed(0)}`,
  ]);
  return [
    `HTTP OVERHEAD PER ACTION (one officer; ${count} nominations each way, alternating). ms.`,
    '',
    table(['action', 'use case p50', 'over HTTP p50', 'HTTP adds (p50)', 'p99 use case / HTTP'], rows),
  ].join('\n');
}

async function sessionFor(db: Kysely<Database>, role: Role, unitId: string): Promise<string> {
  const account = await db
    .insertInto('accounts')
    .values({
      username: `bench.${role}.${unitId}`.toLowerCase(),
      password_hash: 'not-a-hash: the bench signs in by session',
      display_name: `Bench ${role} ${unitId}`,
      role,
      unit_id: unitId,
      email: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await createSession(db, account.id, 2)).token;
}
