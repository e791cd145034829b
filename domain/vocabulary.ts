/**
 * The domain's closed vocabularies as runtime lists: event types, statuses, roles, unit levels, review checks and
 * actions. Their types are declared where they belong (events.ts, state.ts, …); each list here is checked against
 * its type at compile time, both ways, so a new event type (or role, check, …) does not compile until it is listed,
 * and the catalogue's test (test/unit/catalogue.unit.test.ts) then asks for its Vietnamese label.
 */
import type { NominationAction } from './nomination/commands.js';
import type { NominationEventType } from './nomination/events.js';
import type { NominationStatus } from './nomination/state.js';
import type { DecidingLevel, UnitLevel } from './organisation.js';
import type { ReviewCheckName } from './review.js';
import type { Role } from './roles.js';

/**
 * The list, typed as it is written, refused by the compiler when it leaves out a member of `Union` (the error names
 * the missing ones); `readonly Union[]` already refuses a member that is not in the union.
 */
const everyOf =
  <Union extends string>() =>
  <const List extends readonly Union[]>(
    list: List &
      ([Exclude<Union, List[number]>] extends [never] ? unknown : { missing: Exclude<Union, List[number]> }),
  ): List =>
    list;

export const nominationEventTypes = everyOf<NominationEventType>()([
  'NominationCreated',
  'NominationSubmitted',
  'NominationReturned',
  'NominationResubmitted',
  'NominationEndorsed',
  'NominationDowngraded',
  'NominationApproved',
  'NominationRejected',
  'NominationWithdrawn',
  'AwardRevoked',
  'QuotaOverrideRecorded',
  'DeadlineReminderSent',
  'DeadlineEscalated',
]);

/** The statuses of an existing nomination (`none` is the state before its first event, never shown). */
export const nominationStatuses = everyOf<Exclude<NominationStatus, 'none'>>()([
  'draft',
  'inReview',
  'returned',
  'approved',
  'rejected',
  'withdrawn',
  'revoked',
]);

export const nominationActions = everyOf<NominationAction>()([
  'submit',
  'returnForRevision',
  'resubmit',
  'endorse',
  'downgrade',
  'approve',
  'reject',
  'withdraw',
  'revoke',
  'overrideQuota',
]);

export const roles = everyOf<Role>()([
  'base_officer',
  'district_officer',
  'district_head',
  'province_officer',
  'board_member',
  'auditor',
  'admin',
]);

export const unitLevels = everyOf<UnitLevel>()(['tld', 'province', 'district', 'sector', 'base']);

/** The levels a nomination is reviewed at: its stage while in review is `review:<level>` (see stageOf). */
export const decidingLevels = everyOf<DecidingLevel>()(['district', 'province', 'tld']);

export const reviewCheckNames = everyOf<ReviewCheckName>()([
  'documents',
  'councilVote',
  'registration',
  'noDoubleAward',
  'prerequisite',
  'benefitValue',
]);
