import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { TransactionRunner } from '../common/transaction-runner';
import { CohortsRepository } from '../programs/cohorts.repository';
import { StudentLifecycleService } from '../students/student-lifecycle.service';
import { StudentsRepository } from '../students/students.repository';
import { EnrolCohortResponseDto, SkippedStudentDto } from './dto/enrol-cohort.dto';
import { nextTurn } from '../common/next-turn';

/** Students enrolled per transaction: each chunk commits whole (statuses, audit, schedules) or not at all. */
export const ENROL_CHUNK = 500;

/**
 * Arrival day: every ADMITTED student of a cohort becomes ENROLLED, a chunk of students per transaction,
 * through StudentLifecycleService.applyTransitionMany, the writer of a single status change too: the same
 * checks and refusals, one UPDATE for the chunk, the same audit entries and listeners (the schedules among
 * them, written together).
 */
@Injectable()
export class CohortEnrolmentService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cohorts: CohortsRepository,
    private readonly students: StudentsRepository,
    private readonly lifecycle: StudentLifecycleService,
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
      await nextTurn();
    }
    return { enrolled, skipped };
  }

  /** A refused student is skipped with the message a single status change would have answered. */
  private async enrolChunk(
    manager: EntityManager,
    actor: AuthUser | null,
    cohortId: number,
    effectiveDate: string,
    afterId: number,
  ): Promise<{ enrolled: number; skipped: SkippedStudentDto[]; lastId: number } | null> {
    const candidates = await this.students.chunkInCohortAfter(manager, cohortId, { status: 'ADMITTED' }, afterId, ENROL_CHUNK, {
      lock: true,
    });
    if (!candidates.length) return null;
    const { moved, refused } = await this.lifecycle.applyTransitionMany(
      manager,
      actor,
      'ENROLLED',
      candidates.map((student) => ({ student, effectiveDate })),
      { trigger: 'MANUAL' },
    );
    return {
      enrolled: moved.length,
      skipped: refused.map(({ student, error }) => ({ studentId: student.id, reason: error.message })),
      lastId: candidates[candidates.length - 1].id,
    };
  }
}
