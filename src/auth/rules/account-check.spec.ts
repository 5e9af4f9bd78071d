import { isCredentialCurrent } from './account-check';

describe('isCredentialCurrent', () => {
  const account = { tokenVersion: 3, sessionEpoch: 7, active: true };

  it('admits a token issued at the account version', () => {
    expect(isCredentialCurrent(account, { tokenVersion: 3 })).toBe(true);
  });

  it('refuses a token issued before a password change', () => {
    expect(isCredentialCurrent(account, { tokenVersion: 2 })).toBe(false);
  });

  it('refuses any token of a missing or deactivated account', () => {
    expect(isCredentialCurrent(null, { tokenVersion: 0 })).toBe(false);
    expect(isCredentialCurrent({ ...account, active: false }, { tokenVersion: 3 })).toBe(false);
  });

  it('refuses a page session from before a sign-out, and one from before a password change', () => {
    expect(isCredentialCurrent(account, { tokenVersion: 3, sessionEpoch: 7 })).toBe(true);
    expect(isCredentialCurrent(account, { tokenVersion: 3, sessionEpoch: 6 })).toBe(false);
    expect(isCredentialCurrent(account, { tokenVersion: 2, sessionEpoch: 7 })).toBe(false);
  });
});
