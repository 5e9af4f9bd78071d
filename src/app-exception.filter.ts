import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { isApiPath } from './common/http/api-path';
import { PagesExceptionFilter } from './pages/pages-exception.filter';

/**
 * Every error, by where it was asked: under /api the API's JSON error, anywhere else a page in the page's
 * language. Global, so that it also answers what fails before any controller runs: an address no route serves,
 * a form body over the limit, a form whose CSRF token no longer matches its session.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly api = new HttpExceptionFilter();
  private readonly pages = new PagesExceptionFilter();

  catch(error: unknown, host: ArgumentsHost): void | Promise<void> {
    const { url } = host.switchToHttp().getRequest<FastifyRequest>();
    return isApiPath(url) ? this.api.catch(error, host) : this.pages.catch(error, host);
  }
}
