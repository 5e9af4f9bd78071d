import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { RateLimiter } from './rate-limiter';

const RATE_LIMIT = 'rateLimitPerAddress';

export interface AddressLimit {
  /** Names the counter, so each limited route counts on its own. */
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * At most `limit` requests per client address in each window, counted in the database across instances.
 * The address is request.ip: behind TRUST_PROXY hops, the one the trusted proxy saw.
 */
export const RateLimitPerAddress = (limit: AddressLimit) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT, limit),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({
      type: ErrorResponseDto,
      description: `More than ${limit.limit} requests from one address in ${limit.windowMs / 1000} s; see Retry-After`,
    }),
  );

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { name, limit, windowMs } = this.reflector.get<AddressLimit>(RATE_LIMIT, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    await this.limiter.consume({ key: `${name}:${request.ip}`, limit }, windowMs, 'Too many requests from this address; try again later');
    return true;
  }
}
