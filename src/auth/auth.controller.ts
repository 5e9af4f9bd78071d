import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { AnyRole, CurrentUser, Public } from '../common/auth/decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/create-user.dto';
import { LoginDto } from './dto/login.dto';
import { LoginResponseDto, PasswordChangedResponseDto, UserResponseDto } from './dto/user-response.dto';
import { AllowPendingPasswordChange } from './allow-pending-password-change.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges a username and password for a bearer token. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong username or password' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Too many failed sign-ins' })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponseDto> {
    return this.auth.login(dto, request.ip);
  }

  @Get('me')
  @AnyRole()
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return this.auth.me(user);
  }

  /**
   * Changes the caller's own password and clears a one-time password. The answer carries a new token:
   * one issued for a one-time password keeps opening only this route and /auth/me.
   */
  @Post('password')
  @AnyRole()
  @AllowPendingPasswordChange()
  @HttpCode(200)
  @ApiBearerAuth()
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<PasswordChangedResponseDto> {
    return this.auth.changePassword(user, dto);
  }
}
