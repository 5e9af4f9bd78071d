import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChangePasswordDto } from '../auth/dto/create-user.dto';
import { LoginDto } from '../auth/dto/login.dto';
import { AuthService } from '../auth/auth.service';
import { AnyRole, CurrentUser, Public } from '../common/auth/decorators';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError } from '../common/errors/domain-error';
import { RateLimitedError } from '../common/rate-limit/rate-limited.error';
import { filledFields, validateForm } from './page-forms';
import { PageSession, readPageSession, setFlash } from './page-session';
import { redirect, renderPage } from './page-view';
import { homeOf } from './rules/home';
import { PagesGuard, PasswordPage } from './pages.guard';

/** Sign-in, sign-out and the change of a one-time password. */
@ApiExcludeController()
@Public()
@Controller()
export class AuthPagesController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const session = readPageSession(request);
    return redirect(reply, session ? homeOf(session.user) : '/login');
  }

  @Get('login')
  loginForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('next') next?: string): Promise<unknown> {
    return renderPage(request, reply, 'login', { next: safeNext(next), username: '' });
  }

  @Post('login')
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Record<string, unknown>): Promise<unknown> {
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const username = typeof form.username === 'string' ? form.username : '';
    const { value, errors } = await validateForm(LoginDto, filledFields(form, ['username', 'password']));
    if (!value) return renderPage(request, reply, 'login', { next, username, errors }, 400);
    try {
      const session = await this.auth.signInToPages(value, request.ip);
      request.session.regenerate();
      request.session.set('page', session);
      return redirect(reply, session.mustChangePassword ? '/password' : (next ?? homeOf(session.user)));
    } catch (error) {
      if (error instanceof RateLimitedError) {
        reply.header('Retry-After', String(error.retryAfterSeconds));
        return renderPage(request, reply, 'login', { next, username, failure: 'login.throttled' }, 429);
      }
      if (!(error instanceof DomainError) || error.code !== 'UNAUTHENTICATED') throw error;
      return renderPage(request, reply, 'login', { next, username, failure: 'login.failed' }, 401);
    }
  }

  /** Ends the session on the server too, so a copy of the cookie taken before no longer opens pages. */
  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const session = readPageSession(request);
    if (session) await this.auth.signOutOfPages(session);
    request.session.delete();
    return redirect(reply, '/login');
  }

  @Get('password')
  @UseGuards(PagesGuard)
  @AnyRole()
  @PasswordPage()
  passwordForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<unknown> {
    return renderPage(request, reply, 'password', { mustChange: readPageSession(request)?.mustChangePassword ?? false });
  }

  @Post('password')
  @UseGuards(PagesGuard)
  @AnyRole()
  @PasswordPage()
  async changePassword(
    @CurrentUser() actor: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: Record<string, unknown>,
  ): Promise<unknown> {
    const mustChange = readPageSession(request)?.mustChangePassword ?? false;
    const { value, errors } = await validateForm(ChangePasswordDto, filledFields(form, ['currentPassword', 'newPassword']));
    const mismatch = form.confirmPassword !== form.newPassword;
    if (!value || mismatch) {
      const shown = passwordErrors(errors ?? {});
      if (mismatch && !shown.newPassword) shown.confirmPassword = 'studentPage.passwordMismatch';
      return renderPage(request, reply, 'password', { mustChange, errors: shown }, 400);
    }
    let session: PageSession;
    try {
      session = await this.auth.changePasswordFromPages(actor, value);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
      const fields = Object.fromEntries((error.details ?? []).map((d) => [d.field, SERVICE_REFUSAL[d.field] ?? 'error.title']));
      return renderPage(request, reply, 'password', { mustChange, errors: fields }, 400);
    }
    request.session.set('page', session);
    setFlash(request, { ok: true, text: 'password.changed' });
    return redirect(reply, homeOf(actor));
  }
}

/** The password service's refusals by field, in the page's words (its own messages are the API's English). */
const SERVICE_REFUSAL: Record<string, string> = {
  currentPassword: 'studentPage.currentWrong',
  newPassword: 'studentPage.passwordSame',
};

/** The form's own checks: left empty, or a new password outside the rules. */
function passwordErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, m]) => [
      field,
      m === 'error.required' ? m : field === 'newPassword' ? 'studentPage.passwordTooShort' : 'error.title',
    ]),
  );
}

/** Only a path of this site, so the sign-in form cannot be used to send someone elsewhere. */
function safeNext(next: string | undefined): string | null {
  return next && /^\/(?!\/)[\w\-/?=&%.]*$/.test(next) ? next : null;
}
