import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock, SystemClock } from './clock';
import { RateLimiter } from './rate-limit/rate-limiter';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  providers: [
    { provide: Clock, useFactory: (config: AppConfig) => new SystemClock(config.businessTimeZone), inject: [APP_CONFIG] },
    TransactionRunner,
    RateLimiter,
  ],
  exports: [Clock, TransactionRunner, RateLimiter],
})
export class CommonModule {}
