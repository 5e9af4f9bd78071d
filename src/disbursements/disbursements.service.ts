import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { CohortsRepository } from '../programs/cohorts.repository';
import { StudentsRepository } from '../students/students.repository';
import { changedMeanwhile, changeInChunks, lineAudit, NO_CAUSE } from './line-changes';
import { CohortLineFilter, DisbursementsRepository } from './disbursements.repository';
import { DisbursementSummaryDto, KindTotalsDto } from './dto/disbursement-summary.dto';
import {
  DisbursementLineResponseDto,
  StudentDisbursementsResponseDto,
  toDisbursementLineResponse,
  toStudentDisbursementsResponse,
} from './dto/disbursement-response.dto';
import { emptyTotals, TOTAL_FIELD } from './rules/line-status';

/** Lines approved per statement and audit batch by approve-due. */
const APPROVE_CHUNK = 1000;

/** The schedule views, approvals and cohort totals. Payments: DisbursementPaymentsService. */
@Injectable()
export class DisbursementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly lines: DisbursementsRepository,
    private readonly students: StudentsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Admin and staff see every line, a student only their own schedule, an enterprise only the fares it
   * pays; anything else answers 404 as if the student did not exist.
   */
  async forStudent(actor: AuthUser, studentId: number): Promise<StudentDisbursementsResponseDto> {
    const manager = this.dataSource.manager;
    if (actor.role === 'student' && actor.studentId !== studentId) throw notFound('Student', studentId);
    if (actor.role === 'enterprise') {
      const own =
        actor.enterpriseId === null ? [] : await this.lines.linesOfStudent(manager, studentId, { payerEnterpriseId: actor.enterpriseId });
      if (!own.length) throw notFound('Student', studentId);
      return toStudentDisbursementsResponse(own);
    }
    // Lines first: a student with a schedule exists, so the hot path (students checking stipends) makes one query.
    const lines = await this.lines.scheduleOfStudent(manager, studentId);
    if (!lines.length && !(await this.students.findById(manager, studentId))) throw notFound('Student', studentId);
    return toStudentDisbursementsResponse(lines);
  }

  /** The signed-in student's own schedule. */
  forMe(actor: AuthUser): Promise<StudentDisbursementsResponseDto> {
    if (actor.studentId === null) throw notFound('Student', 'of this account');
    return this.forStudent(actor, actor.studentId);
  }

  /** Staff approve the programme's lines; an enterprise's fare needs no approval but its own payment. */
  async approve(actor: AuthUser, lineId: number): Promise<DisbursementLineResponseDto> {
    return this.transactions.run(async (manager) => {
      const line = await this.lines.findLine(manager, lineId, { lock: true });
      if (!line) throw notFound('Disbursement', lineId);
      if (line.payer !== 'PROGRAM') {
        throw new DomainError('ILLEGAL_TRANSITION', 'This fare is paid by the enterprise; only programme lines are approved');
      }
      if (line.status === 'PAID') throw new DomainError('ALREADY_PAID', `Disbursement ${lineId} is already paid`);
      if (line.status !== 'SCHEDULED') {
        throw new DomainError('ILLEGAL_TRANSITION', `Only a SCHEDULED line can be approved; disbursement ${lineId} is ${line.status}`);
      }
      const now = this.clock.now().toISOString();
      const changes = { status: 'APPROVED' as const, approvedAt: now, approvedBy: actor.id, statusChangedAt: now, ...NO_CAUSE };
      if ((await this.lines.moveLines(manager, [lineId], ['SCHEDULED'], changes)) !== 1) throw changedMeanwhile(lineId);
      await this.audit.record(manager, lineAudit(actor, 'disbursement.approved', line, changes));
      return toDisbursementLineResponse({ ...line, ...changes });
    });
  }

  /** Every SCHEDULED programme line of the cohort due by the date, in one transaction: all approved or none. */
  async approveDue(actor: AuthUser, cohortId: number, dueOnOrBefore: string): Promise<{ approved: number }> {
    return this.transactions.run(async (manager) => {
      await this.cohorts.getCohort(manager, cohortId);
      const now = this.clock.now().toISOString();
      const changes = { status: 'APPROVED' as const, approvedAt: now, approvedBy: actor.id, statusChangedAt: now, ...NO_CAUSE };
      const filter: CohortLineFilter = { cohortId, payer: 'PROGRAM', statuses: ['SCHEDULED'], due: { date: dueOnOrBefore, before: false } };
      const approved = await changeInChunks(this.lines, manager, filter, APPROVE_CHUNK, async (due) => {
        const ids = due.map((l) => l.id);
        if ((await this.lines.moveLines(manager, ids, ['SCHEDULED'], changes)) !== ids.length) throw changedMeanwhile(ids[0]);
        await this.audit.recordMany(
          manager,
          due.map((line) => lineAudit(actor, 'disbursement.approved', line, changes)),
        );
      });
      return { approved };
    });
  }

  /** Aggregated by the database: a cohort's lines are never loaded. */
  async summary(cohortId: number): Promise<DisbursementSummaryDto> {
    const manager = this.dataSource.manager;
    await this.cohorts.getCohort(manager, cohortId);
    const empty = (): KindTotalsDto => ({ ...emptyTotals(), totalFen: 0, lines: 0 });
    const byKind = { EDUCATION_FUND: empty(), LIVING_ALLOWANCE: empty(), WINTER_FARE: empty() };
    const totals = empty();
    for (const row of await this.lines.totalsByKindAndStatus(manager, cohortId)) {
      for (const target of [byKind[row.kind], totals]) {
        target[TOTAL_FIELD[row.status]] += row.amountFen;
        target.totalFen += row.amountFen;
        target.lines += row.lines;
      }
    }
    return { cohortId, byKind, totals };
  }
}
