/**
 * Lower-case letters and digits only (no shift key on a phone), keeping at most one character of each
 * group read as one another on paper: 0/o, 1/l/i, 2/z, 5/s, 6/b, 9/g/q, u/v.
 */
export const ONE_TIME_PASSWORD_ALPHABET = 'abcdefhjkmnpqrtwxy3478';

/** 12 characters of 22 symbols: about 53 bits, far beyond guessing through a rate-limited sign-in. */
export const ONE_TIME_PASSWORD_LENGTH = 12;

/**
 * A random one-time password. `randomIndex(n)` must return a uniformly random integer in [0, n):
 * `crypto.randomInt` in the service, a fixed sequence in specs.
 */
export function oneTimePassword(randomIndex: (n: number) => number): string {
  let password = '';
  for (let i = 0; i < ONE_TIME_PASSWORD_LENGTH; i++) {
    const index = randomIndex(ONE_TIME_PASSWORD_ALPHABET.length);
    if (!Number.isInteger(index) || index < 0 || index >= ONE_TIME_PASSWORD_ALPHABET.length) {
      throw new RangeError(`random index ${index} outside [0, ${ONE_TIME_PASSWORD_ALPHABET.length})`);
    }
    password += ONE_TIME_PASSWORD_ALPHABET[index];
  }
  return password;
}
