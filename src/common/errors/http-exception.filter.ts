import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from './database-unavailable';
import { DomainError, ERROR_STATUS, ErrorCode, ErrorDetail } from './domain-error';
import { ErrorResponseDto } from './error-response.dto';
import { RateLimitedError } from '../rate-limit/rate-limited.error';
import { errorTrace } from './error-trace';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

/** Fastify's own errors (bad JSON, body too large, bad content type) carry a statusCode and a FST_ code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (exception instanceof RateLimitedError) reply.header('Retry-After', String(exception.retryAfterSeconds));
    reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorResponseDto {
    if (exception instanceof DomainError) {
      return { ...exception.extra, ...shape(ERROR_STATUS[exception.code], exception.code, exception.message, exception.details) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : (messageOf(response) ?? exception.message);
      return this.known(status, message, exception);
    }
    const fastify = exception as FastifyLikeError;
    if (typeof fastify?.statusCode === 'number' && fastify.code?.startsWith('FST_')) {
      return this.known(fastify.statusCode, fastifyMessage(fastify), exception);
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      return shape(HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly');
    }
    this.logger.error(errorTrace(exception));
    return shape(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'Internal server error');
  }

  private known(status: number, message: string, exception: unknown): ErrorResponseDto {
    if (status >= 500) {
      this.logger.error(errorTrace(exception));
      return shape(status, 'INTERNAL', 'Internal server error');
    }
    return shape(status, CODE_BY_STATUS[status] ?? 'CONFLICT', message);
  }
}

function shape(statusCode: number, code: string, message: string, details?: ErrorDetail[]): ErrorResponseDto {
  const body: ErrorResponseDto = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message };
  if (details?.length) body.details = details;
  return body;
}

function messageOf(response: object): string | undefined {
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}

/** Fastify's messages are safe to show; a few are reworded to say what the client can fix. */
function fastifyMessage(error: FastifyLikeError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type; send application/json';
    default:
      return error.message ?? 'Bad request';
  }
}
