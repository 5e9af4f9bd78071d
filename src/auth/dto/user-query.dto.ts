import { IsIn, IsOptional } from 'class-validator';
import { Role, ROLES } from '../../common/auth/auth-user';
import { PageQueryDto } from '../../common/pagination/page';

export class UserQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}
