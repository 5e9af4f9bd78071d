import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { InProcessJobQueue, JobQueue, PgBossJobQueue } from './job-queue';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Module({
  controllers: [JobsController],
  providers: [
    JobsService,
    {
      provide: JobQueue,
      inject: [APP_CONFIG, getDataSourceToken()],
      useFactory: (config: AppConfig, dataSource: DataSource): JobQueue =>
        config.database.type === 'postgres' ? new PgBossJobQueue(config, dataSource) : new InProcessJobQueue(dataSource),
    },
  ],
  exports: [JobsService],
})
export class JobsModule {}
