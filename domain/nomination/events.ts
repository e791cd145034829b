/**
 * The events of a nomination's stream. Plain JSON only (ISO time strings, no Date): the same values cross
 * into the workflow, into PostgreSQL and into the auditor's replay.
 *
 * This is the foundation slice: creation only. The full set (submit, return, endorse, approve, ...) comes
 * with the decider.
 */

/** Who acted: the officer, in which role, for which unit. */
export interface Actor {
  id: string;
  role: string;
  unitId: string;
}

export interface NominationCreatedData {
  nomineeName: string;
  awardFormCode: string;
  year: number;
  submittingUnitId: string;
}

interface EventBase<Type extends string, Data> {
  type: Type;
  /** When the officer acted (ISO 8601). */
  occurredAt: string;
  actor: Actor;
  comment: string | null;
  data: Data;
}

/** Đề nghị khen thưởng được lập: a base union officer drafted the nomination. */
export type NominationCreated = EventBase<'NominationCreated', NominationCreatedData>;

export type NominationEvent = NominationCreated;

/** An event with its place in the stream: (nominationId, position) is its identity. */
export interface PositionedEvent {
  nominationId: string;
  position: number;
  event: NominationEvent;
}
