import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DownloadFile } from '../common/http/attachment';
import { DisbursementsRepository } from '../disbursements/disbursements.repository';
import { PlacementReportService } from '../placements/placement-report.service';
import { CohortsRepository } from '../programs/cohorts.repository';
import { CohortReportResponseDto, toCohortReportResponse } from './dto/cohort-report-response.dto';
import { reportCsv, reportXlsx } from './export/report-files';
import { ReportsRepository } from './reports.repository';
import { countyCounts, disbursementTotals, majorCounts, statusCounts } from './rules/cohort-report';
import { cohortReportTables, CohortReportFigures } from './rules/report-tables';

export type CohortReportFileFormat = 'csv' | 'xlsx';

const MEDIA_TYPES: Record<CohortReportFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A cohort's figures for the funders: students by status, major and home county, disbursement totals
 * and placement rates. Every figure is a GROUP BY in the database; the placement part is the placement
 * report itself, so both pages always agree.
 */
@Injectable()
export class CohortReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly lines: DisbursementsRepository,
    private readonly placementReport: PlacementReportService,
    private readonly clock: Clock,
  ) {}

  async report(cohortId: number): Promise<CohortReportResponseDto> {
    const manager = this.dataSource.manager;
    const cohort = await this.cohorts.getCohort(manager, cohortId);
    const generatedAt = this.clock.now().toISOString();
    const [byStatus, majors, byMajor, byCounty, amounts, placements] = await Promise.all([
      this.reports.countByStatus(manager, cohortId),
      this.reports.majorsOf(manager, cohortId),
      this.reports.countByMajor(manager, cohortId),
      this.reports.countByHomeCounty(manager, cohortId),
      this.lines.totalsByKindAndStatus(manager, cohortId),
      this.placementReport.report(cohortId),
    ]);
    const figures: CohortReportFigures = {
      students: {
        total: byStatus.reduce((sum, s) => sum + s.students, 0),
        byStatus: statusCounts(byStatus),
        byMajor: majorCounts(majors, byMajor),
        byHomeCounty: countyCounts(byCounty),
      },
      disbursements: disbursementTotals(amounts),
      placements,
    };
    return toCohortReportResponse(cohort, generatedAt, figures);
  }

  /** The same figures as a download; the cohort is checked first, so an unknown one is a JSON 404. */
  async file(cohortId: number, format: CohortReportFileFormat): Promise<DownloadFile> {
    const tables = cohortReportTables(await this.report(cohortId));
    const bytes = format === 'csv' ? reportCsv(tables) : await reportXlsx(tables);
    return { stream: Readable.from([bytes]), contentType: MEDIA_TYPES[format], fileName: `cohort-${cohortId}-report.${format}` };
  }
}
