import type { KeyLimit } from '../../common/rate-limit/rate-limiter';

/** Failed sign-ins are counted in windows of this length. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/**
 * The counters a failed sign-in adds to. One account, whatever the address: guesses spread over many
 * addresses add up, and arriving from a new address never unlocks it. One address, whatever the account:
 * spraying many accounts. A school behind one NAT shares an address, so that limit is well above the other.
 */
export function loginThrottleKeys(address: string, username: string): { account: KeyLimit; address: KeyLimit } {
  return {
    account: { key: `login:account:${username.toLowerCase()}`, limit: 5 },
    address: { key: `login:address:${address}`, limit: 50 },
  };
}
