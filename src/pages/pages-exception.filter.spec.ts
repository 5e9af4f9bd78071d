import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { BARE_SERVER_ERROR, PagesExceptionFilter } from './pages-exception.filter';

describe('PagesExceptionFilter', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('answers a bare 500 when the error page itself cannot be drawn, instead of leaving the request waiting', async () => {
    const sent: { status?: number; type?: string; body?: unknown } = {};
    const reply = {
      sent: false,
      setCookie: () => reply,
      generateCsrf: () => {
        throw new Error('the page could not be drawn');
      },
      code: (status: number) => ((sent.status = status), reply),
      header: () => reply,
      type: (type: string) => ((sent.type = type), reply),
      send: (body: unknown) => ((sent.body = body), reply),
    };
    const request = {
      method: 'GET',
      url: '/staff/x',
      query: {},
      cookies: {},
      headers: {},
      session: { get: () => undefined, set: () => undefined },
    };
    const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;

    await new PagesExceptionFilter().catch(new NotFoundException(), host);

    expect(sent).toEqual({ status: 500, type: 'text/plain; charset=utf-8', body: BARE_SERVER_ERROR });
    expect(Logger.prototype.error).toHaveBeenCalledWith(expect.stringContaining('the page could not be drawn'));
  });
});
