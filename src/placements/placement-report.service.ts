import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DownloadFile } from '../common/http/attachment';
import { CohortsRepository } from '../programs/cohorts.repository';
import { writeCsv } from '../students/export/csv-writer';
import { PlacementReportResponseDto, PlacementCountsDto, toPlacementCounts } from './dto/placement-report-response.dto';
import { PlacementType } from './placement.entity';
import { PlacementsRepository, ReportGroup } from './placements.repository';
import { EMPTY_COUNTS, formatRate, PlacementCounts, sumCounts, toReportLine } from './rules/placement-report';

const CSV_HEADERS = [
  '分组 group',
  '代码 code',
  '名称 name',
  '已推荐 proposed',
  '已确认 confirmed',
  '已婉拒 declined',
  '毕业生 graduates',
  '已就业 employed',
  '就业率 employment rate',
];

/** Placement counts and employment rates of a cohort, aggregated in SQL, as JSON or a CSV download. */
@Injectable()
export class PlacementReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementsRepository,
    private readonly cohorts: CohortsRepository,
  ) {}

  async report(cohortId: number, type?: PlacementType): Promise<PlacementReportResponseDto> {
    const manager = this.dataSource.manager;
    await this.cohorts.getCohort(manager, cohortId);
    const [majors, enterprises, byMajor, byEnterprise] = await Promise.all([
      this.placements.majorsOf(manager, cohortId),
      this.placements.enterprisesOf(manager, cohortId),
      this.placements.countByMajor(manager, cohortId, type),
      this.placements.countByEnterprise(manager, cohortId, type),
    ]);
    const countsOf = (groups: ReportGroup[], key: string | number): PlacementCountsDto =>
      toPlacementCounts(toReportLine(stripKey(groups.find((g) => g.key === String(key)))));
    return {
      cohortId,
      byMajor: majors.map((m) => ({ majorCode: m.code, majorName: m.name, ...countsOf(byMajor, m.code) })),
      byEnterprise: enterprises.map((e) => ({ enterpriseId: e.id, enterpriseName: e.name, ...countsOf(byEnterprise, e.id) })),
      total: toPlacementCounts(toReportLine(sumCounts(byMajor.map(stripKey)))),
    };
  }

  async csv(cohortId: number, type?: PlacementType): Promise<DownloadFile> {
    const report = await this.report(cohortId, type);
    const row = (group: string, code: string, name: string, c: PlacementCountsDto): (string | number)[] => [
      group,
      code,
      name,
      c.proposed,
      c.confirmed,
      c.declined,
      c.graduates,
      c.employed,
      formatRate(c.employmentRate),
    ];
    const rows = [
      ...report.byMajor.map((m) => row('专业 major', m.majorCode, m.majorName, m)),
      ...report.byEnterprise.map((e) => row('企业 enterprise', String(e.enterpriseId), e.enterpriseName, e)),
      row('合计 total', '', '', report.total),
    ];
    return {
      stream: writeCsv(
        CSV_HEADERS,
        (async function* () {
          yield* rows;
        })(),
      ),
      contentType: 'text/csv; charset=utf-8',
      fileName: `cohort-${cohortId}-placement-report${type ? `-${type.toLowerCase()}` : ''}.csv`,
    };
  }
}

const stripKey = (group: ReportGroup | undefined): PlacementCounts =>
  group
    ? {
        proposed: group.proposed,
        confirmed: group.confirmed,
        declined: group.declined,
        graduates: group.graduates,
        employed: group.employed,
      }
    : EMPTY_COUNTS;
