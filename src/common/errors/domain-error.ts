import { HttpStatus } from '@nestjs/common';

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'ILLEGAL_TRANSITION'
  | 'CAPACITY_FULL'
  | 'CONFLICT'
  | 'ALREADY_PAID'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'UNPROCESSABLE'
  | 'IMPORT_REJECTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'DATABASE_UNAVAILABLE';

/** Adding a code without a status fails to compile. */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  PASSWORD_CHANGE_REQUIRED: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  DUPLICATE: HttpStatus.CONFLICT,
  ILLEGAL_TRANSITION: HttpStatus.CONFLICT,
  CAPACITY_FULL: HttpStatus.CONFLICT,
  CONFLICT: HttpStatus.CONFLICT,
  ALREADY_PAID: HttpStatus.CONFLICT,
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  UNPROCESSABLE: HttpStatus.UNPROCESSABLE_ENTITY,
  IMPORT_REJECTED: HttpStatus.UNPROCESSABLE_ENTITY,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
};

export interface ErrorDetail {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Further fields of the answer, e.g. an import's report beside the error. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: number | string): DomainError => new DomainError('NOT_FOUND', `${what} ${id} not found`);

/** A 400 about one field of the request body. */
export const invalidField = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);
