import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_STATUS } from '../common/errors/domain-error';
import { pageError } from './page-errors';
import { resolveLang } from './page-session';
import { refusedForCsrf } from './pages-plugins';
import { redirect, renderPage } from './page-view';
import { PasswordChangeRequired, SignInRequired } from './pages.guard';
import { errorTrace } from '../common/errors/error-trace';

const MESSAGE_BY_STATUS: Record<number, string> = {
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  413: 'error.tooLarge',
};

export const BARE_SERVER_ERROR = '服务器出错，请稍后再试。Something went wrong on the server; please try again later.';

/** The pages answer errors with a page, not JSON; a missing session goes to the sign-in form. */
@Catch()
export class PagesExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof SignInRequired) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      redirect(reply, `/login${next}`);
      return;
    }
    if (error instanceof PasswordChangeRequired) {
      redirect(reply, '/password');
      return;
    }
    let status = 500;
    let detail: string | null = null;
    if (error instanceof DomainError) {
      status = ERROR_STATUS[error.code];
      // In the page's language, by code and field: the API's English message is never shown.
      if (status < 500 && status !== 404 && status !== 403) detail = pageError(resolveLang(request, reply), error).message;
    } else if (error instanceof HttpException) {
      status = error.getStatus();
    } else {
      this.logger.error(errorTrace(error));
    }
    const message = refusedForCsrf(request)
      ? 'error.formExpired'
      : (MESSAGE_BY_STATUS[status] ?? (status >= 500 ? 'error.server' : 'error.title'));
    try {
      await renderPage(request, reply, 'error', { message, detail, status }, status);
    } catch (failure) {
      // The error page itself failed: a bare answer rather than a request left waiting for ever.
      this.logger.error(errorTrace(failure));
      if (!reply.sent) reply.code(500).type('text/plain; charset=utf-8').send(BARE_SERVER_ERROR);
    }
  }
}
