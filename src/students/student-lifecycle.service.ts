import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { BankAccountsRepository } from '../bank-accounts/bank-accounts.repository';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, invalidField, notFound } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { MajorSeatsRepository } from '../programs/major-seats.repository';
import { ChangeMajorDto } from './dto/change-major.dto';
import { ChangeStatusDto } from './dto/change-status.dto';
import { StudentResponseDto, toStudentSummary } from './dto/student-response.dto';
import { checkTransition, HOLDS_MAJOR_SEAT, StudentStatus, TransitionTrigger } from './rules/student-status';
import { StudentLifecycleHooks } from './student-lifecycle.hooks';
import { StudentEntity } from './student.entity';
import { StudentsRepository } from './students.repository';

export interface TransitionOptions {
  /** PLACEMENT for the moves a confirmed placement makes (to INTERNING or EMPLOYED), IMPORT for a takeover. */
  trigger: TransitionTrigger;
  reason?: string | null;
  /** YYYY-MM-DD; today's business date when omitted. */
  effectiveDate?: string;
}

/** One student of a bulk move and the date it takes effect for them. */
export interface TransitionMove {
  /** The record as read in the caller's transaction. */
  student: StudentEntity;
  /** YYYY-MM-DD */
  effectiveDate: string;
}

export interface TransitionOutcome {
  /** The students moved, as they are now. */
  moved: StudentEntity[];
  /** The students left as they were, with the error a single move would have answered. */
  refused: { student: StudentEntity; error: DomainError }[];
}

export interface MajorChange {
  student: StudentEntity;
  majorCode: string;
}

export interface MajorChangeOptions {
  reason: string;
  /** Take a seat even when the major is full (an admin's decision). */
  force: boolean;
  trigger: TransitionTrigger;
}

/** Statuses in which staff may move a student to another major. */
export const MAJOR_CHANGE_STATUSES: readonly StudentStatus[] = ['ADMITTED', 'ENROLLED', 'SUSPENDED'];

@Injectable()
export class StudentLifecycleService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly students: StudentsRepository,
    private readonly seats: MajorSeatsRepository,
    private readonly hooks: StudentLifecycleHooks,
    private readonly bankAccounts: BankAccountsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async changeStatus(actor: AuthUser, studentId: number, dto: ChangeStatusDto): Promise<StudentResponseDto> {
    return this.transactions.run(async (manager) => {
      const student = await this.applyTransition(manager, actor, studentId, dto.status, {
        trigger: 'MANUAL',
        reason: dto.reason,
        effectiveDate: dto.effectiveDate,
      });
      return toStudentSummary(student, await this.bankAccounts.ofStudent(manager, studentId));
    });
  }

  /** One student moved to `to` inside the caller's transaction: `applyTransitionMany` for a batch of one; a refusal is thrown. */
  async applyTransition(
    manager: EntityManager,
    actor: AuthUser | null,
    studentId: number,
    to: StudentStatus,
    options: TransitionOptions,
  ): Promise<StudentEntity> {
    const student = await this.students.findById(manager, studentId);
    if (!student) throw notFound('Student', studentId);
    const effectiveDate = options.effectiveDate ?? this.clock.today();
    const { moved, refused } = await this.applyTransitionMany(manager, actor, to, [{ student, effectiveDate }], options);
    if (refused.length) throw refused[0].error;
    return moved[0];
  }

  /**
   * The one writer of status changes, for one student and for a cohort. Inside the caller's transaction each
   * student is checked (the lifecycle allows the move; its date is not before the current status took effect),
   * the allowed ones are updated with a few conditional UPDATEs, seats freed on withdrawal, one audit entry
   * written per student, and the listeners run (batched: a cohort's schedules are written together). Any
   * error leaves nothing changed once the caller's transaction rolls back.
   */
  async applyTransitionMany(
    manager: EntityManager,
    actor: AuthUser | null,
    to: StudentStatus,
    moves: TransitionMove[],
    options: Pick<TransitionOptions, 'trigger' | 'reason'>,
  ): Promise<TransitionOutcome> {
    const refused: TransitionOutcome['refused'] = [];
    const allowed: TransitionMove[] = [];
    for (const move of moves) {
      const error = refusal(move, to, options.trigger);
      if (error) refused.push({ student: move.student, error });
      else allowed.push(move);
    }
    if (!allowed.length) return { moved: [], refused };

    const reason = options.reason ?? null;
    const updatedAt = this.clock.now().toISOString();
    const moved = allowed.map(({ student, effectiveDate }): StudentEntity => ({
      ...student,
      status: to,
      statusReason: reason,
      statusEffectiveDate: effectiveDate,
      updatedAt,
    }));
    await this.updateStatuses(manager, allowed, to, reason, updatedAt);
    for (const { student } of allowed) {
      if (freesSeat(student, to)) await this.seats.release(manager, student.cohortId, student.majorCode!);
    }
    await this.audit.recordMany(
      manager,
      allowed.map(({ student, effectiveDate }) => ({
        actor,
        action: 'student.status-changed',
        entityType: 'student',
        entityId: student.id,
        before: {
          status: student.status,
          statusReason: student.statusReason,
          statusEffectiveDate: student.statusEffectiveDate,
          majorCode: student.majorCode,
        },
        after: { status: to, reason, effectiveDate, trigger: options.trigger },
      })),
    );
    await this.hooks.inBatch(manager, async () => {
      for (const [i, { student, effectiveDate }] of allowed.entries()) {
        await this.hooks.statusChanged({
          manager,
          actor,
          student: moved[i],
          from: student.status,
          to,
          trigger: options.trigger,
          effectiveDate,
          reason,
        });
      }
    });
    return { moved, refused };
  }

  /**
   * One conditional UPDATE per group of students sharing their old status and new date: a student whose row
   * moved on since it was read makes the whole change fail. The major is part of the condition only where
   * the move frees its seat, so a cohort's enrolment stays a single statement.
   */
  private async updateStatuses(
    manager: EntityManager,
    moves: TransitionMove[],
    to: StudentStatus,
    reason: string | null,
    updatedAt: string,
  ): Promise<void> {
    const groups = new Map<string, TransitionMove[]>();
    for (const move of moves) {
      const seat = freesSeat(move.student, to) ? move.student.majorCode : null;
      const key = JSON.stringify([move.student.status, seat, move.effectiveDate]);
      const group = groups.get(key);
      if (group) group.push(move);
      else groups.set(key, [move]);
    }
    for (const group of groups.values()) {
      const { student, effectiveDate } = group[0];
      const ids = group.map((move) => move.student.id);
      const expected = { status: student.status, ...(freesSeat(student, to) ? { majorCode: student.majorCode! } : {}) };
      const changes = { status: to, statusReason: reason, statusEffectiveDate: effectiveDate, updatedAt };
      if ((await this.students.updateManyIf(manager, ids, expected, changes)) !== ids.length) throw changedMeanwhile(ids);
    }
  }

  /** Only an admin may force a seat in a full major. The same major again is a no-op (see ChangeMajorDto). */
  async changeMajor(actor: AuthUser, studentId: number, dto: ChangeMajorDto): Promise<StudentResponseDto> {
    const force = dto.force === true;
    if (force && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an admin may force a seat in a full major');
    return this.transactions.run(async (manager) => {
      const student = await this.students.findById(manager, studentId);
      if (!student) throw notFound('Student', studentId);
      const [changed] = await this.changeMajorMany(manager, actor, [{ student, majorCode: dto.majorCode }], {
        reason: dto.reason,
        force,
        trigger: 'MANUAL',
      });
      return toStudentSummary(changed, await this.bankAccounts.ofStudent(manager, studentId));
    });
  }

  /**
   * The one writer of major changes, inside the caller's transaction: each student takes a seat in the new
   * major (a conditional UPDATE, so two requests cannot both take the last one), frees the old one and is
   * audited. The first student who cannot move makes the whole change fail. Answers the students as they are now.
   */
  async changeMajorMany(
    manager: EntityManager,
    actor: AuthUser | null,
    changes: MajorChange[],
    options: MajorChangeOptions,
  ): Promise<StudentEntity[]> {
    const updatedAt = this.clock.now().toISOString();
    const records: AuditRecord[] = [];
    const result: StudentEntity[] = [];
    for (const { student, majorCode } of changes) {
      if (!MAJOR_CHANGE_STATUSES.includes(student.status)) {
        throw new DomainError(
          'CONFLICT',
          `A student's major can change only while ${MAJOR_CHANGE_STATUSES.join(', ')}; student ${student.id} is ${student.status}`,
        );
      }
      if (student.majorCode === majorCode) {
        result.push(student);
        continue;
      }
      const taken = await this.seats.take(manager, student.cohortId, majorCode, options.force);
      if (taken === 'NO_SUCH_MAJOR') throw invalidField('majorCode', `no major ${majorCode} in cohort ${student.cohortId}`);
      if (taken === 'FULL') throw new DomainError('CAPACITY_FULL', `Major ${majorCode} has no free seat; an admin may force it`);
      if (student.majorCode !== null) await this.seats.release(manager, student.cohortId, student.majorCode);
      if (!(await this.students.updateIf(manager, student.id, student, { majorCode, updatedAt }))) throw changedMeanwhile([student.id]);
      records.push({
        actor,
        action: 'student.major-changed',
        entityType: 'student',
        entityId: student.id,
        before: { majorCode: student.majorCode },
        after: { majorCode, reason: options.reason, forced: options.force, trigger: options.trigger },
      });
      result.push({ ...student, majorCode, updatedAt });
    }
    await this.audit.recordMany(manager, records);
    return result;
  }
}

/** Why a student may not make the move, worded the same for one student and for a cohort; null if they may. */
function refusal({ student, effectiveDate }: TransitionMove, to: StudentStatus, trigger: TransitionTrigger): DomainError | null {
  const check = checkTransition(student, to, trigger);
  if (!check.allowed) return new DomainError('ILLEGAL_TRANSITION', check.reason);
  if (effectiveDate < student.statusEffectiveDate) {
    return invalidField(
      'effectiveDate',
      `must not be before ${student.statusEffectiveDate}, when the current status ${student.status} took effect`,
    );
  }
  return null;
}

const freesSeat = (student: StudentEntity, to: StudentStatus): boolean =>
  to === 'WITHDRAWN' && student.majorCode !== null && HOLDS_MAJOR_SEAT.includes(student.status);

const changedMeanwhile = (studentIds: number[]): DomainError =>
  new DomainError(
    'CONFLICT',
    studentIds.length === 1
      ? `Student ${studentIds[0]} was changed by another request meanwhile; reload and try again`
      : `${studentIds.length} students were changed by another request meanwhile; try again`,
  );
