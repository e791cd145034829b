/**
 * The kysely view of the database: one interface per table. Migrations in `db/migrations/` are the source
 * of truth for the schema; these types follow them.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz read back as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz the database fills in (a default of now()). */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type JsonValue = ColumnType<unknown, string, string>;

import type { UnitLevel } from '../domain/organisation.js';
import type { Role } from '../domain/roles.js';

export type { Role, UnitLevel };
export type UnitBlock = 'administrative' | 'business';

/** The organisation tree (cây tổ chức): data, because a deployment describes its own tree. */
export interface UnitTable {
  id: string;
  parent_id: string | null;
  name: string;
  level: UnitLevel;
  block: UnitBlock | null;
  /** The abbreviation used in decision numbers, e.g. `LĐLĐ` in `15/QĐ-LĐLĐ`. */
  decision_suffix: string;
}

/** Union members (đoàn viên): the people nominations are about. */
export interface MemberTable {
  id: string;
  unit_id: string;
  full_name: string;
  gender: 'male' | 'female';
  birth_year: number;
  position: string;
  is_leader: boolean;
  is_direct_worker: boolean;
  /** Kept off the public honour roll, as the member asked (personal-data consent). */
  honour_roll_opt_out: Generated<boolean>;
  honour_roll_changed_by: ColumnType<string | null, string | null | undefined, string | null>;
  honour_roll_changed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type AwardSubject = 'individual' | 'collective' | 'both';

/** The award catalogue (hình thức khen thưởng): data, loaded from the provincial regulation. */
export interface AwardFormTable {
  code: string;
  name: string;
  subject: AwardSubject;
  /** The unit level whose unit decides this form. */
  deciding_level: UnitLevel;
  required_documents: JsonValue;
  /** Share of council members present who must vote yes, e.g. 0.5 (more than half) or 0.9. */
  vote_threshold: ColumnType<string, number | string, number | string>;
  fast_track: boolean;
  /** Eligibility rules as data (registration, prerequisites, benefit tiers); interpreted by `domain/`. */
  eligibility: JsonValue;
}

export interface AccountTable {
  id: Generated<string>;
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  unit_id: string;
  email: string | null;
  created_at: GeneratedTimestamp;
}

/**
 * The event store: every decision on a nomination, append-only (a trigger refuses UPDATE and DELETE) and
 * chained by hash so that any later edit shows.
 */
export interface NominationEventTable {
  id: Generated<string>;
  nomination_id: string;
  /** 1-based position in the nomination's stream: with nomination_id, the event's identity. */
  position: number;
  type: string;
  occurred_at: Timestamp;
  actor_id: string;
  actor_role: string;
  actor_unit_id: string;
  comment: string | null;
  data: JsonValue;
  prev_hash: string;
  hash: string;
  recorded_at: GeneratedTimestamp;
}

/** Read model of nominations, projected from the events in the same transaction. */
export interface NominationTable {
  id: string;
  status: string;
  stage: string;
  nominee_name: string;
  award_form_code: string;
  year: number;
  submitting_unit_id: string;
  holding_unit_id: string;
  /** Number of events applied: the version officers send back in If-Match. */
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  nominee_kind: Generated<string>;
  nominee_member_id: string | null;
  nominee_unit_id: string | null;
  is_leader: Generated<boolean>;
  is_direct_worker: Generated<boolean>;
  route: ColumnType<unknown, string | undefined, string>;
  deciding_unit_id: string | null;
  decision_number: string | null;
  decided_at: Timestamp | null;
  stage_entered_at: Timestamp | null;
  deadline_at: Timestamp | null;
  fast_track: Generated<boolean>;
  return_count: Generated<number>;
  theme: string | null;
}

export interface AwardHistoryTable {
  nomination_id: string;
  nominee_kind: string;
  member_id: string | null;
  nominee_unit_id: string;
  submitting_unit_id: string;
  deciding_unit_id: string;
  deciding_level: string;
  form_code: string;
  year: number;
  theme: string | null;
  is_leader: boolean;
  is_direct_worker: boolean;
  decision_number: string;
  approved_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface DecisionCounterTable {
  unit_id: string;
  year: number;
  last_sequence: number;
}

/** The register of decision numbers: one row per approval; the approvals of one decision share its number. */
export interface DecisionTable {
  unit_id: string;
  year: number;
  sequence: number;
  number: string;
  nomination_id: string;
  decided_at: Timestamp;
  /** The decision record the approval was issued in; none for the one-nomination approvals. */
  decision_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A decision (quyết định) as a record: a draft a deciding unit prepares, numbered and dated when issued. */
export interface DecisionRecordTable {
  id: Generated<string>;
  issuing_unit_id: string;
  kind: Generated<'award' | 'revocation'>;
  status: Generated<'draft' | 'issued'>;
  year: number;
  title: string;
  /** The legal bases (căn cứ), a line each. */
  bases: ColumnType<string[], string | undefined, string>;
  occasion: string | null;
  movement_id: string | null;
  /** Where the paper goes (nơi nhận), a line each. */
  recipients: ColumnType<string[], string | undefined, string>;
  signer_name: string | null;
  signer_title: string | null;
  /** "TM. BAN THƯỜNG VỤ" and the like: on whose behalf the signer signs. */
  signer_capacity: string | null;
  /** Why a revocation decision revokes; null for an award decision. */
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  sequence: number | null;
  number: string | null;
  issued_at: Timestamp | null;
  issued_by: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

/** The decision's annex (danh sách kèm theo): the nominations it decides. */
export interface DecisionAnnexTable {
  decision_id: string;
  nomination_id: string;
  kind: Generated<'award' | 'revocation'>;
  added_by: string;
  added_at: GeneratedTimestamp;
}

/** What a unit's new drafts start with: for all its decisions (form_code null), and added for one form's. */
export interface DecisionDefaultsTable {
  unit_id: string;
  form_code: string | null;
  bases: ColumnType<string[], string | undefined, string>;
  recipients: ColumnType<string[], string | undefined, string>;
  signer_name: string | null;
  signer_title: string | null;
  signer_capacity: string | null;
  updated_by: string;
  updated_at: GeneratedTimestamp;
}

/** The scan of a decision's signed and stamped paper; its SHA-256 is part of the decision's record. */
export interface DecisionScanTable {
  decision_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: GeneratedTimestamp;
}

/** The base salary (mức lương cơ sở) from a date on, by decree. */
export interface BaseSalaryTable {
  effective_from: ColumnType<string, string, string>;
  amount_vnd: number;
  source: string;
}

/** A form's bonus, as multiples of the base salary, from a date on, by the regulation. */
export interface AwardFormBonusTable {
  form_code: string;
  effective_from: ColumnType<string, string, string>;
  individual_multiple: ColumnType<string, number | string, number | string>;
  collective_multiple: ColumnType<string, number | string, number | string>;
  source: string;
}

/** The code printed on a decision (nomination_id null) or on the certificate of one award in it. */
export interface VerificationCodeTable {
  code: string;
  decision_id: string;
  nomination_id: string | null;
  created_at: GeneratedTimestamp;
}

export interface QuotaRuleTable {
  id: string;
  rule: JsonValue;
  active: Generated<boolean>;
}

export interface RegistrationTable {
  id: Generated<string>;
  movement_id: string | null;
  year: number;
  unit_id: string;
  member_id: string | null;
  registered_at: GeneratedTimestamp;
}

/**
 * An e-mail's way out: `pending` → `sending` (claimed, before the send) → `sent`. `unknown`: a claim whose attempt
 * ended without telling (the process or the database died mid-send), found by the outbox sweep; SMTP may have taken
 * it, so it waits for an operator. `failed`: the SMTP server refused it for good.
 */
export type EmailStatus = 'none' | 'pending' | 'sending' | 'sent' | 'failed' | 'unknown';

export interface NotificationTable {
  id: string;
  nomination_id: string | null;
  period_id: string | null;
  kind: string;
  recipient_account_id: string;
  recipient_unit_id: string;
  subject: string;
  body: string;
  email: string | null;
  email_status: EmailStatus;
  email_sent_at: Timestamp | null;
  email_claimed_at: Timestamp | null;
  email_attempts: Generated<number>;
  email_error: string | null;
  email_requeued_at: Timestamp | null;
  email_resolved_by: string | null;
  email_resolved_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  read_at: Timestamp | null;
}

/** Small key-value facts about this installation (e.g. that the demo data was loaded). */
export interface InstallationFactTable {
  key: string;
  value: JsonValue;
  updated_at: GeneratedTimestamp;
}

/** Consecutive wrong passwords for a username, and the lock they led to. */
export interface LoginFailureTable {
  username: string;
  failures: number;
  first_failed_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface SessionTable {
  token_hash: string;
  account_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface IdempotencyKeyTable {
  account_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: GeneratedTimestamp;
}

export interface AttachmentTable {
  id: Generated<string>;
  nomination_id: string;
  kind: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: GeneratedTimestamp;
}

export interface StreamHeadTable {
  nomination_id: string;
  position: number;
  hash: string;
  signature: string;
  updated_at: GeneratedTimestamp;
}

export interface ReportingPeriodTable {
  id: string;
  kind: 'halfYear' | 'year';
  year: number;
  opened_at: Timestamp;
  due_at: Timestamp;
  status: 'open' | 'closed';
  closed_at: Timestamp | null;
}

export interface ReportTable {
  period_id: string;
  unit_id: string;
  upper_unit_id: string;
  status: 'due' | 'submitted' | 'overdue';
  submitted_at: Timestamp | null;
  content: ColumnType<unknown, string | null, string | null>;
  /** Bumped by every save and the submission: the version officers send back in If-Match. */
  version: Generated<number>;
}

/** An officer's training in emulation and commendation work (tập huấn nghiệp vụ), counted by the yearly indicator. */
export interface OfficerTrainingTable {
  account_id: string;
  year: number;
  course: string;
  held_on: DateColumn;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
}

/** A date column: read as a Date at midnight UTC by pg; written as YYYY-MM-DD. */
type DateColumn = ColumnType<Date, string, string>;

export interface MovementTable {
  id: Generated<string>;
  launching_unit_id: string;
  name: string;
  target_group: string;
  starts_on: DateColumn;
  ends_on: DateColumn;
  criteria: JsonValue;
  interim_reviews: JsonValue;
  final_review: DateColumn;
  status: 'active' | 'closed';
  launched_by: string;
  launched_at: GeneratedTimestamp;
}

export interface MovementScopeTable {
  movement_id: string;
  unit_id: string;
}

export interface MovementReviewResult {
  unitId: string;
  scores: Record<string, number>;
  total: number;
}

export interface MovementReviewTable {
  movement_id: string;
  kind: 'interim' | 'final';
  held_on: DateColumn;
  results: ColumnType<MovementReviewResult[], string, string>;
  summary: string;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
}

export interface MovementNominationTable {
  movement_id: string;
  batch_id: string;
  row_number: number;
  nomination_id: string;
}

export interface Database {
  movements: MovementTable;
  movement_reviews: MovementReviewTable;
  movement_nominations: MovementNominationTable;
  movement_scope: MovementScopeTable;
  reporting_periods: ReportingPeriodTable;
  reports: ReportTable;
  officer_trainings: OfficerTrainingTable;
  stream_heads: StreamHeadTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  idempotency_keys: IdempotencyKeyTable;
  attachments: AttachmentTable;
  units: UnitTable;
  members: MemberTable;
  award_forms: AwardFormTable;
  accounts: AccountTable;
  nomination_events: NominationEventTable;
  nominations: NominationTable;
  installation_facts: InstallationFactTable;
  award_history: AwardHistoryTable;
  decision_counters: DecisionCounterTable;
  decisions: DecisionTable;
  decision_records: DecisionRecordTable;
  decision_annex: DecisionAnnexTable;
  verification_codes: VerificationCodeTable;
  base_salaries: BaseSalaryTable;
  decision_scans: DecisionScanTable;
  decision_defaults: DecisionDefaultsTable;
  award_form_bonuses: AwardFormBonusTable;
  quota_rules: QuotaRuleTable;
  registrations: RegistrationTable;
  notifications: NotificationTable;
}

export type NominationEventRow = Selectable<NominationEventTable>;
export type NewNominationEvent = Insertable<NominationEventTable>;
export type NominationRow = Selectable<NominationTable>;
