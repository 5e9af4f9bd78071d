import { Injectable } from '@nestjs/common';
import { CohortReportService } from '../reports/cohort-report.service';
import { CohortsService } from '../programs/cohorts.service';
import { MajorsService } from '../programs/majors.service';
import { StudentListQueryDto } from '../students/dto/student-query.dto';
import { StudentsService } from '../students/students.service';
import { pager } from './enterprise-pages.service';
import { barChart } from './rules/bar-chart';
import { formatYuan } from './rules/money';

/** A cohort as staff see it, and its report drawn as bar charts, through the API's services. */
@Injectable()
export class StaffCohortPagesService {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly majors: MajorsService,
    private readonly students: StudentsService,
    private readonly reports: CohortReportService,
  ) {}

  async cohort(cohortId: number, query: StudentListQueryDto) {
    const cohort = await this.cohorts.get(cohortId);
    const majors = await this.majors.list(cohortId, { page: 1, pageSize: 500 });
    const students = await this.students.listInCohort(cohortId, query);
    const filters = { status: query.status ?? '', major: query.major ?? '', county: query.county ?? '', q: query.q ?? '' };
    const search = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
    return {
      cohort: { id: cohort.id, name: cohort.name, intakeYear: cohort.intakeYear, startDate: cohort.startDate },
      majors: majors.items.map((m) => ({
        code: m.code,
        name: m.name,
        capacity: m.capacity,
        assigned: m.assigned,
        cutoffScore: m.cutoffScore,
      })),
      students: students.items.map((s) => ({
        id: s.id,
        fullName: s.fullName,
        nationalIdMasked: s.nationalIdMasked,
        homeCounty: s.homeCounty,
        examScore: s.examScore,
        majorCode: s.majorCode,
        status: s.status,
      })),
      total: students.total,
      filters,
      pager: pager(students.page, students.pageSize, students.total),
      pagerBase: `/staff/cohorts/${cohortId}?${search.toString()}${search.size ? '&' : ''}`,
    };
  }

  async report(cohortId: number) {
    const report = await this.reports.report(cohortId);
    return {
      cohort: { id: report.cohortId, name: report.cohortName, intakeYear: report.intakeYear },
      generatedAt: report.generatedAt,
      total: report.students.total,
      byStatus: barChart(report.students.byStatus.map((s) => ({ label: s.status, value: s.students }))),
      byMajor: barChart(report.students.byMajor.map((m) => ({ label: m.majorCode ?? '—', value: m.students }))),
      byCounty: barChart(report.students.byHomeCounty.slice(0, 20).map((c) => ({ label: c.homeCounty, value: c.students }))),
      moneyTotal: barChart(
        report.disbursements.byKind.map((k) => ({ label: k.kind, value: k.totalFen })),
        { format: formatYuan },
      ),
      moneyPaid: barChart(
        report.disbursements.byKind.map((k) => ({ label: k.kind, value: k.paidFen })),
        { format: formatYuan },
      ),
      employmentRate: report.placements.total.employmentRate,
    };
  }
}
