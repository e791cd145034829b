import { describe, expect, it } from '@jest/globals';
import { capabilitiesOf } from '../../domain/capabilities.js';

describe('what an officer may do beyond a nomination’s actions', () => {
  it('follows the rules of decisions and of the honour roll, role by role', () => {
    expect(capabilitiesOf({ role: 'board_member', unitLevel: 'province' })).toEqual({
      prepareDecisions: true,
      issueDecisions: true,
      recordHonourRollConsent: true,
    });
    expect(capabilitiesOf({ role: 'province_officer', unitLevel: 'province' })).toEqual({
      prepareDecisions: true,
      issueDecisions: false,
      recordHonourRollConsent: true,
    });
    expect(capabilitiesOf({ role: 'district_head', unitLevel: 'district' })).toMatchObject({
      prepareDecisions: true,
      issueDecisions: true,
    });
    expect(capabilitiesOf({ role: 'base_officer', unitLevel: 'base' })).toEqual({
      prepareDecisions: false,
      issueDecisions: false,
      recordHonourRollConsent: true,
    });
    expect(capabilitiesOf({ role: 'auditor', unitLevel: 'province' })).toEqual({
      prepareDecisions: false,
      issueDecisions: false,
      recordHonourRollConsent: false,
    });
  });
});
