import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { AuthUser, Role } from '../common/auth/auth-user';
import { ALLOWED_ROLES, IS_PUBLIC } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { ALLOWS_PENDING_PASSWORD_CHANGE } from './allow-pending-password-change.decorator';
import { AccountStateService } from './account-state.service';
import { isCredentialCurrent } from './rules/account-check';
import { routeAccess } from './rules/route-access';
import { TokenPayload, toAuthUser, tokenVersionOf } from './token';

/**
 * Global: every route needs a valid bearer token and a role it names, unless marked @Public. A token
 * issued for a one-time password opens only the routes marked @AllowPendingPasswordChange. The token must
 * still match its account: a password change, a deactivation or a deleted account ends it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: AccountStateService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const { user, mustChangePassword } = await this.authenticate(request.headers.authorization);
    request.user = user;

    const access = routeAccess(
      { role: user.role, mustChangePassword },
      {
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets),
        allowsPendingPasswordChange: this.reflector.getAllAndOverride<boolean>(ALLOWS_PENDING_PASSWORD_CHANGE, targets) === true,
      },
    );
    if (access === 'ROLE_REFUSED') throw new DomainError('FORBIDDEN', `Role ${user.role} may not do this`);
    if (access === 'PASSWORD_CHANGE_REQUIRED') {
      throw new DomainError(
        'PASSWORD_CHANGE_REQUIRED',
        'This account still has its one-time password: change it with POST /api/auth/password, then use the new token',
      );
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<{ user: AuthUser; mustChangePassword: boolean }> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
    let claims: { user: AuthUser; mustChangePassword: boolean; tokenVersion: number };
    try {
      const payload = await this.jwt.verifyAsync<TokenPayload>(match[1]);
      claims = {
        user: toAuthUser(payload),
        mustChangePassword: payload.mustChangePassword === true,
        tokenVersion: tokenVersionOf(payload),
      };
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The token is invalid or has expired');
    }
    if (!isCredentialCurrent(await this.accounts.current(claims.user.id), claims)) {
      throw new DomainError('UNAUTHENTICATED', 'The token is no longer valid; sign in again');
    }
    return claims;
  }
}
