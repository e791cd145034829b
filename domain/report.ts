/**
 * The pre-filled figures of a unit's periodic report (báo cáo định kỳ): nominations by form and outcome, and the
 * commended individuals' shares against their floors (15% direct workers, 70% non-leaders), for the unit and every
 * unit below it. Pure: the reporting activity gathers per-unit counts, this rolls them up the tree.
 */

export interface UnitCounts {
  /** Nominations by award form and outcome (status), e.g. { 'GK-LDLD': { approved: 3, rejected: 1 } }. */
  byForm: Record<string, Record<string, number>>;
  /** Approved individuals (not revoked). */
  individualsCommended: number;
  directWorkersOrNonLeaders: number;
  nonLeaders: number;
}

export interface ReportFigures extends UnitCounts {
  directWorkerShare: number | null;
  directWorkerFloor: number;
  nonLeaderShare: number | null;
  nonLeaderFloor: number;
}

export const emptyCounts = (): UnitCounts => ({
  byForm: {},
  individualsCommended: 0,
  directWorkersOrNonLeaders: 0,
  nonLeaders: 0,
});

function add(into: UnitCounts, from: UnitCounts): void {
  for (const [form, outcomes] of Object.entries(from.byForm)) {
    const target = (into.byForm[form] ??= {});
    for (const [outcome, n] of Object.entries(outcomes)) target[outcome] = (target[outcome] ?? 0) + n;
  }
  into.individualsCommended += from.individualsCommended;
  into.directWorkersOrNonLeaders += from.directWorkersOrNonLeaders;
  into.nonLeaders += from.nonLeaders;
}

/** Each unit's figures: its own counts plus those of every unit below it. */
export function rollUpReports(
  units: { id: string; parentId: string | null }[],
  own: ReadonlyMap<string, UnitCounts>,
  floors = { directWorker: 0.15, nonLeader: 0.7 },
): Map<string, ReportFigures> {
  const children = new Map<string, string[]>();
  for (const u of units)
    if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const totals = new Map<string, UnitCounts>();
  const total = (id: string): UnitCounts => {
    const known = totals.get(id);
    if (known !== undefined) return known;
    const sum = emptyCounts();
    const mine = own.get(id);
    if (mine !== undefined) add(sum, mine);
    for (const child of children.get(id) ?? []) add(sum, total(child));
    totals.set(id, sum);
    return sum;
  };
  const result = new Map<string, ReportFigures>();
  for (const u of units) {
    const t = total(u.id);
    result.set(u.id, {
      ...t,
      directWorkerShare:
        t.individualsCommended === 0 ? null : t.directWorkersOrNonLeaders / t.individualsCommended,
      directWorkerFloor: floors.directWorker,
      nonLeaderShare: t.individualsCommended === 0 ? null : t.nonLeaders / t.individualsCommended,
      nonLeaderFloor: floors.nonLeader,
    });
  }
  return result;
}
