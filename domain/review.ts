/**
 * The review of a nomination (xét duyệt): is the dossier complete, did the council vote carry, is the nominee
 * eligible. Pure: the review activity gathers the facts from the database and asks this function.
 */
import type { AwardForm } from './award-forms.js';
import type { Dossier, Nominee } from './nomination/dossier.js';
// The words and number formats people read in a check's detail: leaves with no imports and no I/O, so the rule stays
// pure (messages/ is the one place words live, for the domain too).
import { formatNumber, formatPercent, formatVnd } from '../messages/format.js';
import { labelOf, vi } from '../messages/vi.js';

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

/** Each check's detail is a Vietnamese clause: officers read it where a dossier is refused. */
const words = vi.checkDetails;

export function reviewNomination({ form, nominee, dossier, year, facts }: ReviewInput): ReviewResult {
  const checks: ReviewCheck[] = [];

  const missing = form.requiredDocuments.filter((d) => !dossier.documents.includes(d));
  checks.push({
    check: 'documents',
    passed: missing.length === 0,
    detail:
      missing.length === 0
        ? words.documentsComplete
        : words.documentsMissing(missing.map((d) => labelOf(vi.documents, d)).join(', ')),
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
    detail: words.councilVote({
      inFavour: formatNumber(inFavour),
      present: formatNumber(present),
      share: formatPercent(share),
      moreThan,
      threshold: formatPercent(form.voteThreshold),
    }),
  });

  if (form.eligibility.registrationRequired === true) {
    checks.push({
      check: 'registration',
      passed: facts.registered,
      detail: facts.registered ? words.registered(year) : words.notRegistered(year),
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
        ? words.noDoubleAward
        : words.alreadyAwarded({ form: same.formCode, year, nominationId: same.nominationId }),
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
          ? words.prerequisiteHeld({ form: prerequisite.form, years: years.join(', ') })
          : words.prerequisiteMissing({ form: prerequisite.form, years: lacking.sort().join(', ') }),
    });
  }

  const tiers = form.eligibility.benefitTiers;
  if (tiers !== undefined && tiers.length > 0) {
    const initiative = dossier.initiative;
    if (initiative === null || nominee.kind !== 'individual') {
      checks.push({
        check: 'benefitValue',
        passed: false,
        detail: words.initiativeRequired,
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
            ? words.noBenefitTier(vi.benefitTierWho[who])
            : words.benefitValue({
                value: formatVnd(initiative.benefitVnd),
                who: vi.benefitTierWho[who],
                needs: formatVnd(tier.minBenefitVnd),
                overThreeYears:
                  tier.orOverThreeYearsVnd === undefined ? null : formatVnd(tier.orOverThreeYearsVnd),
              }),
      });
    }
  }

  return { passed: checks.every((c) => c.passed), checks };
}
