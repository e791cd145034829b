/**
 * A generated year of a province's nominations, through the real workflows: certificates decided by districts,
 * diplomas by the province, and the other paths (return and resubmission, rejection, withdrawal, revocation).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/nomination/events.js';
import type { Database } from '../../db/schema.js';
import { act, createNomination, type NominationServiceDeps } from '../../services/nominations.js';
import { fullDossier, givenPastAwards, officerAt } from './nominations.js';

export interface GeneratedYear {
  ids: string[];
  byPath: Record<string, string[]>;
}

export async function generateYear(
  deps: NominationServiceDeps,
  db: Kysely<Database>,
  count: number,
): Promise<GeneratedYear> {
  const candidates = await db
    .selectFrom('members')
    .innerJoin('units', 'units.id', 'members.unit_id')
    .innerJoin('registrations', 'registrations.member_id', 'members.id')
    .select(['members.id', 'members.unit_id', 'units.parent_id'])
    .where('registrations.year', '=', 2026)
    .where('members.is_leader', '=', false)
    .where('units.parent_id', 'in', ['AL-H01', 'AL-H02', 'AL-N01'])
    .orderBy('members.id')
    .execute();
  // Round-robin over the three upper unions, so that every district's scope has some of the year.
  const byUpper = new Map<string, typeof candidates>();
  for (const c of candidates) byUpper.set(c.parent_id ?? '', [...(byUpper.get(c.parent_id ?? '') ?? []), c]);
  const queues = [...byUpper.values()];
  const members: typeof candidates = [];
  for (let k = 0; members.length < count && queues.some((q) => q.length > k); k++) {
    for (const q of queues) {
      const m = q[k];
      if (m !== undefined && members.length < count) members.push(m);
    }
  }
  const paths = ['certificate', 'diploma', 'returned', 'rejected', 'withdrawn', 'revoked'] as const;
  const byPath: Record<string, string[]> = Object.fromEntries(paths.map((p) => [p, []]));
  const ids: string[] = [];
  const board = await officerAt(db, 'AL', 'board_member');
  for (let i = 0; i < members.length; i += 8) {
    await Promise.all(
      members.slice(i, i + 8).map(async (m, j) => {
        const path = paths[(i + j) % paths.length] ?? 'certificate';
        const upper = m.parent_id ?? '';
        const base: Actor = await officerAt(db, m.unit_id, 'base_officer');
        const reviewer: Actor = await officerAt(db, upper, 'district_officer');
        const head: Actor = await officerAt(db, upper, 'district_head');
        const form = path === 'certificate' ? 'GK-LDLD' : 'BK-LDLD-TINH';
        if (form === 'BK-LDLD-TINH') await givenPastAwards(db, m.id, m.unit_id, 'GK-LDLD', [2024, 2025]);
        const { id } = await createNomination(deps, {
          actor: base,
          nominee: { memberId: m.id },
          awardFormCode: form,
          year: 2026,
          dossier: { ...fullDossier, theme: `năm 2026 #${i + j}` },
        });
        await act(deps, id, 'submit', { actor: base });
        switch (path) {
          case 'certificate':
            await act(deps, id, 'approve', { actor: head });
            break;
          case 'diploma':
            await act(deps, id, 'endorse', { actor: reviewer });
            await act(deps, id, 'approve', { actor: board });
            break;
          case 'returned':
            await act(deps, id, 'returnForRevision', { actor: reviewer, comment: 'Bổ sung minh chứng' });
            await act(deps, id, 'resubmit', { actor: base });
            await act(deps, id, 'endorse', { actor: reviewer });
            break;
          case 'rejected':
            await act(deps, id, 'reject', { actor: reviewer, comment: 'Chưa đủ tiêu chuẩn' });
            break;
          case 'withdrawn':
            await act(deps, id, 'withdraw', { actor: base, comment: 'Chuyển công tác' });
            break;
          case 'revoked':
            await act(deps, id, 'endorse', { actor: reviewer });
            await act(deps, id, 'approve', { actor: board });
            await act(deps, id, 'revoke', { actor: board, comment: 'Kê khai không trung thực' });
            break;
        }
        byPath[path]?.push(id);
        ids.push(id);
      }),
    );
  }
  return { ids, byPath };
}
