/** Award decisions (quyết định khen thưởng) are numbered per deciding unit and calendar year, e.g. `15/QĐ-LĐLĐ`. */

export function formatDecisionNumber(sequence: number, decisionSuffix: string): string {
  return `${sequence}/QĐ-${decisionSuffix}`;
}

/** The calendar year of a moment in Vietnam (UTC+7, no daylight saving): numbering restarts each year. */
export function decisionYear(iso: string): number {
  return new Date(Date.parse(iso) + 7 * 60 * 60 * 1000).getUTCFullYear();
}
