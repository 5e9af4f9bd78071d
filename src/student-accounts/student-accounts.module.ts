import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgramsModule } from '../programs/programs.module';
import { StudentAccountSheets } from './student-account-sheets';
import { StudentAccountsController } from './student-accounts.controller';
import { StudentAccountsRepository } from './student-accounts.repository';
import { StudentAccountsService } from './student-accounts.service';

/** Sign-ins for a cohort's students. Builds on auth, students and the agreement renderer; only the pages use it. */
@Module({
  imports: [AuditModule, ProgramsModule],
  controllers: [StudentAccountsController],
  providers: [StudentAccountsService, StudentAccountsRepository, StudentAccountSheets],
  exports: [StudentAccountsService, StudentAccountSheets],
})
export class StudentAccountsModule {}
