import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, TransactionRunner],
  exports: [Clock, TransactionRunner],
})
export class CommonModule {}
