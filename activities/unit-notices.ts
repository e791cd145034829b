/**
 * Notices to units rather than about one nomination: the calendar's (reporting periods, movement reviews). Each
 * notice goes to the in-app inbox of every account of the unit holding the roles it is for; its id is its identity
 * (what it is about, the step, the unit, the account), so a retried activity adds nothing.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database, NotificationTable, UnitLevel } from '../db/schema.js';
import { deciderRoles, officerRoles } from '../domain/roles.js';

export interface UnitNotice {
  /** What the notice is about and which step, e.g. `movement-…:remind:2027-06-30`: the first part of each id. */
  about: string;
  kind: string;
  periodId: string | null;
  /** Officers do the work; deciders (the unit's head) hear of what is overdue. */
  who: 'officers' | 'deciders';
  at: string;
  subject: string;
  body: (unitId: string) => string;
}

export async function notifyUnits(
  db: Kysely<Database>,
  units: { unitId: string; level: UnitLevel }[],
  notice: UnitNotice,
): Promise<number> {
  const rolesOf = (level: UnitLevel) =>
    notice.who === 'officers' ? officerRoles(level) : deciderRoles(level);
  const wanted = units.filter((u) => rolesOf(u.level).length > 0);
  if (wanted.length === 0) return 0;
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'unit_id', 'role'])
    .where(
      'unit_id',
      'in',
      wanted.map((u) => u.unitId),
    )
    .execute();
  const levels = new Map(wanted.map((u) => [u.unitId, u.level]));
  const rows: Insertable<NotificationTable>[] = accounts
    .filter((a) => rolesOf(levels.get(a.unit_id) ?? 'base').includes(a.role))
    .map((a) => ({
      id: `${notice.about}:${a.unit_id}:${a.id}`,
      nomination_id: null,
      period_id: notice.periodId,
      kind: notice.kind,
      recipient_account_id: a.id,
      recipient_unit_id: a.unit_id,
      subject: notice.subject,
      body: notice.body(a.unit_id),
      email: null,
      email_status: 'none',
      created_at: notice.at,
    }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('notifications')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  return rows.length;
}
