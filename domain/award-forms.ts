/**
 * The award catalogue as the rules see it. Forms are data (loaded from the provincial regulation into
 * PostgreSQL); a nomination keeps a snapshot of its form so that later edits of the catalogue do not change how
 * an existing nomination is judged or replayed.
 */
import type { DecidingLevel } from './organisation.js';

export type AwardSubject = 'individual' | 'collective' | 'both';

/** A benefit-value tier for initiative awards (Bằng Lao động sáng tạo, regulation 1564/2014 art. 16). */
export interface BenefitTier {
  /** Who the tier is for. */
  who: 'leader' | 'nonLeaderUniversity' | 'nonLeaderUpToCollege';
  minBenefitVnd: number;
  /** Alternative: this total over three consecutive years. */
  orOverThreeYearsVnd?: number;
}

export interface Eligibility {
  /** Only units and people registered for the year's movement are considered. */
  registrationRequired?: boolean;
  /** A lower title held in each of the years just before this one. */
  prerequisite?: { form: string; consecutiveYears: number };
  benefitTiers?: BenefitTier[];
  /** `moreThan` for "more than half" (quá bán); `atLeast` for "at least two thirds". */
  voteComparison?: 'moreThan' | 'atLeast';
}

export interface AwardForm {
  code: string;
  name: string;
  subject: AwardSubject;
  decidingLevel: DecidingLevel;
  requiredDocuments: string[];
  /** Share of the council members present who must vote in favour. */
  voteThreshold: number;
  /** Ad-hoc (đột xuất) awards take a fast track with shorter deadlines. */
  fastTrack: boolean;
  eligibility: Eligibility;
}
