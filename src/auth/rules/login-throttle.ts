/**
 * Counts failed sign-ins in a sliding window. Two keys are counted: one address with one username
 * (guessing one account), and one address overall (spraying many accounts). A school behind one
 * NAT shares an address, so the per-address limit is set well above the per-account one.
 */
export interface LoginThrottleLimits {
  windowMs: number;
  maxPerAccount: number;
  maxPerAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  windowMs: 15 * 60 * 1000,
  maxPerAccount: 5,
  maxPerAddress: 50,
};

const MAX_TRACKED_KEYS = 10_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS) {}

  isBlocked(address: string, username: string, nowMs: number): boolean {
    return (
      this.recent(accountKey(address, username), nowMs) >= this.limits.maxPerAccount ||
      this.recent(addressKey(address), nowMs) >= this.limits.maxPerAddress
    );
  }

  recordFailure(address: string, username: string, nowMs: number): void {
    if (this.failures.size > MAX_TRACKED_KEYS) this.sweep(nowMs);
    for (const key of [accountKey(address, username), addressKey(address)]) {
      const times = this.prune(key, nowMs);
      times.push(nowMs);
      this.failures.set(key, times);
    }
  }

  /** A correct password clears that account's count, not the address's. */
  recordSuccess(address: string, username: string): void {
    this.failures.delete(accountKey(address, username));
  }

  private sweep(nowMs: number): void {
    for (const key of [...this.failures.keys()]) this.prune(key, nowMs);
  }

  private recent(key: string, nowMs: number): number {
    return this.prune(key, nowMs).length;
  }

  private prune(key: string, nowMs: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => nowMs - t < this.limits.windowMs);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }
}

const accountKey = (address: string, username: string): string => `${address}\u0000${username.toLowerCase()}`;
const addressKey = (address: string): string => address;
