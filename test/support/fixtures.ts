/** Pure fixtures for the decider's tests: a small unit tree, forms, officers and a valid creation. */
import type { AwardForm } from '../../domain/award-forms.js';
import { defaultTiming } from '../../domain/deadlines.js';
import type { CreateNomination, NominationCommand } from '../../domain/nomination/commands.js';
import type { Dossier, Nominee } from '../../domain/nomination/dossier.js';
import type { Actor } from '../../domain/nomination/events.js';
import { routeFor, type Unit } from '../../domain/organisation.js';
import type { QuotaOutcome } from '../../domain/quota.js';
import type { ReviewResult } from '../../domain/review.js';

export const units = new Map<string, Unit>(
  (
    [
      ['TLD', null, 'tld', 'TLĐ'],
      ['AL', 'TLD', 'province', 'LĐLĐ'],
      ['AL-H01', 'AL', 'district', 'LĐLĐ'],
      ['AL-H02', 'AL', 'district', 'LĐLĐ'],
      ['AL-N01', 'AL', 'sector', 'CĐN'],
      ['CS0001', 'AL-H01', 'base', 'CĐCS'],
      ['CS0002', 'AL-N01', 'base', 'CĐCS'],
    ] as const
  ).map(([id, parentId, level, decisionSuffix]) => [id, { id, parentId, level, name: id, decisionSuffix }]),
);

const form = (
  code: string,
  decidingLevel: AwardForm['decidingLevel'],
  extra: Partial<AwardForm> = {},
): AwardForm => ({
  code,
  name: code,
  subject: 'both',
  decidingLevel,
  requiredDocuments: ['coverLetter', 'minutes'],
  voteThreshold: 0.5,
  fastTrack: false,
  eligibility: {},
  ...extra,
});

export const forms = {
  certificate: form('GK-LDLD', 'district'),
  provinceDiploma: form('BK-LDLD-TINH', 'province'),
  adhocDiploma: form('BK-DOT-XUAT', 'province', { fastTrack: true }),
  flag: form('CO-LDLD-TINH', 'province', { subject: 'collective' }),
  tldDiploma: form('BK-TLD', 'tld'),
};

export const officers = {
  base: { id: 'cs.canbo', role: 'base_officer', unitId: 'CS0001' },
  district: { id: 'h01.canbo', role: 'district_officer', unitId: 'AL-H01' },
  districtHead: { id: 'h01.truong', role: 'district_head', unitId: 'AL-H01' },
  otherDistrict: { id: 'h02.canbo', role: 'district_officer', unitId: 'AL-H02' },
  province: { id: 'tinh.canbo', role: 'province_officer', unitId: 'AL' },
  board: { id: 'tinh.btv', role: 'board_member', unitId: 'AL' },
  auditor: { id: 'tinh.kiemtra', role: 'auditor', unitId: 'AL' },
} satisfies Record<string, Actor>;

export const worker: Nominee = {
  kind: 'individual',
  memberId: 'DV000001',
  unitId: 'CS0001',
  name: 'Nguyễn Thị Hoa',
  isLeader: false,
  isDirectWorker: true,
};
export const leader: Nominee = {
  ...worker,
  memberId: 'DV000002',
  name: 'Trần Văn Hùng',
  isLeader: true,
  isDirectWorker: false,
};

export const dossier: Dossier = {
  documents: ['coverLetter', 'minutes', 'achievementReport'],
  councilVote: { present: 9, inFavour: 8 },
  achievement: 'Hoàn thành xuất sắc nhiệm vụ năm 2026',
  theme: null,
  initiative: null,
};

export const T0 = '2026-03-02T02:00:00.000Z'; // Monday 09:00 in Vietnam

export function createCommand(overrides: Partial<CreateNomination> = {}): CreateNomination {
  const awardForm = overrides.form ?? forms.provinceDiploma;
  const submittingUnitId = overrides.submittingUnitId ?? 'CS0001';
  return {
    type: 'create',
    actor: officers.base,
    at: T0,
    nominee: worker,
    dossier,
    form: awardForm,
    year: 2026,
    submittingUnitId,
    route: routeFor(units, submittingUnitId, awardForm.decidingLevel),
    timing: defaultTiming,
    ...overrides,
  };
}

export const passedReview: ReviewResult = {
  passed: true,
  checks: [{ check: 'documents', passed: true, detail: 'ok' }],
};
export const failedReview: ReviewResult = {
  passed: false,
  checks: [
    { check: 'documents', passed: false, detail: 'missing: minutes' },
    { check: 'councilVote', passed: true, detail: 'ok' },
  ],
};

export const okQuota: QuotaOutcome = { outcome: 'ok', findings: [] };
const finding = (outcome: 'warn' | 'block') => ({
  ruleId: 'direct-worker-floor',
  kind: 'minShare' as const,
  description: 'At least 15% direct workers',
  scopeKey: 'decider:AL:2026',
  enforcement: outcome,
  limit: 0.15,
  before: { total: 5, inCategory: 0 },
  after: { total: 6, inCategory: 0 },
  shareAfter: 0,
  outcome,
});
export const warnQuota: QuotaOutcome = { outcome: 'warn', findings: [finding('warn')] };
export const blockQuota: QuotaOutcome = { outcome: 'block', findings: [finding('block')] };

let clock = Date.parse(T0);
/** A command at a later moment each time, as officers act one after another. */
export function at<C extends NominationCommand>(command: Omit<C, 'at'>): C {
  clock += 60 * 60 * 1000;
  return { ...command, at: new Date(clock).toISOString() } as C;
}
