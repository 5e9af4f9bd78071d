import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BankAccountsModule } from '../bank-accounts/bank-accounts.module';
import { ProgramsModule } from '../programs/programs.module';
import { CohortStudentsController } from './cohort-students.controller';
import { EnterpriseStudentsController } from './enterprise-students.controller';
import { StudentExportService } from './export/student-export.service';
import { StudentBankAccountService } from './student-bank-account.service';
import { StudentIntakeService } from './student-intake.service';
import { StudentLifecycleHooks } from './student-lifecycle.hooks';
import { StudentLifecycleService } from './student-lifecycle.service';
import { StudentsController } from './students.controller';
import { StudentsRepository } from './students.repository';
import { StudentsService } from './students.service';
import { StudentImportController } from './import/student-import.controller';
import { StudentImportService } from './import/student-import.service';

@Module({
  imports: [AuditModule, ProgramsModule, BankAccountsModule],
  controllers: [CohortStudentsController, StudentImportController, StudentsController, EnterpriseStudentsController],
  providers: [
    StudentsService,
    StudentIntakeService,
    StudentBankAccountService,
    StudentImportService,
    StudentExportService,
    StudentLifecycleService,
    StudentLifecycleHooks,
    StudentsRepository,
  ],
  exports: [
    StudentLifecycleService,
    StudentLifecycleHooks,
    StudentsRepository,
    StudentsService,
    StudentBankAccountService,
    StudentImportService,
    StudentExportService,
  ],
})
export class StudentsModule {}
