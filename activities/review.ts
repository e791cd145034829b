/** Gathers the facts a review needs (registration, award history) and asks the pure review. */
import type { Kysely } from 'kysely';
import type { AwardForm } from '../domain/award-forms.js';
import type { Dossier, Nominee } from '../domain/nomination/dossier.js';
import { reviewNomination, type ReviewResult } from '../domain/review.js';
import type { Database } from '../db/schema.js';

export interface ReviewRequest {
  nominationId: string;
  form: AwardForm;
  nominee: Nominee;
  dossier: Dossier;
  year: number;
}

export async function runReview(db: Kysely<Database>, request: ReviewRequest): Promise<ReviewResult> {
  const { nominee, year } = request;
  let registration = db.selectFrom('registrations').select('id').where('year', '=', year);
  registration =
    nominee.kind === 'individual' && nominee.memberId !== null
      ? registration.where('member_id', '=', nominee.memberId)
      : registration.where('unit_id', '=', nominee.unitId).where('member_id', 'is', null);
  const registered = (await registration.executeTakeFirst()) !== undefined;

  let history = db
    .selectFrom('award_history')
    .select(['form_code', 'deciding_level', 'year', 'theme', 'nomination_id'])
    .where('revoked_at', 'is', null)
    .where('nomination_id', '!=', request.nominationId);
  history =
    nominee.kind === 'individual' && nominee.memberId !== null
      ? history.where('member_id', '=', nominee.memberId)
      : history.where('nominee_kind', '=', 'collective').where('nominee_unit_id', '=', nominee.unitId);
  const awards = await history.execute();

  return reviewNomination({
    ...request,
    facts: {
      registered,
      awardHistory: awards.map((a) => ({
        formCode: a.form_code,
        decidingLevel: a.deciding_level,
        year: a.year,
        theme: a.theme,
        nominationId: a.nomination_id,
      })),
    },
  });
}
