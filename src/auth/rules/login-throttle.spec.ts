import { loginThrottleKeys } from './login-throttle';

describe('loginThrottleKeys', () => {
  it('counts an account under the same key from every address, so a new address does not unlock it', () => {
    expect(loginThrottleKeys('1.1.1.1', 'wang').account).toEqual(loginThrottleKeys('2.2.2.2', 'wang').account);
    expect(loginThrottleKeys('1.1.1.1', 'wang').account).not.toEqual(loginThrottleKeys('1.1.1.1', 'li').account);
  });

  it('treats usernames case-insensitively', () => {
    expect(loginThrottleKeys('1.1.1.1', 'Wang').account.key).toBe(loginThrottleKeys('1.1.1.1', 'WANG').account.key);
  });

  it('counts an address under the same key whatever the account, with a higher limit for a shared NAT', () => {
    const one = loginThrottleKeys('1.1.1.1', 'wang');
    const other = loginThrottleKeys('1.1.1.1', 'li');
    expect(one.address).toEqual(other.address);
    expect(one.address.key).not.toBe(loginThrottleKeys('2.2.2.2', 'wang').address.key);
    expect(one.address.limit).toBeGreaterThan(one.account.limit);
  });
});
