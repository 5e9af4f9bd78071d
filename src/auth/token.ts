import { AuthUser, Role, ROLES } from '../common/auth/auth-user';

export interface TokenPayload {
  sub: number;
  username: string;
  role: Role;
  enterpriseId: number | null;
  studentId: number | null;
  /** Signed in with a one-time password: only the password change is open until it is replaced. */
  mustChangePassword?: boolean;
}

export const toTokenPayload = (user: AuthUser, mustChangePassword = false): TokenPayload => ({
  sub: user.id,
  username: user.username,
  role: user.role,
  enterpriseId: user.enterpriseId,
  studentId: user.studentId,
  ...(mustChangePassword ? { mustChangePassword: true } : {}),
});

export function toAuthUser(payload: TokenPayload): AuthUser {
  if (!Number.isInteger(payload.sub) || !ROLES.includes(payload.role)) throw new Error('malformed token');
  return {
    id: payload.sub,
    username: payload.username,
    role: payload.role,
    enterpriseId: payload.enterpriseId ?? null,
    studentId: payload.studentId ?? null,
  };
}
