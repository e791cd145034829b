import { describe, expect, it } from '@jest/globals';
import { bonusAmount, bonusFor, inEffect } from '../../domain/bonus.js';

const baseSalaries = [
  { effectiveFrom: '2023-07-01', value: 1_800_000 },
  { effectiveFrom: '2024-07-01', value: 2_340_000 },
];
const giayKhen = [{ effectiveFrom: '2020-01-01', value: { individual: 0.3, collective: 0.6 } }];

describe('bonus money', () => {
  it('takes the figure in effect on the day: the latest one that took effect on or before it', () => {
    expect(inEffect(baseSalaries, '2023-06-30')).toBeUndefined();
    expect(inEffect(baseSalaries, '2023-07-01')).toBe(1_800_000);
    expect(inEffect(baseSalaries, '2024-06-30')).toBe(1_800_000);
    expect(inEffect(baseSalaries, '2024-07-01')).toBe(2_340_000);
    expect(inEffect([...baseSalaries].reverse(), '2026-12-12')).toBe(2_340_000);
  });

  it('is the multiple times the base salary, in exact thousandths, rounded up to ten thousand đồng', () => {
    // 702,000 đồng, paid as 710,000.
    expect(bonusAmount(0.3, 2_340_000)).toBe(710_000);
    expect(bonusAmount(0.6, 1_800_000)).toBe(1_080_000);
    expect(bonusAmount(0.15, 2_340_000)).toBe(360_000);
    expect(bonusAmount(1, 2_340_000)).toBe(2_340_000);
    expect(bonusAmount(0, 2_340_000)).toBe(0);
  });

  it('pays a collective its own multiple, and nothing is guessed when no figure is in effect', () => {
    expect(bonusFor('individual', giayKhen, baseSalaries, '2026-12-12')).toBe(710_000);
    expect(bonusFor('collective', giayKhen, baseSalaries, '2026-12-12')).toBe(1_410_000);
    expect(bonusFor('individual', giayKhen, baseSalaries, '2023-01-01')).toBeNull();
    expect(bonusFor('individual', [], baseSalaries, '2026-12-12')).toBeNull();
  });
});
