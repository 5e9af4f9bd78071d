/** What every request checks its token or page session against (user_account, possibly a few seconds old). */
export interface AccountState {
  tokenVersion: number;
  sessionEpoch: number;
  active: boolean;
}

/** What a bearer token carries about the account when it was issued; a page session also its epoch. */
export interface IssuedCredential {
  tokenVersion: number;
  sessionEpoch?: number;
}

/**
 * A token or page session still opens the service while its account exists and is active, no password
 * change has happened since it was issued, and (a page session) the pages were not signed out since.
 */
export function isCredentialCurrent(account: AccountState | null, credential: IssuedCredential): boolean {
  if (!account?.active || account.tokenVersion !== credential.tokenVersion) return false;
  return credential.sessionEpoch === undefined || credential.sessionEpoch === account.sessionEpoch;
}
