import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Role, ROLES } from '../../common/auth/auth-user';
import { MAX_ID } from '../../common/validation/id-param.dto';
import { MIN_PASSWORD_LENGTH } from '../../config/app-config';

export class CreateUserDto {
  /** Letters, digits and . _ - ; 3 to 64 characters. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username must be 3 to 64 letters, digits, dots, underscores or hyphens' })
  username!: string;

  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password!: string;

  @IsIn(ROLES)
  role!: Role;

  /** Required for role enterprise, refused otherwise. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  enterpriseId?: number;

  /** Required for role student, refused otherwise. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  studentId?: number;
}

export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword!: string;

  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  newPassword!: string;
}
