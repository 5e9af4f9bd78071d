import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { CohortsRepository } from '../programs/cohorts.repository';
import { checkTransition } from '../students/rules/student-status';
import { StudentLifecycleService } from '../students/student-lifecycle.service';
import { StudentEntity } from '../students/student.entity';
import { DisbursementSchedulesService } from './disbursement-schedules.service';
import { EnrolCohortResponseDto, SkippedStudentDto } from './dto/enrol-cohort.dto';

/** Students enrolled per transaction: each chunk commits whole (statuses, audit, schedules) or not at all. */
export const ENROL_CHUNK = 500;

/**
 * Arrival day: every ADMITTED student of a cohort with a major becomes ENROLLED, a chunk of students per
 * transaction: one UPDATE for the chunk, then StudentLifecycleService.recordTransitions writes the same
 * audit entries and runs the same listeners (the schedule among them) as a single status change.
 */
@Injectable()
export class CohortEnrolmentService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cohorts: CohortsRepository,
    private readonly lifecycle: StudentLifecycleService,
    private readonly schedules: DisbursementSchedulesService,
  ) {}

  async enrol(actor: AuthUser | null, cohortId: number, effectiveDate: string): Promise<EnrolCohortResponseDto> {
    await this.transactions.run((manager) => this.cohorts.getCohort(manager, cohortId));
    let enrolled = 0;
    const skipped: SkippedStudentDto[] = [];
    let afterId = 0;
    for (;;) {
      const chunk = await this.transactions.run((manager) => this.enrolChunk(manager, actor, cohortId, effectiveDate, afterId));
      if (!chunk) break;
      enrolled += chunk.enrolled;
      skipped.push(...chunk.skipped);
      afterId = chunk.lastId;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { enrolled, skipped };
  }

  private async enrolChunk(
    manager: EntityManager,
    actor: AuthUser | null,
    cohortId: number,
    effectiveDate: string,
    afterId: number,
  ): Promise<{ enrolled: number; skipped: SkippedStudentDto[]; lastId: number } | null> {
    const qb = manager
      .createQueryBuilder(StudentEntity, 's')
      .where('s.cohortId = :cohortId', { cohortId })
      .andWhere('s.status = :status', { status: 'ADMITTED' })
      .andWhere('s.id > :afterId', { afterId })
      .orderBy('s.id', 'ASC')
      .limit(ENROL_CHUNK);
    const candidates = await (manager.connection.options.type === 'postgres' ? qb.setLock('pessimistic_write') : qb).getMany();
    if (!candidates.length) return null;
    const skipped: SkippedStudentDto[] = [];
    const students: StudentEntity[] = [];
    for (const student of candidates) {
      const check = checkTransition(student, 'ENROLLED');
      if (!check.allowed) skipped.push({ studentId: student.id, reason: check.reason });
      else if (effectiveDate < student.statusEffectiveDate) {
        skipped.push({
          studentId: student.id,
          reason: `effectiveDate is before ${student.statusEffectiveDate}, when the student was admitted`,
        });
      } else students.push(student);
    }
    const lastId = candidates[candidates.length - 1].id;
    if (!students.length) return { enrolled: 0, skipped, lastId };

    const changes = this.lifecycle.transitionChanges('ENROLLED', null, effectiveDate);
    const { affected } = await manager
      .createQueryBuilder()
      .update(StudentEntity)
      .set(changes)
      .where({ id: In(students.map((s) => s.id)), status: 'ADMITTED' })
      .execute();
    if (affected !== students.length) {
      throw new DomainError('CONFLICT', `Students of cohort ${cohortId} were changed by another request meanwhile; try again`);
    }
    await this.schedules.inBatch(manager, () => this.lifecycle.recordTransitions(manager, actor, students, changes, 'MANUAL'));
    return { enrolled: students.length, skipped, lastId };
  }
}
