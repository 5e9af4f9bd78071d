import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserQueryDto } from './dto/user-query.dto';
import { UserPageDto, UserResponseDto } from './dto/user-response.dto';
import { UsersService } from './users.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Admin: any role. Staff: enterprise and student accounts only. */
  @Post()
  @Roles('admin', 'staff')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(actor, dto);
  }

  /** Admin: every account in id order, optionally of one role. */
  @Get()
  @Roles('admin')
  list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  /** Admin: deactivates (`{"active": false}`) or reactivates an account; audited as user.deactivated / user.activated. */
  @Patch(':id')
  @Roles('admin')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'An admin deactivating their own account' })
  update(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.users.setActive(actor, id, dto);
  }
}
