import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AssignmentModule } from '../assignment/assignment.module';
import { AuthModule } from '../auth/auth.module';
import { DisbursementsModule } from '../disbursements/disbursements.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PlacementsModule } from '../placements/placements.module';
import { ProgramsModule } from '../programs/programs.module';
import { ReportsModule } from '../reports/reports.module';
import { JobsModule } from '../jobs/jobs.module';
import { BankAccountsModule } from '../bank-accounts/bank-accounts.module';
import { PaymentBatchesModule } from '../payment-batches/payment-batches.module';
import { StudentAccountsModule } from '../student-accounts/student-accounts.module';
import { StudentsModule } from '../students/students.module';
import { AuthPagesController } from './auth-pages.controller';
import { EnterprisePagesController } from './enterprise-pages.controller';
import { EnterprisePagesService } from './enterprise-pages.service';
import { PagesRepository } from './pages.repository';
import { PaymentBatchPagesRepository } from './payment-batch-pages.repository';
import { StaffAgreementPagesController } from './staff-agreement-pages.controller';
import { StaffAgreementPagesService } from './staff-agreement-pages.service';
import { StaffCohortPagesController } from './staff-cohort-pages.controller';
import { StaffCohortPagesService } from './staff-cohort-pages.service';
import { StaffPagesController } from './staff-pages.controller';
import { StaffPaymentBatchPagesController } from './staff-payment-batch-pages.controller';
import { StaffPaymentBatchPagesService } from './staff-payment-batch-pages.service';
import { StaffSearchPagesController } from './staff-search-pages.controller';
import { StaffSearchRepository } from './staff-search.repository';
import { StaffSetupPagesController } from './staff-setup-pages.controller';
import { StaffSetupPagesService } from './staff-setup-pages.service';
import { StaffStudentPagesController } from './staff-student-pages.controller';
import { StaffStudentPagesService } from './staff-student-pages.service';
import { StudentPagesController } from './student-pages.controller';
import { StudentPagesService } from './student-pages.service';

/** Server-rendered pages outside /api, over the API's own services. */
@Module({
  imports: [
    AuthModule,
    StudentsModule,
    DisbursementsModule,
    PlacementsModule,
    AgreementsModule,
    ProgramsModule,
    AssignmentModule,
    JobsModule,
    ReportsModule,
    StudentAccountsModule,
    EnterprisesModule,
    PaymentBatchesModule,
    BankAccountsModule,
  ],
  controllers: [
    AuthPagesController,
    StudentPagesController,
    EnterprisePagesController,
    StaffPagesController,
    StaffCohortPagesController,
    StaffAgreementPagesController,
    StaffStudentPagesController,
    StaffSetupPagesController,
    StaffSearchPagesController,
    StaffPaymentBatchPagesController,
  ],
  providers: [
    StudentPagesService,
    EnterprisePagesService,
    StaffCohortPagesService,
    StaffAgreementPagesService,
    StaffStudentPagesService,
    PagesRepository,
    StaffSetupPagesService,
    StaffSearchRepository,
    StaffPaymentBatchPagesService,
    PaymentBatchPagesRepository,
  ],
})
export class PagesModule {}
