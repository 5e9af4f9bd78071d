import { AuthUser } from '../../common/auth/auth-user';
import { canReadAgreement } from './agreement-access';

const user = (role: AuthUser['role'], binding: Partial<AuthUser> = {}): AuthUser => ({
  id: 1,
  username: 'u',
  role,
  enterpriseId: null,
  studentId: null,
  ...binding,
});

describe('canReadAgreement', () => {
  const agreement = { studentId: 7, enterpriseId: 3 };

  it('lets admin and staff read any agreement', () => {
    expect(canReadAgreement(user('admin'), agreement)).toBe(true);
    expect(canReadAgreement(user('staff'), agreement)).toBe(true);
  });

  it('lets a student read only their own', () => {
    expect(canReadAgreement(user('student', { studentId: 7 }), agreement)).toBe(true);
    expect(canReadAgreement(user('student', { studentId: 8 }), agreement)).toBe(false);
  });

  it('lets an enterprise read only agreements it is a party to', () => {
    expect(canReadAgreement(user('enterprise', { enterpriseId: 3 }), agreement)).toBe(true);
    expect(canReadAgreement(user('enterprise', { enterpriseId: 4 }), agreement)).toBe(false);
    expect(canReadAgreement(user('enterprise', { enterpriseId: 3 }), { studentId: 7, enterpriseId: null })).toBe(false);
  });
});
