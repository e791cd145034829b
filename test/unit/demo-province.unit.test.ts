import { describe, expect, it } from '@jest/globals';
import { generateProvince } from '../../scripts/demo/province.js';

describe('the demo province generator', () => {
  const province = generateProvince();
  const byId = new Map(province.units.map((u) => [u.id, u]));

  it('is repeatable for a seed and different for another', () => {
    const again = generateProvince();
    expect(again.units).toEqual(province.units);
    expect(again.members).toEqual(province.members);
    expect(again.registeredMembers(2026)).toEqual(province.registeredMembers(2026));
    expect(generateProvince({ seed: 7 }).members.map((m) => m.fullName)).not.toEqual(
      province.members.map((m) => m.fullName),
    );
  });

  it('forms one tree: TLĐ above one province, federations under it, base unions under the federations', () => {
    const roots = province.units.filter((u) => u.parentId === null);
    expect(roots.map((u) => u.level)).toEqual(['tld']);
    for (const unit of province.units) {
      if (unit.parentId === null) continue;
      const parent = byId.get(unit.parentId);
      expect(parent).toBeDefined();
      const expectedParent = {
        province: ['tld'],
        district: ['province'],
        sector: ['province'],
        base: ['district', 'sector'],
        tld: [],
      }[unit.level];
      expect(expectedParent).toContain(parent?.level);
    }
    expect(province.units.filter((u) => u.level === 'province')).toHaveLength(1);
    expect(province.units.filter((u) => u.level === 'district').length).toBeGreaterThanOrEqual(4);
    expect(province.units.filter((u) => u.level === 'sector').length).toBeGreaterThanOrEqual(2);
  });

  it('has a few hundred base unions of both blocks, and members with leader and direct-worker flags', () => {
    const bases = province.units.filter((u) => u.level === 'base');
    expect(bases.length).toBeGreaterThanOrEqual(200);
    expect(bases.length).toBeLessThan(1000);
    expect(new Set(bases.map((b) => b.block))).toEqual(new Set(['administrative', 'business']));
    const leaders = province.members.filter((m) => m.isLeader).length;
    const direct = province.members.filter((m) => m.isDirectWorker).length;
    expect(leaders).toBeGreaterThan(0);
    expect(direct).toBeGreaterThan(province.members.length * 0.15);
    expect(province.members.some((m) => m.isLeader && m.isDirectWorker)).toBe(false);
    for (const member of province.members) expect(byId.get(member.unitId)?.level).toBe('base');
  });

  it('writes Vietnamese names with their diacritics', () => {
    const text = [...province.units.map((u) => u.name), ...province.members.map((m) => m.fullName)].join(' ');
    for (const letter of ['ễ', 'ạ', 'ư', 'Đ', 'ộ', 'ơ']) expect(text).toContain(letter);
  });

  it('gives every demo account a unit that exists, with each role present', () => {
    for (const account of province.accounts) expect(byId.has(account.unitId)).toBe(true);
    expect(new Set(province.accounts.map((a) => a.role))).toEqual(
      new Set([
        'admin',
        'province_officer',
        'board_member',
        'auditor',
        'district_officer',
        'district_head',
        'base_officer',
      ]),
    );
  });

  it('registers about nine in ten members for each demo year', () => {
    for (const year of province.registrationYears) {
      const share = province.registeredMembers(year).length / province.members.length;
      expect(share).toBeGreaterThan(0.8);
      expect(share).toBeLessThan(0.97);
    }
  });

  it('grows with the scale parameter', () => {
    const bigger = generateProvince({ scale: 3 });
    expect(bigger.units.filter((u) => u.level === 'base').length).toBe(
      3 * province.units.filter((u) => u.level === 'base').length,
    );
  });
});

describe('the small province of the integration tests', () => {
  const whole = generateProvince();
  const small = generateProvince({ basesPerUpper: 4 });

  it('keeps the first base unions of every upper union, with the same ids, data and members as the whole demo', () => {
    const uppers = whole.units.filter((u) => u.level === 'district' || u.level === 'sector');
    for (const upper of uppers) {
      const bases = (p: typeof whole) => p.units.filter((u) => u.parentId === upper.id);
      expect(bases(small)).toEqual(bases(whole).slice(0, 4));
    }
    const kept = new Set(small.units.map((u) => u.id));
    expect(small.members).toEqual(whole.members.filter((m) => kept.has(m.unitId)));
    expect(small.registeredMembers(2026)).toEqual(
      whole.registeredMembers(2026).filter((m) => kept.has(m.unitId)),
    );
    expect(small.accounts).toEqual(whole.accounts);
    expect(small.trainings).toEqual(whole.trainings);
    // Every account's unit is in it.
    for (const account of small.accounts) expect(kept.has(account.unitId)).toBe(true);
    expect(small.members.length).toBeLessThan(whole.members.length / 4);
  });
});
