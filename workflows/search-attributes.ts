import { defineSearchAttributeKey } from '@temporalio/common';

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
