/**
 * Verification codes: every issued decision, and every award in it, gets a short code printed on its paper (with a QR
 * code of the public address that checks it). A code is ten characters of Crockford's base 32 (50 random bits):
 * unguessable at the public page's rate limit, short enough to read out or type from a phone, and printed in two
 * groups of five ("7K3QD-M9XWA"). Typing mistakes people make are forgiven as Crockford intends: case, the hyphen and
 * spaces, I and L for 1, O for 0.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_LENGTH = 10;

/** A fresh code from ten random bytes (the caller's, so that this module stays pure): the low 5 bits of each. */
export function verificationCodeFrom(random: Uint8Array): string {
  if (random.length < VERIFICATION_CODE_LENGTH)
    throw new Error(`a verification code needs ${VERIFICATION_CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) code += ALPHABET.charAt((random[i] ?? 0) & 31);
  return code;
}

/** What a person typed or a QR code carried, as stored; undefined when it cannot be a code at all. */
export function normaliseVerificationCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (code.length !== VERIFICATION_CODE_LENGTH) return undefined;
  for (const c of code) if (!ALPHABET.includes(c)) return undefined;
  return code;
}

/** As printed: two groups of five. */
export function formatVerificationCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The public address a printed code's QR code opens (the deployment's public URL, then the code). */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/xac-minh/${formatVerificationCode(code)}`;
}
