import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccountNumberCipher } from '../bank-accounts/account-number-cipher';
import { BankAccountsRepository } from '../bank-accounts/bank-accounts.repository';
import { CheckedBankAccount } from '../bank-accounts/rules/bank-account';
import { StudentBankAccountEntity } from '../bank-accounts/student-bank-account.entity';
import { AuthUser } from '../common/auth/auth-user';
import { InsertRow } from '../common/bulk-insert';
import { Clock } from '../common/clock';
import { CohortsRepository, CohortWithProgram } from '../programs/cohorts.repository';
import { ShownBankAccount, toStudentSummary } from './dto/student-response.dto';
import { normaliseNationalId } from './rules/national-id';
import { CohortFacts, checkNewStudent, NewApplicant, NewStudentCheck, NewStudentRecord, Takeover } from './rules/new-student';
import { TransitionTrigger } from './rules/student-status';
import { StudentLifecycleService } from './student-lifecycle.service';
import { StudentEntity } from './student.entity';
import { StudentsRepository } from './students.repository';

/** How a student record came in, as its `student.created` audit entry says. */
export type IntakeTrigger = 'SINGLE' | 'IMPORT';

/** What the check of new students needs from the cohort, read once for one applicant or a whole file. */
export interface IntakeContext {
  cohort: CohortWithProgram;
  facts: Omit<CohortFacts, 'takenNationalIds' | 'knownEnterpriseIds' | 'seatsLeft'> & { seatsLeft: Map<string, number> };
}

export interface AcceptedStudent {
  record: NewStudentRecord;
  takeover: Takeover | null;
  bankAccount: CheckedBankAccount | null;
}

/** A student as written, with the account given at intake (its number only encrypted and masked). */
export interface SavedStudent {
  student: StudentEntity;
  bankAccount: ShownBankAccount | null;
}

/**
 * The one path by which student records come into being, for a single intake and for an import alike: one
 * check (`rules/new-student.ts`, with the look-ups it needs done in bulk) and one writer (the rows, their
 * `student.created` audit entries, and for students taken over the moves the lifecycle makes one by one).
 */
@Injectable()
export class StudentIntakeService {
  constructor(
    private readonly students: StudentsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly lifecycle: StudentLifecycleService,
    private readonly bankAccounts: BankAccountsRepository,
    private readonly cipher: AccountNumberCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The cohort (404 if none), its majors' free seats, today's business date and the instant of the intake. */
  async context(manager: EntityManager, cohortId: number): Promise<IntakeContext> {
    const cohort = await this.cohorts.getCohortWithProgram(manager, cohortId);
    const seatsLeft = await this.students.seatsLeftInMajors(manager, cohortId);
    return {
      cohort,
      facts: {
        cohortId,
        today: this.clock.today(),
        now: this.clock.now().toISOString(),
        eligibility: {
          homeCounties: cohort.program.eligibleHomeCounties,
          requirePovertyRegistration: cohort.program.requirePovertyRegistration,
        },
        seatsLeft,
      },
    };
  }

  /**
   * Checks applicants in order, with two look-ups for all of them. A seat that an accepted student takes is
   * counted off the context, so the rows of a file (checked a chunk at a time) cannot together overfill a major.
   */
  async check(manager: EntityManager, context: IntakeContext, applicants: NewApplicant[]): Promise<NewStudentCheck[]> {
    const { facts } = context;
    const takenNationalIds = await this.students.nationalIdsInCohort(
      manager,
      facts.cohortId,
      applicants.map((a) => normaliseNationalId(a.nationalId)),
    );
    const knownEnterpriseIds = await this.students.existingEnterpriseIds(
      manager,
      applicants.flatMap((a) => (a.intendedEnterpriseId === null ? [] : [a.intendedEnterpriseId])),
    );
    return applicants.map((applicant) => {
      const result = checkNewStudent(applicant, { ...facts, takenNationalIds, knownEnterpriseIds });
      const seat = result.ok ? result.takeover?.majorCode : null;
      if (seat) facts.seatsLeft.set(seat, facts.seatsLeft.get(seat)! - 1);
      return result;
    });
  }

  /**
   * Writes checked students inside the caller's transaction: the rows and their bank accounts (the numbers
   * encrypted), one `student.created` entry each with the record as answered (the account masked) and the
   * trigger, then the moves of those taken over. Answers them as they are now.
   */
  async save(manager: EntityManager, actor: AuthUser | null, accepted: AcceptedStudent[], trigger: IntakeTrigger): Promise<SavedStudent[]> {
    const ids = await this.students.insertMany(
      manager,
      accepted.map((a) => a.record),
    );
    const created = accepted.map(({ record }, i): StudentEntity => ({ ...record, id: ids[i] }));
    const accounts = accepted.map(
      ({ record, bankAccount }, i): InsertRow<StudentBankAccountEntity> | null =>
        bankAccount && { studentId: ids[i], ...this.cipher.seal(bankAccount), updatedAt: record.createdAt, updatedBy: actor?.id ?? null },
    );
    await this.bankAccounts.insertMany(
      manager,
      accounts.filter((account) => account !== null),
    );
    await this.audit.recordMany(
      manager,
      created.map((student, i) => ({
        actor,
        action: 'student.created',
        entityType: 'student',
        entityId: student.id,
        before: null,
        after: { ...toStudentSummary(student, accounts[i]), trigger },
      })),
    );
    const students = await this.takeOver(
      manager,
      actor,
      created,
      accepted.map((a) => a.takeover),
      trigger === 'IMPORT' ? 'IMPORT' : 'MANUAL',
    );
    return students.map((student, i) => ({ student, bankAccount: accounts[i] }));
  }

  /**
   * Students taken over as ADMITTED or ENROLLED make the moves staff would make one by one, through the same
   * writers and so under the same rules: admitted on their status date, a seat taken in their major, enrolled
   * (which creates the schedule from the cohort start). A refusal fails the whole save.
   */
  private async takeOver(
    manager: EntityManager,
    actor: AuthUser | null,
    students: StudentEntity[],
    takeovers: (Takeover | null)[],
    trigger: TransitionTrigger,
  ): Promise<StudentEntity[]> {
    const current = new Map(students.map((student) => [student.id, student]));
    const plan = students.flatMap((student, i) => (takeovers[i] ? [{ id: student.id, ...takeovers[i] }] : []));
    if (!plan.length) return students;
    const move = async (to: 'ADMITTED' | 'ENROLLED', steps: typeof plan) => {
      const moves = steps.map((step) => ({ student: current.get(step.id)!, effectiveDate: step.date }));
      const { moved, refused } = await this.lifecycle.applyTransitionMany(manager, actor, to, moves, { trigger });
      if (refused.length) throw refused[0].error;
      for (const student of moved) current.set(student.id, student);
    };
    await move('ADMITTED', plan);
    const withMajor = plan.filter((step) => step.majorCode !== null);
    const majored = await this.lifecycle.changeMajorMany(
      manager,
      actor,
      withMajor.map((step) => ({ student: current.get(step.id)!, majorCode: step.majorCode! })),
      { reason: TAKEOVER_REASON, force: false, trigger },
    );
    for (const student of majored) current.set(student.id, student);
    await move(
      'ENROLLED',
      plan.filter((step) => step.status === 'ENROLLED'),
    );
    return students.map((student) => current.get(student.id)!);
  }
}

const TAKEOVER_REASON = 'the major the student held when the class was taken over';
