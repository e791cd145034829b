/**
 * Bonus money (tiền thưởng): each form pays a multiple of the base salary (mức lương cơ sở), one for an individual and
 * one for a collective, at the figures in effect on the decision's date. Pure: the caller brings the dated figures.
 */

/** A figure that takes effect on a day (YYYY-MM-DD, in Vietnam) and holds until the next one. */
export interface Dated<T> {
  effectiveFrom: string;
  value: T;
}

/** The figure in effect on `day` (YYYY-MM-DD): the latest that took effect on or before it. */
export function inEffect<T>(figures: readonly Dated<T>[], day: string): T | undefined {
  let best: Dated<T> | undefined;
  for (const f of figures)
    if (f.effectiveFrom <= day && (best === undefined || f.effectiveFrom > best.effectiveFrom)) best = f;
  return best?.value;
}

export interface BonusMultiples {
  individual: number;
  collective: number;
}

/**
 * The bonus in đồng: the multiple times the base salary, rounded up to the next ten thousand đồng, as payments are made
 * (Nghị định 98/2023/NĐ-CP art. 73). In thousandths of a multiple, so that 0.3 × 2,340,000 is 702,000 and not a float.
 */
export function bonusAmount(multiple: number, baseSalary: number): number {
  const exact = (Math.round(multiple * 1000) * baseSalary) / 1000;
  return Math.ceil(exact / 10_000) * 10_000;
}

/** An awardee's bonus on a day, or null when the form or the base salary has no figure in effect then. */
export function bonusFor(
  kind: 'individual' | 'collective',
  multiples: readonly Dated<BonusMultiples>[],
  baseSalaries: readonly Dated<number>[],
  day: string,
): number | null {
  const multiple = inEffect(multiples, day);
  const salary = inEffect(baseSalaries, day);
  if (multiple === undefined || salary === undefined) return null;
  return bonusAmount(kind === 'collective' ? multiple.collective : multiple.individual, salary);
}
