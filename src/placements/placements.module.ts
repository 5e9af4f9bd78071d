import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgramsModule } from '../programs/programs.module';
import { StudentsModule } from '../students/students.module';
import { CohortPlacementsController } from './cohort-placements.controller';
import { PlacementDecisionsService } from './placement-decisions.service';
import { PlacementProposalsService } from './placement-proposals.service';
import { PlacementReportService } from './placement-report.service';
import { PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';
import { QuotaSeatsRepository } from './quota-seats.repository';

@Module({
  imports: [AuditModule, ProgramsModule, StudentsModule],
  controllers: [PlacementsController, CohortPlacementsController],
  providers: [
    PlacementsService,
    PlacementProposalsService,
    PlacementDecisionsService,
    PlacementReportService,
    PlacementsRepository,
    QuotaSeatsRepository,
  ],
  exports: [PlacementsService, PlacementDecisionsService, PlacementProposalsService, PlacementReportService],
})
export class PlacementsModule {}
