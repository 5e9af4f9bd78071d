import { homeOf } from './home';

describe('homeOf', () => {
  it('sends each role to its own desk', () => {
    expect(homeOf({ role: 'student', studentId: 12 })).toBe('/student/12');
    expect(homeOf({ role: 'enterprise', studentId: null })).toBe('/enterprise');
    expect(homeOf({ role: 'staff', studentId: null })).toBe('/staff');
    expect(homeOf({ role: 'admin', studentId: null })).toBe('/staff');
  });

  it('sends a student account bound to no student to its account page', () => {
    expect(homeOf({ role: 'student', studentId: null })).toBe('/password');
  });
});
