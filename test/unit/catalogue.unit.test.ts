import { describe, expect, it } from '@jest/globals';
import { actionPaths } from '../../api/nomination-actions.js';
import { issueKinds } from '../../audit/verify.js';
import { correctableFigures } from '../../domain/report.js';
import {
  decidingLevels,
  nominationActions,
  nominationEventTypes,
  nominationStatuses,
  reviewCheckNames,
  roles,
  unitLevels,
} from '../../domain/vocabulary.js';
import { vi } from '../../messages/vi.js';
import { outboxStatuses } from '../../services/mail-outbox.js';

/** The codes of `codes` that have no (non-empty) label in `section`. */
const unlabelled = (section: Readonly<Record<string, unknown>>, codes: readonly string[]): string[] =>
  codes.filter((code) => {
    const label = section[code];
    return typeof label !== 'string' || label.trim() === '';
  });

// A new event type, role, check, … that reaches a person must come with its Vietnamese label: the lists come from the
// domain (domain/vocabulary.ts is checked against the domain's types by the compiler), the labels from the catalogue.
describe('the catalogue (messages/vi.js) names everything the domain defines', () => {
  it('labels every event type', () => {
    expect(unlabelled(vi.events, nominationEventTypes)).toEqual([]);
  });

  it('labels every status and every review stage', () => {
    expect(unlabelled(vi.stages, nominationStatuses)).toEqual([]);
    expect(
      unlabelled(
        vi.stages,
        decidingLevels.map((level) => `review:${level}`),
      ),
    ).toEqual([]);
  });

  it('labels every action, by the name the API gives it, and the API names every action of the domain', () => {
    expect(unlabelled(vi.actions, Object.keys(actionPaths))).toEqual([]);
    expect([...new Set(Object.values(actionPaths))].sort()).toEqual([...nominationActions].sort());
  });

  it('labels every role, and the system', () => {
    expect(unlabelled(vi.roles, [...roles, 'system'])).toEqual([]);
  });

  it('labels every level of unit', () => {
    expect(unlabelled(vi.levels, unitLevels)).toEqual([]);
  });

  it('labels every review check', () => {
    expect(unlabelled(vi.checks, reviewCheckNames)).toEqual([]);
  });

  it('labels every figure of a report, every problem the verification finds and every outbox status', () => {
    expect(unlabelled(vi.reportFigures, correctableFigures)).toEqual([]);
    expect(unlabelled(vi.verificationIssues, issueKinds)).toEqual([]);
    expect(unlabelled(vi.emailStatus, outboxStatuses)).toEqual([]);
  });

  it('has no label left over for an event type, role or check the domain no longer has', () => {
    expect(
      Object.keys(vi.events).filter((t) => !(nominationEventTypes as readonly string[]).includes(t)),
    ).toEqual([]);
    expect(
      Object.keys(vi.roles).filter((r) => r !== 'system' && !(roles as readonly string[]).includes(r)),
    ).toEqual([]);
    expect(
      Object.keys(vi.checks).filter((c) => !(reviewCheckNames as readonly string[]).includes(c)),
    ).toEqual([]);
  });
});
