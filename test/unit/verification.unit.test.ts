import { describe, expect, it } from '@jest/globals';
import {
  formatVerificationCode,
  normaliseVerificationCode,
  verificationCodeFrom,
  verificationUrl,
} from '../../domain/verification.js';

describe('verification codes', () => {
  it('are ten characters of Crockford base 32, from the low five bits of each random byte', () => {
    expect(verificationCodeFrom(Uint8Array.from([0, 1, 9, 10, 17, 18, 21, 26, 31, 32 + 5]))).toBe(
      '019AHJNTZ5',
    );
    expect(() => verificationCodeFrom(new Uint8Array(9))).toThrow(/ten|10/);
  });

  it('forgive what people mistype or a camera adds: case, spaces, hyphens, I and L for 1, O for 0', () => {
    expect(normaliseVerificationCode('019ah-jmtz5')).toBe('019AHJMTZ5');
    expect(normaliseVerificationCode(' O1 9AH JMTZ5 ')).toBe('019AHJMTZ5');
    expect(normaliseVerificationCode('Ol9AHJMTZ5')).toBe('019AHJMTZ5');
    expect(normaliseVerificationCode('iL9AHJMTZ5')).toBe('119AHJMTZ5');
  });

  it('refuse what cannot be a code: the wrong length, or a letter the alphabet leaves out', () => {
    expect(normaliseVerificationCode('019AHJMTZ')).toBeUndefined();
    expect(normaliseVerificationCode('019AHJMTZ55')).toBeUndefined();
    expect(normaliseVerificationCode('019AHJMTZU')).toBeUndefined();
    expect(normaliseVerificationCode('../../etc1')).toBeUndefined();
  });

  it('print in two groups of five, under the public address', () => {
    expect(formatVerificationCode('019AHJMTZ5')).toBe('019AH-JMTZ5');
    expect(verificationUrl('https://thidua.example.vn/', '019AHJMTZ5')).toBe(
      'https://thidua.example.vn/xac-minh/019AH-JMTZ5',
    );
  });
});
