import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgramsModule } from '../programs/programs.module';
import { StudentsModule } from '../students/students.module';
import { CohortDisbursementsController } from './cohort-disbursements.controller';
import { CohortEnrolmentService } from './cohort-enrolment.service';
import { DisbursementHistoryService } from './disbursement-history.service';
import { DisbursementPaymentsService } from './disbursement-payments.service';
import { DisbursementSchedulesService } from './disbursement-schedules.service';
import { DisbursementsController } from './disbursements.controller';
import { DisbursementsRepository } from './disbursements.repository';
import { DisbursementsService } from './disbursements.service';
import { EnterpriseFaresController } from './enterprise-fares.controller';

@Module({
  imports: [AuditModule, ProgramsModule, StudentsModule],
  controllers: [DisbursementsController, CohortDisbursementsController, EnterpriseFaresController],
  providers: [
    DisbursementsService,
    DisbursementPaymentsService,
    DisbursementHistoryService,
    DisbursementSchedulesService,
    CohortEnrolmentService,
    DisbursementsRepository,
  ],
  exports: [CohortEnrolmentService, DisbursementsRepository, DisbursementsService, DisbursementPaymentsService],
})
export class DisbursementsModule {}
