import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../common/transaction-runner';
import { HeartbeatEntity } from './heartbeat.entity';

export class HealthResponseDto {
  status!: 'ok' | 'error';
  database!: 'up' | 'down';
  /** Today in the business time zone, YYYY-MM-DD: the date intake, status changes and due-ness use. */
  businessDate!: string;
  /** BUSINESS_TIME_ZONE, e.g. Asia/Shanghai. */
  timeZone!: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** For load balancers and monitoring: 503 while the database does not accept a write. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'The database does not accept a write' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponseDto> {
    const calendar = { businessDate: this.clock.today(), timeZone: this.clock.timeZone };
    try {
      // A write, not a read: a read-only or full database must take this instance out of the balancer.
      await this.transactions.run((manager) => manager.update(HeartbeatEntity, { id: 1 }, { beatAt: this.clock.now().toISOString() }));
      return { status: 'ok', database: 'up', ...calendar };
    } catch {
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'error', database: 'down', ...calendar };
    }
  }
}
