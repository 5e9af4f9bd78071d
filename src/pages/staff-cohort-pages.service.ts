import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AssignmentOutcome } from '../assignment/rules/assign-majors';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { CohortEnrolmentService } from '../disbursements/cohort-enrolment.service';
import { DisbursementLineEntity } from '../disbursements/disbursement-line.entity';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { PlacementEntity } from '../placements/placement.entity';
import { CohortReportService } from '../reports/cohort-report.service';
import { CohortsService } from '../programs/cohorts.service';
import { MajorsService } from '../programs/majors.service';
import { StudentListQueryDto } from '../students/dto/student-query.dto';
import { ImportReportDto } from '../students/import/import-report.dto';
import { UploadedFile } from '../students/import/spreadsheet-file';
import { openSpreadsheet } from '../students/import/spreadsheet-reader';
import { mapHeader } from '../students/rules/import-columns';
import { StudentStatus } from '../students/rules/student-status';
import { StudentLifecycleService } from '../students/student-lifecycle.service';
import { StudentEntity } from '../students/student.entity';
import { StudentsService } from '../students/students.service';
import { importMessage, ineligibleReason } from './cohort-import-messages';
import { pager } from './enterprise-pages.service';
import { Lang, translate } from './i18n';
import { pageError } from './page-errors';
import { PagesRepository } from './pages.repository';
import { barChart } from './rules/bar-chart';
import { formatYuan } from './rules/money';

/** Lines listed on the approval step; the rest are counted and summed, so the page stays small. */
const APPROVE_LINES_SHOWN = 100;
const LIST_PAGE_SIZE = 50;

/** A student a bulk action left as they were, and why in the page's language. */
export interface RefusedStudent {
  id: number;
  fullName: string;
  reason: string;
}

export interface BulkOutcome {
  moved: { id: number; fullName: string }[];
  refused: RefusedStudent[];
}

/** A cohort as staff see it, its result pages and its report, through the API's services. */
@Injectable()
export class StaffCohortPagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly cohorts: CohortsService,
    private readonly majors: MajorsService,
    private readonly students: StudentsService,
    private readonly enrolment: CohortEnrolmentService,
    private readonly lifecycle: StudentLifecycleService,
    private readonly reports: CohortReportService,
    private readonly pagesRepository: PagesRepository,
    private readonly clock: Clock,
  ) {}

  async cohort(cohortId: number, query: StudentListQueryDto) {
    const cohort = await this.cohorts.get(cohortId);
    const majors = await this.majors.list(cohortId, { page: 1, pageSize: 500 });
    const students = await this.students.listInCohort(cohortId, query);
    const filters = { status: query.status ?? '', major: query.major ?? '', county: query.county ?? '', q: query.q ?? '' };
    const search = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
    const today = this.clock.today();
    const enterprises = await this.dataSource.manager.find(EnterpriseEntity, {
      select: { id: true, name: true },
      order: { name: 'ASC' },
      take: 300,
    });
    return {
      enterprises,
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
      exportBase: `/staff/cohorts/${cohortId}/export?${search.toString()}${search.size ? '&' : ''}`,
      today,
      // Four choices offered; the API takes up to ten, which a county spreadsheet can carry.
      choices: [1, 2, 3, 4],
    };
  }

  /**
   * Students of the cohort admitted or rejected together in one transaction through the lifecycle's one
   * writer; those it refuses (or not of this cohort) are listed with the reason, the others are moved.
   */
  async changeStatusMany(
    lang: Lang,
    actor: AuthUser,
    cohortId: number,
    ids: number[],
    to: Extract<StudentStatus, 'ADMITTED' | 'REJECTED'>,
    effectiveDate: string,
    reason: string | undefined,
  ): Promise<BulkOutcome> {
    await this.cohorts.get(cohortId);
    return this.transactions.run(async (manager) => {
      const found = await manager.find(StudentEntity, { where: { id: In(ids), cohortId }, order: { id: 'ASC' } });
      const { moved, refused } = await this.lifecycle.applyTransitionMany(
        manager,
        actor,
        to,
        found.map((student) => ({ student, effectiveDate })),
        { trigger: 'MANUAL', reason: reason ?? null },
      );
      const missing = ids.filter((id) => !found.some((s) => s.id === id));
      const names = await this.pagesRepository.studentNames(manager, missing);
      return {
        moved: moved.map((s) => ({ id: s.id, fullName: s.fullName })),
        refused: [
          ...refused.map(({ student, error }) => ({
            id: student.id,
            fullName: student.fullName,
            reason: this.refusalReason(lang, student, to, error),
          })),
          ...missing.map((id) => ({ id, fullName: names.get(id) ?? `#${id}`, reason: translate(lang, 'cohort.refused.notInCohort') })),
        ],
      };
    });
  }

  /** Arrival day through the API's enrolment (CohortEnrolmentService), keeping each refusal's error so the page can word it. */
  async enrol(lang: Lang, actor: AuthUser, cohortId: number, effectiveDate: string): Promise<BulkOutcome> {
    const outcome: BulkOutcome = { moved: [], refused: [] };
    await this.enrolment.enrolEach(actor, cohortId, effectiveDate, ({ moved, refused }) => {
      outcome.moved.push(...moved.map((s) => ({ id: s.id, fullName: s.fullName })));
      outcome.refused.push(
        ...refused.map(({ student, error }) => ({
          id: student.id,
          fullName: student.fullName,
          reason: this.refusalReason(lang, student, 'ENROLLED', error),
        })),
      );
    });
    return outcome;
  }

  private refusalReason(lang: Lang, student: StudentEntity, to: StudentStatus, error: DomainError): string {
    if (error.code === 'ILLEGAL_TRANSITION') {
      const word = (status: string) => translate(lang, `studentStatus.${status}`);
      if (to === 'ENROLLED' && student.status === 'ADMITTED' && !student.majorCode) return translate(lang, 'cohort.refused.noMajor');
      return translate(lang, 'cohort.refused.illegal', { status: word(student.status), to: word(to) });
    }
    if (error.details?.some((d) => d.field === 'effectiveDate'))
      return translate(lang, 'cohort.refused.date', { date: student.statusEffectiveDate });
    return pageError(lang, error).message;
  }

  /** The assignment's outcome with names, and why each student left without a major, worded from the seats. */
  async assignment(lang: Lang, cohortId: number, outcome: AssignmentOutcome) {
    const majors = await this.majors.list(cohortId, { page: 1, pageSize: 500 });
    const capacity = new Map(majors.items.map((m) => [m.code, m.capacity]));
    const majorName = (code: string) => majors.items.find((m) => m.code === code)?.name ?? code;
    const ids = [...outcome.assigned.map((p) => p.studentId), ...outcome.unassigned.map((u) => u.studentId)];
    const students = ids.length
      ? await this.dataSource.manager.find(StudentEntity, {
          select: { id: true, fullName: true, majorPreferences: true, examScore: true },
          where: { id: In(ids) },
        })
      : [];
    const byId = new Map(students.map((s) => [s.id, s]));
    const nameOf = (id: number) => byId.get(id)?.fullName ?? `#${id}`;
    const seat = (code: string) => {
      const cutoff = outcome.cutoffs[code];
      const name = majorName(code);
      if (!capacity.get(code)) return translate(lang, 'cohort.seat.none', { major: name });
      return cutoff === undefined
        ? translate(lang, 'cohort.seat.full', { major: name })
        : translate(lang, 'cohort.seat.cutoff', { major: name, score: cutoff });
    };
    const reason = (id: number): string => {
      const wanted = [...new Set(byId.get(id)?.majorPreferences ?? [])];
      if (!wanted.length) return translate(lang, 'cohort.unassigned.noPreference');
      const offered = wanted.filter((code) => capacity.has(code));
      const missing = wanted.filter((code) => !capacity.has(code));
      const parts = [];
      if (offered.length)
        parts.push(translate(lang, 'cohort.unassigned.full', { details: offered.map(seat).join(lang === 'zh' ? '、' : ', ') }));
      if (missing.length) parts.push(translate(lang, 'cohort.unassigned.notOffered', { codes: missing.join(lang === 'zh' ? '、' : ', ') }));
      return parts.join(lang === 'zh' ? '；' : '; ');
    };
    return {
      assigned: outcome.assigned.map((p) => ({
        id: p.studentId,
        fullName: nameOf(p.studentId),
        majorName: majorName(p.majorCode),
        choiceRank: p.choiceRank,
      })),
      unassigned: outcome.unassigned.map((u) => ({ id: u.studentId, fullName: nameOf(u.studentId), reason: reason(u.studentId) })),
      cutoffs: Object.entries(outcome.cutoffs).map(([code, score]) => ({ name: majorName(code), score })),
    };
  }

  /** The import report in the page's language, with each row's student name read from the same file. */
  /** `file` is null when it was too large to read: the report then names no student. */
  async importReport(lang: Lang, report: ImportReportDto, file: UploadedFile | null) {
    const rows = new Set<number>();
    for (const p of [...report.errors, ...report.warnings]) if (p.row !== null) rows.add(p.row);
    for (const r of report.ineligible) rows.add(r.row);
    const names = await rowNames(file, rows);
    const problem = (p: { row: number | null; column: string | null; message: string }) => ({
      row: p.row,
      fullName: p.row === null ? null : (names.get(p.row) ?? null),
      column: p.column ?? translate(lang, 'cohort.file'),
      message: importMessage(lang, p),
    });
    return {
      imported: report.imported,
      errorsOmitted: report.errorsOmitted,
      errors: report.errors.map(problem),
      warnings: report.warnings.map(problem),
      ineligible: report.ineligible.map((r) => ({
        row: r.row,
        fullName: names.get(r.row) ?? null,
        reasons: r.reasons.map((reason) => ineligibleReason(lang, reason)),
      })),
    };
  }

  /** The approval step: the SCHEDULED programme lines due by the date, the first ones listed, all summed. */
  async dueLines(cohortId: number, dueOnOrBefore: string) {
    const cohort = await this.cohorts.get(cohortId);
    const base = () =>
      this.dataSource.manager
        .createQueryBuilder(DisbursementLineEntity, 'line')
        .where('line.cohortId = :cohortId', { cohortId })
        .andWhere('line.payer = :payer', { payer: 'PROGRAM' })
        .andWhere('line.status = :status', { status: 'SCHEDULED' })
        .andWhere('line.dueDate <= :due', { due: dueOnOrBefore });
    const totals = await base()
      .select('COUNT(*)', 'lines')
      .addSelect('COALESCE(SUM(line.amountFen), 0)', 'fen')
      .getRawOne<{ lines: string; fen: string }>();
    const rows = await base()
      .innerJoin(StudentEntity, 'student', 'student.id = line.studentId')
      .select(['line.id AS "id"', 'student.fullName AS "fullName"', 'line.studentId AS "studentId"', 'line.kind AS "kind"'])
      .addSelect(['line.dueDate AS "dueDate"', 'line.amountFen AS "amountFen"'])
      .orderBy('line.dueDate', 'ASC')
      .addOrderBy('line.id', 'ASC')
      .limit(APPROVE_LINES_SHOWN)
      .getRawMany<{ id: number; fullName: string; studentId: number; kind: string; dueDate: string; amountFen: number | string }>();
    const count = Number(totals?.lines ?? 0);
    return {
      cohort: { id: cohort.id, name: cohort.name },
      dueOnOrBefore,
      count,
      totalFen: Number(totals?.fen ?? 0),
      more: Math.max(0, count - rows.length),
      lines: rows.map((r) => ({ ...r, studentId: Number(r.studentId), amountFen: Number(r.amountFen) })),
    };
  }

  /** Placements of the class: counts by type and status, and a page of them by student with the enterprise. */
  async placements(cohortId: number, page: number) {
    const cohort = await this.cohorts.get(cohortId);
    const manager = this.dataSource.manager;
    const counts = await manager
      .createQueryBuilder(PlacementEntity, 'p')
      .select(['p.type AS "type"', 'p.status AS "status"', 'COUNT(*) AS "n"'])
      .where('p.cohortId = :cohortId', { cohortId })
      .groupBy('p.type')
      .addGroupBy('p.status')
      .orderBy('p.type')
      .addOrderBy('p.status')
      .getRawMany<{ type: string; status: string; n: string | number }>();
    const total = counts.reduce((sum, c) => sum + Number(c.n), 0);
    const rows = await manager
      .createQueryBuilder(PlacementEntity, 'p')
      .innerJoin(StudentEntity, 'student', 'student.id = p.studentId')
      .innerJoin(EnterpriseEntity, 'enterprise', 'enterprise.id = p.enterpriseId')
      .select(['p.id AS "id"', 'p.studentId AS "studentId"', 'student.fullName AS "fullName"', 'enterprise.name AS "enterprise"'])
      .addSelect([
        'p.type AS "type"',
        'p.status AS "status"',
        'p.startDate AS "startDate"',
        'p.position AS "position"',
        'p.majorCode AS "majorCode"',
      ])
      .where('p.cohortId = :cohortId', { cohortId })
      .orderBy('student.fullName', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .offset((page - 1) * LIST_PAGE_SIZE)
      .limit(LIST_PAGE_SIZE)
      .getRawMany<{
        id: number;
        studentId: number;
        fullName: string;
        enterprise: string;
        type: string;
        status: string;
        startDate: string;
      }>();
    return {
      cohort: { id: cohort.id, name: cohort.name },
      counts: counts.map((c) => ({ type: c.type, status: c.status, n: Number(c.n) })),
      total,
      placements: rows.map((r) => ({ ...r, studentId: Number(r.studentId) })),
      pager: pager(page, LIST_PAGE_SIZE, total),
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

/** The name column of the given rows of an uploaded spreadsheet; none when it cannot be read again. */
async function rowNames(file: UploadedFile | null, rows: Set<number>): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (!file || !rows.size) return names;
  const last = Math.max(...rows);
  try {
    let nameColumn = -1;
    for await (const row of openSpreadsheet(file, 'auto').rows) {
      if (row.number === 1)
        nameColumn = mapHeader(row.cells.map((c) => (c === null || c === undefined ? '' : String(c)))).columns.indexOf('fullName');
      else if (nameColumn >= 0 && rows.has(row.number)) {
        const cell = row.cells[nameColumn];
        const name = cell === null || cell === undefined ? '' : String(cell).trim();
        if (name) names.set(row.number, name.slice(0, 64));
      }
      if (row.number >= last) break;
    }
  } catch {
    // The report already says what is wrong with the file; names are a help, not a need.
  }
  return names;
}
