/**
 * The organisation tree as the rules see it. The tree itself is data (PostgreSQL); these are the pure
 * questions asked of it: which level a unit is, and which units a nomination passes on its way up.
 */
import { DomainError } from './errors.js';

export type UnitLevel = 'tld' | 'province' | 'district' | 'sector' | 'base';

export interface Unit {
  id: string;
  parentId: string | null;
  level: UnitLevel;
  name: string;
  /** Abbreviation in decision numbers, e.g. `LĐLĐ` in `15/QĐ-LĐLĐ`. */
  decisionSuffix: string;
}

/** The level that decides an award form. `district` means the upper union directly above base unions, which is a
 * district federation or a sector union. */
export type DecidingLevel = 'district' | 'province' | 'tld';

/** One unit on a nomination's route, with its level, so that the rules need no lookups. */
export interface RouteStep {
  unitId: string;
  level: UnitLevel;
}

export function decidesAt(level: UnitLevel, decidingLevel: DecidingLevel): boolean {
  return level === decidingLevel || (decidingLevel === 'district' && level === 'sector');
}

/**
 * A nomination's route: from the submitting unit up the parent chain to the first unit whose level decides the
 * form. Every unit on the way reviews; the last one decides.
 */
export function routeFor(
  units: ReadonlyMap<string, Unit>,
  submittingUnitId: string,
  decidingLevel: DecidingLevel,
): RouteStep[] {
  const route: RouteStep[] = [];
  let current = units.get(submittingUnitId);
  if (current === undefined)
    throw new DomainError('UnknownUnit', `No unit ${submittingUnitId}`, { unitId: submittingUnitId });
  const seen = new Set<string>();
  for (;;) {
    if (seen.has(current.id))
      throw new DomainError('NoRoute', `The unit tree has a cycle at ${current.id}`, { unitId: current.id });
    seen.add(current.id);
    route.push({ unitId: current.id, level: current.level });
    if (decidesAt(current.level, decidingLevel)) return route;
    if (current.parentId === null) break;
    const parent = units.get(current.parentId);
    if (parent === undefined) break;
    current = parent;
  }
  throw new DomainError(
    'NoRoute',
    `No unit at level ${decidingLevel} above ${submittingUnitId} to decide this award form`,
    {
      unitId: submittingUnitId,
      decidingLevel,
    },
  );
}
