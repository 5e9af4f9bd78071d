import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  const limits = { windowMs: 1000, maxPerAccount: 3, maxPerAddress: 5 };

  it('blocks an account on one address after the allowed number of failures', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) {
      expect(throttle.isBlocked('1.1.1.1', 'wang', 0)).toBe(false);
      throttle.recordFailure('1.1.1.1', 'wang', 0);
    }
    expect(throttle.isBlocked('1.1.1.1', 'wang', 0)).toBe(true);
    expect(throttle.isBlocked('1.1.1.1', 'li', 0)).toBe(false);
    expect(throttle.isBlocked('2.2.2.2', 'wang', 0)).toBe(false);
  });

  it('blocks an address that sprays many usernames', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) throttle.recordFailure('1.1.1.1', `user${i}`, 0);
    expect(throttle.isBlocked('1.1.1.1', 'someone-else', 0)).toBe(true);
  });

  it('forgets failures older than the window', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) throttle.recordFailure('1.1.1.1', 'wang', 0);
    expect(throttle.isBlocked('1.1.1.1', 'wang', 999)).toBe(true);
    expect(throttle.isBlocked('1.1.1.1', 'wang', 1000)).toBe(false);
  });

  it('treats usernames case-insensitively and clears an account on success', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) throttle.recordFailure('1.1.1.1', 'Wang', 0);
    expect(throttle.isBlocked('1.1.1.1', 'wang', 0)).toBe(true);
    throttle.recordSuccess('1.1.1.1', 'WANG');
    expect(throttle.isBlocked('1.1.1.1', 'wang', 0)).toBe(false);
  });
});
