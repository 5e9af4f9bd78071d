import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, RouterModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppExceptionFilter } from './app-exception.filter';
import { AssignmentModule } from './assignment/assignment.module';
import { AgreementsModule } from './agreements/agreements.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BankAccountsModule } from './bank-accounts/bank-accounts.module';
import { CommonModule } from './common/common.module';
import { DisbursementsModule } from './disbursements/disbursements.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { runMigrations } from './database/run-migrations';
import { bindNumberParameters } from './database/sqlite-parameters';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { PagesModule } from './pages/pages.module';
import { PaymentBatchesModule } from './payment-batches/payment-batches.module';
import { PlacementsModule } from './placements/placements.module';
import { ProgramsModule } from './programs/programs.module';
import { ReportsModule } from './reports/reports.module';
import { StudentsModule } from './students/students.module';
import { StudentAccountsModule } from './student-accounts/student-accounts.module';

/** The modules whose controllers serve the HTTP API: their routes are under /api. */
const API_MODULES = [
  AuditModule,
  AuthModule,
  ProgramsModule,
  EnterprisesModule,
  BankAccountsModule,
  StudentsModule,
  StudentAccountsModule,
  DisbursementsModule,
  PaymentBatchesModule,
  AssignmentModule,
  PlacementsModule,
  JobsModule,
  AgreementsModule,
  ReportsModule,
  HealthModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        // Migrates at boot, one instance at a time (see runMigrations).
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config.database),
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options as DataSourceOptions);
            bindNumberParameters(dataSource);
            await dataSource.initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
        ...API_MODULES,
        // The server-rendered pages, outside /api.
        PagesModule,
        RouterModule.register(API_MODULES.map((module) => ({ path: 'api', module }))),
      ],
      providers: [{ provide: APP_FILTER, useClass: AppExceptionFilter }],
    };
  }
}
