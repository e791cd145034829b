/**
 * Who may act at which level. Roles are scoped to a unit: an officer acts only for the unit of their account,
 * and only the roles listed here for that unit's level may take each kind of action.
 */
import type { UnitLevel } from './organisation.js';

export type Role =
  | 'base_officer'
  | 'district_officer'
  | 'district_head'
  | 'province_officer'
  | 'board_member'
  | 'auditor'
  | 'admin';

/** Who works nominations at a unit: creates and submits them at the bottom, reviews them further up. */
const officers: Record<UnitLevel, readonly Role[]> = {
  base: ['base_officer'],
  district: ['district_officer', 'district_head'],
  sector: ['district_officer', 'district_head'],
  province: ['province_officer', 'board_member'],
  tld: ['province_officer', 'board_member'],
};

/** Who decides at a unit: signs approvals, revocations and quota overrides (the head; the standing committee). */
const deciders: Record<UnitLevel, readonly Role[]> = {
  base: [],
  district: ['district_head'],
  sector: ['district_head'],
  province: ['board_member'],
  tld: ['board_member'],
};

export const officerRoles = (level: UnitLevel): readonly Role[] => officers[level];
export const deciderRoles = (level: UnitLevel): readonly Role[] => deciders[level];

/** Who runs the installation's plumbing (the mail outbox): administrators only. */
export const operatesInstallation = (role: Role): boolean => role === 'admin';

/** Auditors read dossiers; only officers change them (attach files). */
export function mayChangeDossier(role: Role): boolean {
  return role !== 'auditor';
}
