/**
 * Quota rules (tỷ lệ, số lượng) as data, and their pure evaluation. The one figure reader (services/quotas.ts) counts
 * each rule's scope inside the approval's transaction, `evaluateRule` judges the figures, and the outcome (with the
 * figures it saw) goes into the approval event, so an auditor sees exactly what the check saw. Which awards a scope
 * counts is said here once (`scopeKeyOf`, `countsToward`, `figuresByScope`); the reader's SQL must agree with it (the
 * quota agreement test holds it to that).
 */
import type { Nominee } from './nomination/dossier.js';

/** Which approvals a rule counts together. */
export type QuotaScope =
  'decidingUnitYear' | 'submittingUnitYear' | 'decidingUnitYearForm' | 'decidingUnitYearTheme';

/** The people a share is about. */
export type QuotaCategory = 'directWorker' | 'nonLeader';

interface QuotaRuleBase {
  id: string;
  description: string;
  scope: QuotaScope;
  enforcement: 'block' | 'warn';
  /** Only nominations decided at these levels / submitted from these levels / of these forms are counted. */
  appliesTo?: { decidingLevels?: string[]; submittingLevels?: string[]; forms?: string[] };
}

export type QuotaRule =
  /** e.g. at least 15% of those commended are direct workers. */
  | (QuotaRuleBase & { kind: 'minShare'; category: QuotaCategory; share: number })
  | (QuotaRuleBase & { kind: 'maxShare'; category: QuotaCategory; share: number })
  /** e.g. at most four per province and theme. */
  | (QuotaRuleBase & { kind: 'maxCount'; count: number });

/** The figures of one scope before this approval: how many individuals approved, how many of them in the category. */
export interface ScopeFigures {
  total: number;
  inCategory: number;
}

export interface QuotaFinding {
  ruleId: string;
  kind: QuotaRule['kind'];
  description: string;
  scopeKey: string;
  enforcement: 'block' | 'warn';
  /** The limit: a share (0..1) or a count. */
  limit: number;
  before: ScopeFigures;
  after: ScopeFigures;
  /** The share after approving, where the rule is about a share. */
  shareAfter: number | null;
  outcome: 'ok' | 'warn' | 'block';
}

export interface QuotaOutcome {
  outcome: 'ok' | 'warn' | 'block';
  findings: QuotaFinding[];
}

export function inCategory(
  nominee: Pick<Nominee, 'isLeader' | 'isDirectWorker'>,
  category: QuotaCategory,
): boolean {
  return category === 'directWorker' ? nominee.isDirectWorker || !nominee.isLeader : !nominee.isLeader;
}

export function ruleApplies(
  rule: QuotaRule,
  context: {
    nominee: Pick<Nominee, 'kind'>;
    decidingLevel: string;
    submittingLevel: string;
    formCode: string;
  },
): boolean {
  // Shares are about individuals (tỷ lệ cá nhân); counts are about every nomination in scope.
  if (rule.kind !== 'maxCount' && context.nominee.kind !== 'individual') return false;
  const a = rule.appliesTo;
  if (a === undefined) return true;
  if (a.decidingLevels !== undefined && !a.decidingLevels.includes(context.decidingLevel)) return false;
  if (a.submittingLevels !== undefined && !a.submittingLevels.includes(context.submittingLevel)) return false;
  if (a.forms !== undefined && !a.forms.includes(context.formCode)) return false;
  return true;
}

/** Where an approval, or an award it left, stands: what every scope is cut from. */
export interface QuotaPlace {
  decidingUnitId: string;
  submittingUnitId: string;
  year: number;
  formCode: string;
  theme: string | null;
}

/** The scope a rule counts an approval at `place` in; approvals with the same key are counted (and locked) together. */
export function scopeKeyOf(scope: QuotaScope, place: QuotaPlace): string {
  switch (scope) {
    case 'decidingUnitYear':
      return `decider:${place.decidingUnitId}:${place.year}`;
    case 'submittingUnitYear':
      return `submitter:${place.submittingUnitId}:${place.year}`;
    case 'decidingUnitYearForm':
      return `decider:${place.decidingUnitId}:${place.year}:form:${place.formCode}`;
    case 'decidingUnitYearTheme':
      return `decider:${place.decidingUnitId}:${place.year}:theme:${place.theme ?? ''}`;
  }
}

/** A past award as the rules count it: one row of the award history. */
export interface CountedAward extends QuotaPlace {
  nominationId: string;
  nominee: Pick<Nominee, 'kind' | 'isLeader' | 'isDirectWorker'>;
  decidingLevel: string;
  submittingLevel: string;
  approvedAt: Date;
  revokedAt: Date | null;
}

/** A rule counts exactly the awards it would have applied to (its `appliesTo`, and only individuals for shares). */
export function countsToward(rule: QuotaRule, award: CountedAward): boolean {
  return ruleApplies(rule, {
    nominee: award.nominee,
    decidingLevel: award.decidingLevel,
    submittingLevel: award.submittingLevel,
    formCode: award.formCode,
  });
}

/** Whether the award stood at `at`: approved by then and not yet revoked; with no moment, whether it stands now. */
export function standsAt(award: CountedAward, at: Date | null): boolean {
  if (at === null) return award.revokedAt === null;
  return award.approvedAt <= at && (award.revokedAt === null || award.revokedAt > at);
}

/** The figures of each scope of `rule` that has awards standing at `at` (now when null), by scope key. */
export function figuresByScope(
  rule: QuotaRule,
  awards: readonly CountedAward[],
  at: Date | null = null,
): Map<string, ScopeFigures> {
  const figures = new Map<string, ScopeFigures>();
  for (const award of awards) {
    if (!standsAt(award, at) || !countsToward(rule, award)) continue;
    const key = scopeKeyOf(rule.scope, award);
    const scope = figures.get(key) ?? { total: 0, inCategory: 0 };
    const counts = rule.kind === 'maxCount' || inCategory(award.nominee, rule.category);
    figures.set(key, { total: scope.total + 1, inCategory: scope.inCategory + (counts ? 1 : 0) });
  }
  return figures;
}

/** Evaluates one applicable rule for approving `nominee`, given its scope's figures before the approval. */
export function evaluateRule(
  rule: QuotaRule,
  scopeKey: string,
  nominee: Nominee,
  before: ScopeFigures,
): QuotaFinding {
  const counts = rule.kind === 'maxCount' ? true : inCategory(nominee, rule.category);
  const after: ScopeFigures = { total: before.total + 1, inCategory: before.inCategory + (counts ? 1 : 0) };
  let violated: boolean;
  let limit: number;
  let shareAfter: number | null = null;
  switch (rule.kind) {
    case 'minShare':
      limit = rule.share;
      shareAfter = after.inCategory / after.total;
      // Approving someone in the category never breaks a floor; someone outside it does when the share would fall under.
      violated = !counts && shareAfter < rule.share;
      break;
    case 'maxShare':
      limit = rule.share;
      shareAfter = after.inCategory / after.total;
      violated = counts && shareAfter > rule.share;
      break;
    case 'maxCount':
      limit = rule.count;
      violated = after.total > rule.count;
      break;
    default: {
      const unknown: never = rule;
      throw new Error(`unknown quota rule ${JSON.stringify(unknown)}`);
    }
  }
  return {
    ruleId: rule.id,
    kind: rule.kind,
    description: rule.description,
    scopeKey,
    enforcement: rule.enforcement,
    limit,
    before,
    after,
    shareAfter,
    outcome: violated ? rule.enforcement : 'ok',
  };
}

export function combineFindings(findings: QuotaFinding[]): QuotaOutcome {
  const outcome = findings.some((f) => f.outcome === 'block')
    ? 'block'
    : findings.some((f) => f.outcome === 'warn')
      ? 'warn'
      : 'ok';
  return { outcome, findings };
}

/** The province's default rules (seed 004 II.3; seed 000), loaded as data and editable per deployment. */
export const defaultQuotaRules: QuotaRule[] = [
  {
    id: 'direct-worker-floor',
    kind: 'minShare',
    // Seed 004 II.3: at least 15% of individuals commended each year are direct workers or staff without a leadership post.
    description:
      'Ít nhất 15% cá nhân được khen thưởng trong năm là công nhân, lao động trực tiếp hoặc không giữ chức vụ lãnh đạo',
    scope: 'decidingUnitYear',
    category: 'directWorker',
    share: 0.15,
    enforcement: 'warn',
  },
  {
    id: 'base-non-leader-floor',
    kind: 'minShare',
    // Seed 000: at least 70% of those a base union commends are not leaders or managers.
    description:
      'Ít nhất 70% người được công đoàn cơ sở đề nghị và được khen thưởng không phải cán bộ lãnh đạo, quản lý',
    scope: 'submittingUnitYear',
    category: 'nonLeader',
    share: 0.7,
    enforcement: 'warn',
    appliesTo: { submittingLevels: ['base'] },
  },
];
