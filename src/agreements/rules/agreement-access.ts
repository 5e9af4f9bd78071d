import { AuthUser } from '../../common/auth/auth-user';

/** Staff see every agreement; a student their own; an enterprise those it is a party to. */
export function canReadAgreement(user: AuthUser, agreement: { studentId: number; enterpriseId: number | null }): boolean {
  switch (user.role) {
    case 'admin':
    case 'staff':
      return true;
    case 'student':
      return user.studentId === agreement.studentId;
    case 'enterprise':
      return agreement.enterpriseId !== null && user.enterpriseId === agreement.enterpriseId;
  }
}
