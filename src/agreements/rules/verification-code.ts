// A code printed on every agreement so a paper copy can be checked: 12 characters from an alphabet
// without look-alikes (no 0/O, 1/I/L), printed in groups of four and read back in any case or grouping.

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 12;

/** `randomBytes` are uniform bytes (crypto in the service); 248 of 256 values map evenly onto 31 characters. */
export function verificationCodeFrom(randomBytes: Uint8Array): string {
  let code = '';
  for (const byte of randomBytes) {
    if (byte >= 248) continue;
    code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    if (code.length === CODE_LENGTH) return code;
  }
  throw new RangeError('not enough random bytes for a verification code');
}

export const formatCode = (code: string): string => code.match(/.{1,4}/g)!.join('-');

/** The code as typed or scanned, or null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}
