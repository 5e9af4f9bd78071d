import { Module } from '@nestjs/common';
import { DisbursementsModule } from '../disbursements/disbursements.module';
import { PlacementsModule } from '../placements/placements.module';
import { ProgramsModule } from '../programs/programs.module';
import { CohortReportController } from './cohort-report.controller';
import { CohortReportService } from './cohort-report.service';
import { ReportsRepository } from './reports.repository';

/** Read-only: reports depend on the other modules, never the other way round. */
@Module({
  imports: [ProgramsModule, DisbursementsModule, PlacementsModule],
  controllers: [CohortReportController],
  providers: [CohortReportService, ReportsRepository],
  exports: [CohortReportService],
})
export class ReportsModule {}
