import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { TransactionRunner } from '../common/transaction-runner';
import { CohortsRepository } from '../programs/cohorts.repository';
import { StudentLifecycleService, TransitionOutcome } from '../students/student-lifecycle.service';
import { StudentsRepository } from '../students/students.repository';
import { nextTurn } from '../common/next-turn';
import { EnrolCohortResponseDto, SkippedStudentDto } from './dto/enrol-cohort.dto';

/** Students enrolled per transaction: each chunk commits whole (statuses, audit, schedules) or not at all. */
export const ENROL_CHUNK = 500;

/**
 * Arrival day: every ADMITTED student of a cohort becomes ENROLLED, a chunk of students per transaction,
 * through StudentLifecycleService.applyTransitionMany, the writer of a single status change too: the same
 * checks and refusals, one UPDATE for the chunk, the same audit entries and listeners (the schedules among
 * them, written together). The API and the staff page's arrival day both run it.
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
    let enrolled = 0;
    const skipped: SkippedStudentDto[] = [];
    await this.enrolEach(actor, cohortId, effectiveDate, ({ moved, refused }) => {
      enrolled += moved.length;
      skipped.push(...refused.map(({ student, error }) => ({ studentId: student.id, reason: error.message })));
    });
    return { enrolled, skipped };
  }

  /**
   * The enrolment itself, for the API and the staff page alike: each chunk's outcome (the students moved, and
   * each refused one with the error a single status change would have answered) is handed to `committed` once
   * its transaction has committed. The event loop gets a turn between chunks.
   */
  async enrolEach(
    actor: AuthUser | null,
    cohortId: number,
    effectiveDate: string,
    committed: (outcome: TransitionOutcome) => void,
  ): Promise<void> {
    await this.transactions.run((manager) => this.cohorts.getCohort(manager, cohortId));
    let afterId = 0;
    for (;;) {
      const chunk = await this.transactions.run((manager) => this.enrolChunk(manager, actor, cohortId, effectiveDate, afterId));
      if (!chunk) return;
      committed(chunk.outcome);
      afterId = chunk.lastId;
      await nextTurn();
    }
  }

  private async enrolChunk(
    manager: EntityManager,
    actor: AuthUser | null,
    cohortId: number,
    effectiveDate: string,
    afterId: number,
  ): Promise<{ outcome: TransitionOutcome; lastId: number } | null> {
    const candidates = await this.students.chunkInCohortAfter(manager, cohortId, { status: 'ADMITTED' }, afterId, ENROL_CHUNK, {
      lock: true,
    });
    if (!candidates.length) return null;
    const outcome = await this.lifecycle.applyTransitionMany(
      manager,
      actor,
      'ENROLLED',
      candidates.map((student) => ({ student, effectiveDate })),
      { trigger: 'MANUAL' },
    );
    return { outcome, lastId: candidates[candidates.length - 1].id };
  }
}
