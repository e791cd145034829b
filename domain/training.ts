/**
 * Trainings of officers in emulation and commendation work (tập huấn, bồi dưỡng nghiệp vụ): seed 004 II.4 asks that
 * all of them be trained every year, and the periodic reports count it. Pure rules: who records a training, whether a
 * course falls in its year, and who is still to be trained.
 */
import { DomainError, type FieldProblem } from './errors.js';
import type { UnitLevel } from './organisation.js';
import { officerRoles, type Role } from './roles.js';
import type { Viewer } from './viewer.js';

/** Who records trainings: the officers of a unit, for its subtree. Auditors read them; other roles neither. */
export function requireTrainingRecorder(viewer: Pick<Viewer, 'role' | 'unitLevel'>): void {
  if (viewer.role === 'auditor')
    throw new DomainError('ReadOnly', 'Auditors read trainings; they do not record them.', {
      role: viewer.role,
    });
  const allowed = officerRoles(viewer.unitLevel);
  if (!allowed.includes(viewer.role))
    throw new DomainError('WrongRole', `Only officers (${allowed.join(', ')}) record trainings.`, {
      role: viewer.role,
      allowed,
    });
}

/** What is wrong with the day a course was held (YYYY-MM-DD): it counts for the year it was held in. */
export function heldOnProblems(heldOn: string, year: number): FieldProblem[] {
  return heldOn.slice(0, 4) === String(year) ? [] : [{ field: 'heldOn', problem: `not in ${year}` }];
}

/** The accounts that count as officers (as the reports count them) and have no training in the year. */
export function untrainedOfficers<A extends { id: string; role: Role; level: UnitLevel }>(
  accounts: readonly A[],
  trained: ReadonlySet<string>,
): A[] {
  return accounts.filter((a) => officerRoles(a.level).includes(a.role) && !trained.has(a.id));
}
