import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthUser, Role } from '../common/auth/auth-user';
import { ALLOWED_ROLES } from '../common/auth/decorators';
import { AccountStateService } from '../auth/account-state.service';
import { isCredentialCurrent } from '../auth/rules/account-check';
import { DomainError } from '../common/errors/domain-error';
import { readPageSession } from './page-session';

/** Thrown without a session: the pages' filter sends the browser to the sign-in form. */
export class SignInRequired extends Error {}
/** Thrown while a one-time password is unchanged: the filter sends the browser to the change-password form. */
export class PasswordChangeRequired extends Error {}

const PASSWORD_PAGE = 'pagesPasswordPage';
/** The change-password form itself opens while a one-time password is still unchanged. */
export const PasswordPage = () => SetMetadata(PASSWORD_PAGE, true);

/**
 * The pages are @Public to the API's bearer guard; this guard reads the session cookie instead and
 * admits the roles the handler's @Roles names, the same roles its API route admits. A session whose account
 * has since signed out of the pages, changed its password or been deactivated is cleared.
 */
@Injectable()
export class PagesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountStateService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const session = readPageSession(request);
    if (!session) throw new SignInRequired();
    if (!isCredentialCurrent(await this.accounts.current(session.user.id), session)) {
      request.session.delete();
      throw new SignInRequired();
    }
    if (session.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_PAGE, targets))
      throw new PasswordChangeRequired();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!roles?.includes(session.user.role)) throw new DomainError('FORBIDDEN', `Role ${session.user.role} may not open this page`);
    request.user = session.user;
    return true;
  }
}
