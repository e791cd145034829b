import {
  defineSearchAttributeKey,
  type SearchAttributePair,
  type TypedSearchAttributes,
} from '@temporalio/common';
import type { CreateNomination } from '../domain/nomination/commands.js';
import { stageOf, type ExistingNomination } from '../domain/nomination/state.js';

/**
 * Search attributes a nomination workflow keeps up to date, so officers and auditors can find
 * nominations in Temporal by where they stand. Defined once here: the workflow upserts them, the
 * client filters by them, and the servers register them from this list.
 */
export const nominationStage = defineSearchAttributeKey('NominationStage', 'KEYWORD');
export const holdingUnit = defineSearchAttributeKey('HoldingUnit', 'KEYWORD');
export const awardForm = defineSearchAttributeKey('AwardForm', 'KEYWORD');
export const awardYear = defineSearchAttributeKey('AwardYear', 'INT');

export const projectSearchAttributes = [nominationStage, holdingUnit, awardForm, awardYear] as const;

/** Where a nomination stands, as its search attributes say it. */
export interface NominationSearch {
  stage: string;
  holder: string;
  form: string;
  year: number;
}

export function searchOf(nomination: ExistingNomination): NominationSearch {
  return {
    stage: stageOf(nomination),
    holder: nomination.holder,
    form: nomination.form.code,
    year: nomination.year,
  };
}

/** A new nomination's, set with the workflow's start so that its creation needs no upsert: a draft at its unit. */
export function searchOfCreation(create: CreateNomination): NominationSearch {
  return { stage: 'draft', holder: create.submittingUnitId, form: create.form.code, year: create.year };
}

export function searchAttributePairs(search: NominationSearch): SearchAttributePair[] {
  return [
    { key: nominationStage, value: search.stage },
    { key: holdingUnit, value: search.holder },
    { key: awardForm, value: search.form },
    { key: awardYear, value: search.year },
  ];
}

/** The values a workflow was started with, or null when it was started without all of them (before they were set). */
export function searchFrom(attributes: TypedSearchAttributes): NominationSearch | null {
  const stage = attributes.get(nominationStage);
  const holder = attributes.get(holdingUnit);
  const form = attributes.get(awardForm);
  const year = attributes.get(awardYear);
  if (stage === undefined || holder === undefined || form === undefined || year === undefined) return null;
  return { stage, holder, form, year };
}

export const sameSearch = (a: NominationSearch | null, b: NominationSearch): boolean =>
  a !== null && a.stage === b.stage && a.holder === b.holder && a.form === b.form && a.year === b.year;
