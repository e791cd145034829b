/** Creating a nomination: a draft for a nominee of the submitting unit, on a route to the unit that decides its form. */
import { DomainError } from '../../errors.js';
import { decidesAt } from '../../organisation.js';
import { officerRoles } from '../../roles.js';
import type { CreateNomination } from '../commands.js';
import type { NominationEvent } from '../events.js';
import type { NominationState } from '../state.js';
import { envelope, requireRole, requireStatus, requireUnit } from './guards.js';

export function create(command: CreateNomination, state: NominationState): NominationEvent[] {
  requireStatus(state, ['none'], 'create this nomination');
  requireUnit(command.actor, command.submittingUnitId, 'create a nomination for this unit');
  requireOwnNominee(command);
  const first = command.route[0];
  if (first?.unitId !== command.submittingUnitId)
    throw new DomainError('NoRoute', 'The route must start at the submitting unit');
  requireRole(command.actor, officerRoles(first.level), 'create a nomination');
  const last = command.route.at(-1);
  if (last === undefined || !decidesAt(last.level, command.form.decidingLevel)) {
    throw new DomainError('NoRoute', `The route must end at a unit that decides ${command.form.code}`);
  }
  const subject = command.form.subject;
  if (subject !== 'both' && subject !== command.nominee.kind) {
    throw new DomainError(
      'InvalidDossier',
      `${command.form.name} is only for ${subject === 'individual' ? 'individuals' : 'collectives'}`,
    );
  }
  return [
    {
      type: 'NominationCreated',
      ...envelope(command),
      data: {
        nominee: command.nominee,
        dossier: command.dossier,
        form: command.form,
        year: command.year,
        submittingUnitId: command.submittingUnitId,
        route: command.route,
        timing: command.timing,
      },
    },
  ];
}

/**
 * A unit nominates its own people and collectives: the nominee's unit is the submitting unit or below it. Commands of
 * workflows started before the rule moved here carry no path; their services had checked it.
 */
function requireOwnNominee(command: CreateNomination): void {
  if (command.nomineeUnitPath === undefined || command.nomineeUnitPath.includes(command.submittingUnitId))
    return;
  throw new DomainError(
    'WrongUnit',
    `${command.nominee.name} does not belong to unit ${command.submittingUnitId}`,
    { nomineeUnit: command.nominee.unitId },
  );
}
