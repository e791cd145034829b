/**
 * What a unit's new drafts start with (domain/decision.ts `draftDefaults`): its legal bases, recipients and signer,
 * for all its decisions and for one form's. Its officers and deciders keep them; each draft is still theirs to edit.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireDecisionPreparer, type DecisionDefaults } from '../domain/decision.js';
import { DomainError } from '../domain/errors.js';
import type { Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';

/** A unit's defaults: its own (formCode null) and each form's. */
export async function unitDecisionDefaults(
  db: Kysely<Database>,
  unitId: string,
): Promise<DecisionDefaults[]> {
  const rows = await db
    .selectFrom('decision_defaults')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('form_code', (ob) => ob.nullsFirst())
    .execute();
  return rows.map((r) => ({
    formCode: r.form_code,
    bases: r.bases,
    recipients: r.recipients,
    signer: { name: r.signer_name, title: r.signer_title, capacity: r.signer_capacity },
  }));
}

export async function decisionDefaultsOf(deps: ServiceDeps, viewer: Viewer): Promise<DecisionDefaults[]> {
  requireDecisionPreparer(viewer);
  return unitDecisionDefaults(deps.db, viewer.unitId);
}

/** Sets the viewer's unit's defaults, for all its decisions (formCode null) or for one form's. */
export async function setDecisionDefaults(
  deps: ServiceDeps,
  viewer: Viewer,
  defaults: DecisionDefaults,
): Promise<DecisionDefaults[]> {
  requireDecisionPreparer(viewer);
  if (
    defaults.formCode !== null &&
    (await deps.db
      .selectFrom('award_forms')
      .select('code')
      .where('code', '=', defaults.formCode)
      .executeTakeFirst()) === undefined
  )
    throw new DomainError('InvalidReference', `There is no award form ${defaults.formCode}.`, {
      problems: [{ field: 'formCode', problem: `unknown award form ${defaults.formCode}` }],
    });
  const values = {
    bases: JSON.stringify(defaults.bases),
    recipients: JSON.stringify(defaults.recipients),
    signer_name: defaults.signer.name,
    signer_title: defaults.signer.title,
    signer_capacity: defaults.signer.capacity,
    updated_by: viewer.username,
    updated_at: new Date(),
  };
  await deps.db.transaction().execute(async (trx) => {
    // The unique index is on an expression (a null form is the unit's own), which ON CONFLICT cannot name: replace,
    // under the unit's row lock, so that two officers saving at once replace in turn instead of both inserting.
    await trx.selectFrom('units').select('id').where('id', '=', viewer.unitId).forUpdate().execute();
    let existing = trx.deleteFrom('decision_defaults').where('unit_id', '=', viewer.unitId);
    existing =
      defaults.formCode === null
        ? existing.where('form_code', 'is', null)
        : existing.where('form_code', '=', defaults.formCode);
    await existing.execute();
    await trx
      .insertInto('decision_defaults')
      .values({ unit_id: viewer.unitId, form_code: defaults.formCode, ...values })
      .execute();
  });
  return unitDecisionDefaults(deps.db, viewer.unitId);
}
