import { ArgumentsHost, ConflictException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { HttpExceptionFilter } from './http-exception.filter';

function run(exception: unknown): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const sent = { status: 0, body: {} as Record<string, unknown>, headers: {} as Record<string, string> };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

describe('HttpExceptionFilter', () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  it('maps a domain error code to its status and keeps the details', () => {
    const sent = run(new DomainError('VALIDATION_FAILED', 'nationalId: bad', [{ field: 'nationalId', message: 'bad' }]));
    expect(sent.status).toBe(400);
    expect(sent.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'VALIDATION_FAILED',
      message: 'nationalId: bad',
      details: [{ field: 'nationalId', message: 'bad' }],
    });
  });

  it.each([
    ['ILLEGAL_TRANSITION', 409],
    ['IDEMPOTENCY_KEY_REUSED', 422],
    ['RATE_LIMITED', 429],
    ['NOT_FOUND', 404],
  ] as const)('answers %s with %i', (code, status) => {
    expect(run(new DomainError(code, 'x')).status).toBe(status);
  });

  it('keeps the message of a Nest HTTP exception', () => {
    const sent = run(new ConflictException('already there'));
    expect(sent.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'CONFLICT', message: 'already there' });
  });

  it('answers a database that cannot serve now with 503 DATABASE_UNAVAILABLE, naming nothing of the database', () => {
    const readOnly = Object.assign(new Error('cannot execute UPDATE in a read-only transaction'), { code: '25006' });
    const sent = run(new QueryFailedError('UPDATE "student" SET "status" = $1', [], readOnly));
    expect(sent.status).toBe(503);
    expect(sent.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is unavailable; try again shortly',
    });
  });

  it('answers an unknown error with a bare 500: no message, stack, SQL or path', () => {
    const error = new Error('SQLITE_ERROR: no such column: "secret" at /work/main/src/x.ts:1');
    const sent = run(error);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ statusCode: 500, error: 'Internal Server Error', code: 'INTERNAL', message: 'Internal server error' });
  });
});
