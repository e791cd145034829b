import type { Migration } from 'kysely';
import * as foundation from './2026-11-21T2000_foundation.js';
import * as approvalPath from './2026-11-21T2100_approval-path.js';
import * as officersApi from './2026-11-21T2200_officers-api.js';
import * as audit from './2026-11-21T2300_audit.js';
import * as reporting from './2026-11-22T0000_reporting.js';
import * as movements from './2026-11-22T0100_movements.js';
import * as movementReviews from './2026-11-22T0200_movement-reviews.js';
import * as reportEditing from './2026-11-22T0300_report-editing.js';
import * as loginFailures from './2026-11-22T0400_login-failures.js';
import * as mailOutbox from './2026-11-22T0400_mail-outbox.js';
import * as dropNominationCounts from './2026-11-22T0500_drop-nomination-counts.js';
import * as decisionRecords from './2026-11-22T0600_decision-records.js';
import * as verificationCodes from './2026-11-22T0700_verification-codes.js';
import * as honourRoll from './2026-11-22T0800_honour-roll.js';
import * as bonusAmounts from './2026-11-22T0900_bonus-amounts.js';
import * as signedScans from './2026-11-22T1000_signed-scans.js';
import * as decisionDefaults from './2026-11-22T1100_decision-defaults.js';
import * as readIndexes from './2026-11-22T1200_read-indexes.js';

/**
 * Every migration, by name. Listed statically (not read from the folder) so that the same list works from
 * sources, from the compiled build and inside the test runner. Names sort by date: the Migrator runs them
 * in that order.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-21T2000_foundation': foundation,
  '2026-11-21T2100_approval-path': approvalPath,
  '2026-11-21T2200_officers-api': officersApi,
  '2026-11-21T2300_audit': audit,
  '2026-11-22T0000_reporting': reporting,
  '2026-11-22T0100_movements': movements,
  '2026-11-22T0200_movement-reviews': movementReviews,
  '2026-11-22T0300_report-editing': reportEditing,
  '2026-11-22T0400_login-failures': loginFailures,
  '2026-11-22T0400_mail-outbox': mailOutbox,
  '2026-11-22T0500_drop-nomination-counts': dropNominationCounts,
  '2026-11-22T0600_decision-records': decisionRecords,
  '2026-11-22T0700_verification-codes': verificationCodes,
  '2026-11-22T0800_honour-roll': honourRoll,
  '2026-11-22T0900_bonus-amounts': bonusAmounts,
  '2026-11-22T1000_signed-scans': signedScans,
  '2026-11-22T1100_decision-defaults': decisionDefaults,
  '2026-11-22T1200_read-indexes': readIndexes,
};
