import { DomainError } from '../errors/domain-error';

/** A 429 whose answer carries Retry-After: the seconds until the window that refused it ends. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
  }
}
