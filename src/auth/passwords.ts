import * as argon2 from 'argon2';

// argon2id with the library's defaults (OWASP-recommended memory and time costs).
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

/**
 * A generated one-time password carries about 53 random bits, so it needs no key stretching beyond
 * OWASP's argon2id minimum (19 MiB, 2 passes): ten times faster, which matters for a whole cohort.
 */
export const hashOneTimePassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export const verifyPassword = (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password).catch(() => false);
