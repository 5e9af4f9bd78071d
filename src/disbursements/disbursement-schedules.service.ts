import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { CohortsRepository, CohortWithProgram } from '../programs/cohorts.repository';
import { StudentLifecycleHooks, StudentStatusChange } from '../students/student-lifecycle.hooks';
import { DisbursementLineEntity } from './disbursement-line.entity';
import { DisbursementsRepository, StudentSchedule } from './disbursements.repository';
import { lineAudit } from './line-changes';
import { LineStatus, LineStatusCause, linesToCancel, linesToHold, linesToRestore, UNPAID, UNPAID_ACTIVE } from './rules/line-status';
import { buildSchedule, ScheduledLine } from './rules/schedule';

/**
 * Keeps schedules in step with the student lifecycle, inside each status change's transaction: the first
 * ENROLLED creates the schedule, SUSPENDED holds, ENROLLED again restores, WITHDRAWN cancels.
 */
@Injectable()
export class DisbursementSchedulesService implements OnModuleInit {
  /** Enrolments collected per transaction by `inBatch`, written together when its work is done. */
  private readonly batches = new WeakMap<EntityManager, StudentStatusChange[]>();

  constructor(
    private readonly hooks: StudentLifecycleHooks,
    private readonly lines: DisbursementsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.onStatusChange((change) => this.onStatusChange(change));
    this.hooks.onBatch((manager, work) => this.inBatch(manager, work));
  }

  async onStatusChange(change: StudentStatusChange): Promise<void> {
    if (change.to === 'ENROLLED' && change.from === 'SUSPENDED') return this.restore(change);
    if (change.to === 'ENROLLED') return this.schedule(change);
    if (change.to === 'SUSPENDED') return this.hold(change);
    if (change.to === 'WITHDRAWN') return this.cancel(change);
  }

  /**
   * Runs `work` (which enrols many students in `manager`'s transaction) and then writes all their
   * schedules with a few multi-row INSERTs instead of a few per student.
   */
  async inBatch<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    const changes: StudentStatusChange[] = [];
    this.batches.set(manager, changes);
    try {
      const result = await work();
      await this.createSchedules(manager, changes);
      return result;
    } finally {
      this.batches.delete(manager);
    }
  }

  private async schedule(change: StudentStatusChange): Promise<void> {
    const batch = this.batches.get(change.manager);
    if (batch) batch.push(change);
    else await this.createSchedules(change.manager, [change]);
  }

  /** A student who already has a schedule keeps it; the unique index on the lines backs this check. */
  private async createSchedules(manager: EntityManager, changes: StudentStatusChange[]): Promise<void> {
    if (!changes.length) return;
    const existing = await this.lines.studentsWithSchedule(
      manager,
      changes.map((c) => c.student.id),
    );
    const cohorts = new Map<number, CohortWithProgram>();
    // One schedule per cohort and fare payer, shared by its students: a cohort enrolment builds it once.
    const built = new Map<string, { lines: ScheduledLine[]; totalFen: number }>();
    const schedules: StudentSchedule[] = [];
    const records: AuditRecord[] = [];
    for (const { student, actor } of changes) {
      if (existing.has(student.id)) continue;
      let cohort = cohorts.get(student.cohortId);
      if (!cohort) {
        cohort = await this.cohorts.getCohortWithProgram(manager, student.cohortId);
        cohorts.set(student.cohortId, cohort);
      }
      const key = `${student.cohortId}/${student.intendedEnterpriseId}`;
      let schedule = built.get(key);
      if (!schedule) {
        const lines = buildSchedule(cohort.program, cohort.startDate, student.intendedEnterpriseId);
        schedule = { lines, totalFen: lines.reduce((sum, line) => sum + line.amountFen, 0) };
        built.set(key, schedule);
      }
      schedules.push({ studentId: student.id, cohortId: student.cohortId, lines: schedule.lines });
      records.push({
        actor,
        action: 'disbursement.schedule-created',
        entityType: 'student',
        entityId: student.id,
        before: null,
        after: { programId: cohort.programId, lines: schedule.lines.length, totalFen: schedule.totalFen },
      });
    }
    await this.lines.insertSchedules(manager, schedules, this.clock.now().toISOString());
    await this.audit.recordMany(manager, records);
  }

  private async hold(change: StudentStatusChange): Promise<void> {
    const lines = await this.lines.linesOfStudent(change.manager, change.student.id, { lock: true });
    await this.move(change, linesToHold(lines, change.effectiveDate), UNPAID_ACTIVE, 'SUSPENDED', 'SUSPENSION', 'disbursement.held');
  }

  private async restore(change: StudentStatusChange): Promise<void> {
    const lines = await this.lines.linesOfStudent(change.manager, change.student.id, { lock: true });
    await this.move(change, linesToRestore(lines), ['SUSPENDED'], 'SCHEDULED', 'RETURN', 'disbursement.restored');
  }

  private async cancel(change: StudentStatusChange): Promise<void> {
    const lines = await this.lines.linesOfStudent(change.manager, change.student.id, { lock: true });
    await this.move(change, linesToCancel(lines, change.effectiveDate), UNPAID, 'CANCELLED', 'WITHDRAWAL', 'disbursement.cancelled');
  }

  private async move(
    change: StudentStatusChange,
    targets: DisbursementLineEntity[],
    from: readonly LineStatus[],
    to: LineStatus,
    cause: LineStatusCause,
    action: string,
  ): Promise<void> {
    if (!targets.length) return;
    const changes = {
      status: to,
      statusCause: cause,
      statusReason: change.reason,
      statusEffectiveDate: change.effectiveDate,
      statusChangedAt: this.clock.now().toISOString(),
    };
    // The lines are locked, so every one of them moves; a shortfall means the rule and the data disagree.
    const moved = await this.lines.moveLines(
      change.manager,
      targets.map((l) => l.id),
      from,
      changes,
    );
    if (moved !== targets.length) throw new Error(`moved ${moved} of ${targets.length} disbursement lines of student ${change.student.id}`);
    await this.audit.recordMany(
      change.manager,
      targets.map((line) => lineAudit(change.actor, action, line, changes)),
    );
  }
}
