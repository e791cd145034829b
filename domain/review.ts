/**
 * The review of a nomination (xét duyệt): is the dossier complete, did the council vote carry, is the nominee
 * eligible. Pure: the review activity gathers the facts from the database and asks this function.
 */
import type { AwardForm } from './award-forms.js';
import type { Dossier, Nominee } from './nomination/dossier.js';

/** An award already decided, from the nominee's award history. */
export interface PastAward {
  formCode: string;
  decidingLevel: string;
  year: number;
  theme: string | null;
  nominationId: string;
}

export interface ReviewFacts {
  /** Registered (đăng ký thi đua) for the nomination's year. */
  registered: boolean;
  awardHistory: PastAward[];
}

export type ReviewCheckName =
  'documents' | 'councilVote' | 'registration' | 'noDoubleAward' | 'prerequisite' | 'benefitValue';

export interface ReviewCheck {
  check: ReviewCheckName;
  passed: boolean;
  detail: string;
}

export interface ReviewResult {
  passed: boolean;
  checks: ReviewCheck[];
}

export interface ReviewInput {
  form: AwardForm;
  nominee: Nominee;
  dossier: Dossier;
  year: number;
  facts: ReviewFacts;
}

export function reviewNomination({ form, nominee, dossier, year, facts }: ReviewInput): ReviewResult {
  const checks: ReviewCheck[] = [];

  const missing = form.requiredDocuments.filter((d) => !dossier.documents.includes(d));
  checks.push({
    check: 'documents',
    passed: missing.length === 0,
    detail: missing.length === 0 ? 'all required documents are attached' : `missing: ${missing.join(', ')}`,
  });

  const { present, inFavour } = dossier.councilVote;
  const share = present > 0 ? inFavour / present : 0;
  const moreThan = form.eligibility.voteComparison === 'moreThan';
  const carried =
    present > 0 &&
    inFavour <= present &&
    (moreThan ? share > form.voteThreshold : share >= form.voteThreshold);
  checks.push({
    check: 'councilVote',
    passed: carried,
    detail: `${inFavour}/${present} in favour (${(share * 100).toFixed(1)}%), needs ${moreThan ? 'more than' : 'at least'} ${(form.voteThreshold * 100).toFixed(1)}%`,
  });

  if (form.eligibility.registrationRequired === true) {
    checks.push({
      check: 'registration',
      passed: facts.registered,
      detail: facts.registered ? `registered for ${year}` : `not registered for the ${year} movement`,
    });
  }

  const same = facts.awardHistory.find(
    (a) =>
      a.year === year &&
      a.decidingLevel === form.decidingLevel &&
      (a.theme ?? null) === (dossier.theme ?? null),
  );
  checks.push({
    check: 'noDoubleAward',
    passed: same === undefined,
    detail:
      same === undefined
        ? 'no award for the same achievement at this level'
        : `already awarded ${same.formCode} for ${year} at this level (nomination ${same.nominationId})`,
  });

  const prerequisite = form.eligibility.prerequisite;
  if (prerequisite !== undefined) {
    const years = Array.from({ length: prerequisite.consecutiveYears }, (_, i) => year - 1 - i);
    const lacking = years.filter(
      (y) => !facts.awardHistory.some((a) => a.formCode === prerequisite.form && a.year === y),
    );
    checks.push({
      check: 'prerequisite',
      passed: lacking.length === 0,
      detail:
        lacking.length === 0
          ? `${prerequisite.form} held in ${years.join(', ')}`
          : `${prerequisite.form} missing for ${lacking.sort().join(', ')}`,
    });
  }

  const tiers = form.eligibility.benefitTiers;
  if (tiers !== undefined && tiers.length > 0) {
    const initiative = dossier.initiative;
    if (initiative === null || nominee.kind !== 'individual') {
      checks.push({
        check: 'benefitValue',
        passed: false,
        detail: 'an initiative with its benefit value is required',
      });
    } else {
      const who = nominee.isLeader
        ? 'leader'
        : initiative.education === 'university'
          ? 'nonLeaderUniversity'
          : 'nonLeaderUpToCollege';
      const tier = tiers.find((t) => t.who === who);
      const enough =
        tier !== undefined &&
        (initiative.benefitVnd >= tier.minBenefitVnd ||
          (tier.orOverThreeYearsVnd !== undefined &&
            (initiative.threeYearBenefitVnd ?? 0) >= tier.orOverThreeYearsVnd));
      checks.push({
        check: 'benefitValue',
        passed: enough,
        detail:
          tier === undefined
            ? `no benefit tier for ${who}`
            : `${initiative.benefitVnd.toLocaleString('en-US')} VND, tier for ${who} needs ${tier.minBenefitVnd.toLocaleString('en-US')} VND` +
              (tier.orOverThreeYearsVnd !== undefined
                ? ` (or ${tier.orOverThreeYearsVnd.toLocaleString('en-US')} over 3 years)`
                : ''),
      });
    }
  }

  return { passed: checks.every((c) => c.passed), checks };
}
