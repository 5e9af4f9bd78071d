import { AuthUser, Role, ROLES } from '../common/auth/auth-user';

export interface TokenPayload {
  sub: number;
  username: string;
  role: Role;
  enterpriseId: number | null;
  studentId: number | null;
  /** The account's token version when the token was issued; a token without one was issued at version 0. */
  ver?: number;
  /** Signed in with a one-time password: only the password change is open until it is replaced. */
  mustChangePassword?: boolean;
}

export const toTokenPayload = (user: AuthUser, { tokenVersion = 0, mustChangePassword = false } = {}): TokenPayload => ({
  sub: user.id,
  username: user.username,
  role: user.role,
  enterpriseId: user.enterpriseId,
  studentId: user.studentId,
  ver: tokenVersion,
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

export function tokenVersionOf(payload: TokenPayload): number {
  const version = payload.ver ?? 0;
  if (!Number.isInteger(version)) throw new Error('malformed token');
  return version;
}
