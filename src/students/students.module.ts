import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgramsModule } from '../programs/programs.module';
import { CohortStudentsController } from './cohort-students.controller';
import { EnterpriseStudentsController } from './enterprise-students.controller';
import { StudentLifecycleHooks } from './student-lifecycle.hooks';
import { StudentLifecycleService } from './student-lifecycle.service';
import { StudentsController } from './students.controller';
import { StudentsRepository } from './students.repository';
import { StudentsService } from './students.service';

@Module({
  imports: [AuditModule, ProgramsModule],
  controllers: [CohortStudentsController, StudentsController, EnterpriseStudentsController],
  providers: [StudentsService, StudentLifecycleService, StudentLifecycleHooks, StudentsRepository],
  exports: [StudentLifecycleService, StudentLifecycleHooks, StudentsRepository],
})
export class StudentsModule {}
