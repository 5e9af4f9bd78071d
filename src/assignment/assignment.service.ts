import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { CohortsRepository } from '../programs/cohorts.repository';
import { AssignmentRepository, MajorSeatRow } from './assignment.repository';
import { AssignmentOutcome, assignMajors } from './rules/assign-majors';
import { nextTurn } from '../common/next-turn';

/** Students per UPDATE and per batch of audit entries. */
const WRITE_CHUNK = 1_000;

@Injectable()
export class AssignmentService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cohorts: CohortsRepository,
    private readonly repository: AssignmentRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Assigns every ADMITTED student of the cohort without a major (see assignMajors). A dry run answers the
   * same and writes nothing. Students who already hold a seat keep it; seats freed since the last run are
   * offered again.
   */
  run(actor: AuthUser, cohortId: number, dryRun: boolean): Promise<AssignmentOutcome> {
    return this.transactions.run(async (manager) => {
      await this.cohorts.getCohort(manager, cohortId);
      const majors = await this.repository.majorSeats(manager, cohortId, !dryRun);
      const lowest = await this.repository.lowestHolderScores(manager, cohortId);
      const applicants = await this.repository.unassignedAdmitted(manager, cohortId);
      const outcome = assignMajors(
        applicants,
        majors.map((m) => ({ code: m.code, capacity: m.capacity, held: m.assigned, lowestHeldScore: lowest.get(m.code) ?? null })),
      );
      if (!dryRun) await this.persist(manager, actor, cohortId, majors, outcome);
      return outcome;
    });
  }

  private async persist(
    manager: EntityManager,
    actor: AuthUser,
    cohortId: number,
    majors: MajorSeatRow[],
    outcome: AssignmentOutcome,
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    const idsByMajor = new Map<string, number[]>(majors.map((m) => [m.code, []]));
    for (const placement of outcome.assigned) idsByMajor.get(placement.majorCode)!.push(placement.studentId);
    for (const major of majors) {
      const ids = idsByMajor.get(major.code)!;
      for (let start = 0; start < ids.length; start += WRITE_CHUNK) {
        const chunk = ids.slice(start, start + WRITE_CHUNK);
        if ((await this.repository.giveMajor(manager, cohortId, major.code, chunk, now)) !== chunk.length) throw changedMeanwhile(cohortId);
        await nextTurn();
      }
      if (!(await this.repository.recordSeats(manager, major.id, ids.length, outcome.cutoffs[major.code] ?? null))) {
        throw changedMeanwhile(cohortId);
      }
    }
    for (let start = 0; start < outcome.assigned.length; start += WRITE_CHUNK) {
      const records: AuditRecord[] = outcome.assigned.slice(start, start + WRITE_CHUNK).map((p) => ({
        actor,
        action: 'student.major-assigned',
        entityType: 'student',
        entityId: p.studentId,
        before: { majorCode: null },
        after: { majorCode: p.majorCode, choiceRank: p.choiceRank },
      }));
      await this.audit.recordMany(manager, records);
      await nextTurn();
    }
    await this.audit.record(manager, {
      actor,
      action: 'cohort.majors-assigned',
      entityType: 'cohort',
      entityId: cohortId,
      before: {
        seats: Object.fromEntries(majors.map((m) => [m.code, m.assigned])),
        cutoffs: Object.fromEntries(majors.map((m) => [m.code, m.cutoffScore])),
      },
      after: {
        assigned: outcome.assigned.length,
        unassigned: outcome.unassigned.length,
        seats: Object.fromEntries(majors.map((m) => [m.code, m.assigned + idsByMajor.get(m.code)!.length])),
        cutoffs: Object.fromEntries(majors.map((m) => [m.code, outcome.cutoffs[m.code] ?? null])),
      },
    });
  }
}

const changedMeanwhile = (cohortId: number): DomainError =>
  new DomainError('CONFLICT', `Students or majors of cohort ${cohortId} changed during the assignment; nothing was saved, run it again`);
