import { Role } from '../../common/auth/auth-user';
import { UserEntity } from '../user.entity';

export class UserResponseDto {
  id!: number;
  username!: string;
  role!: Role;
  /** Set for role enterprise. */
  enterpriseId?: number;
  /** Set for role student. */
  studentId?: number;
  /** The password is a one-time password that must be changed before anything else. */
  mustChangePassword!: boolean;
  /** A deactivated account cannot sign in and its tokens are refused. */
  active!: boolean;
}

export class UserPageDto {
  items!: UserResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export class LoginResponseDto {
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn!: number;
  user!: UserResponseDto;
}

/** The account after the change, and a new token: the one used for the change may still carry a one-time password. */
export class PasswordChangedResponseDto extends UserResponseDto {
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn!: number;
}

export function toUserResponse(
  user: Pick<UserEntity, 'id' | 'username' | 'role' | 'enterpriseId' | 'studentId' | 'mustChangePassword' | 'active'>,
): UserResponseDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    ...(user.enterpriseId !== null ? { enterpriseId: user.enterpriseId } : {}),
    ...(user.studentId !== null ? { studentId: user.studentId } : {}),
    mustChangePassword: user.mustChangePassword,
    active: user.active,
  };
}
