import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, invalidField, notFound } from '../common/errors/domain-error';
import { MajorSeatsRepository } from '../programs/major-seats.repository';
import { ChangeMajorDto } from './dto/change-major.dto';
import { ChangeStatusDto } from './dto/change-status.dto';
import { StudentResponseDto, toStudentSummary } from './dto/student-response.dto';
import { checkTransition, HOLDS_MAJOR_SEAT, StudentStatus, TransitionTrigger } from './rules/student-status';
import { StudentLifecycleHooks } from './student-lifecycle.hooks';
import { StudentEntity } from './student.entity';
import { StudentsRepository } from './students.repository';
import { TransactionRunner } from '../common/transaction-runner';

export type TransitionChanges = Pick<StudentEntity, 'status' | 'statusReason' | 'statusEffectiveDate' | 'updatedAt'>;

export interface TransitionOptions {
  /** PLACEMENT for the moves a confirmed placement makes (to INTERNING or EMPLOYED). */
  trigger: TransitionTrigger;
  reason?: string | null;
  /** YYYY-MM-DD; today's business date when omitted. */
  effectiveDate?: string;
}

/** Statuses in which staff may move a student to another major. */
const MAJOR_CHANGE_STATUSES: readonly StudentStatus[] = ['ADMITTED', 'ENROLLED', 'SUSPENDED'];

@Injectable()
export class StudentLifecycleService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly students: StudentsRepository,
    private readonly seats: MajorSeatsRepository,
    private readonly hooks: StudentLifecycleHooks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async changeStatus(actor: AuthUser, studentId: number, dto: ChangeStatusDto): Promise<StudentResponseDto> {
    const student = await this.transactions.run((manager) =>
      this.applyTransition(manager, actor, studentId, dto.status, {
        trigger: 'MANUAL',
        reason: dto.reason,
        effectiveDate: dto.effectiveDate,
      }),
    );
    return toStudentSummary(student);
  }

  /**
   * Moves one student to `to` inside the caller's transaction: checks the lifecycle, frees the major seat on
   * withdrawal, writes the audit entry and runs the registered listeners. Any error leaves nothing changed
   * once the caller's transaction rolls back.
   */
  async applyTransition(
    manager: EntityManager,
    actor: AuthUser | null,
    studentId: number,
    to: StudentStatus,
    options: TransitionOptions,
  ): Promise<StudentEntity> {
    const student = await this.students.findById(manager, studentId);
    if (!student) throw notFound('Student', studentId);
    const check = checkTransition(student, to, options.trigger);
    if (!check.allowed) throw new DomainError('ILLEGAL_TRANSITION', check.reason);
    const effectiveDate = options.effectiveDate ?? this.clock.today();
    if (effectiveDate < student.statusEffectiveDate) {
      throw invalidField(
        'effectiveDate',
        `must not be before ${student.statusEffectiveDate}, when the current status ${student.status} took effect`,
      );
    }
    const changes = this.transitionChanges(to, options.reason ?? null, effectiveDate);
    if (!(await this.students.updateIf(manager, studentId, student, changes))) throw changedMeanwhile(studentId);
    if (to === 'WITHDRAWN' && student.majorCode !== null && HOLDS_MAJOR_SEAT.includes(student.status)) {
      await this.seats.release(manager, student.cohortId, student.majorCode);
    }
    const [updated] = await this.recordTransitions(manager, actor, [student], changes, options.trigger);
    return updated;
  }

  /** The columns a move to `to` sets on the student row. */
  transitionChanges(to: StudentStatus, reason: string | null, effectiveDate: string): TransitionChanges {
    return { status: to, statusReason: reason, statusEffectiveDate: effectiveDate, updatedAt: this.clock.now().toISOString() };
  }

  /**
   * What follows a status change once the rows are updated: one audit entry per student, then the
   * listeners. Single changes and bulk ones (cohort enrolment) both come through here, so they write
   * the same. `students` are the records as they were before the change.
   */
  async recordTransitions(
    manager: EntityManager,
    actor: AuthUser | null,
    students: StudentEntity[],
    changes: TransitionChanges,
    trigger: TransitionTrigger,
  ): Promise<StudentEntity[]> {
    const after = { status: changes.status, reason: changes.statusReason, effectiveDate: changes.statusEffectiveDate, trigger };
    await this.audit.recordMany(
      manager,
      students.map((student) => ({
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
        after,
      })),
    );
    const updated = students.map((student): StudentEntity => ({ ...student, ...changes }));
    for (const [i, student] of students.entries()) {
      await this.hooks.statusChanged({
        manager,
        actor,
        student: updated[i],
        from: student.status,
        to: changes.status,
        trigger,
        effectiveDate: changes.statusEffectiveDate,
        reason: changes.statusReason,
      });
    }
    return updated;
  }

  /** Only an admin may force a seat in a full major. The same major again is a no-op (see ChangeMajorDto). */
  async changeMajor(actor: AuthUser, studentId: number, dto: ChangeMajorDto): Promise<StudentResponseDto> {
    const force = dto.force === true;
    if (force && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an admin may force a seat in a full major');
    const student = await this.transactions.run(async (manager) => {
      const student = await this.students.findById(manager, studentId);
      if (!student) throw notFound('Student', studentId);
      if (!MAJOR_CHANGE_STATUSES.includes(student.status)) {
        throw new DomainError(
          'CONFLICT',
          `A student's major can change only while ${MAJOR_CHANGE_STATUSES.join(', ')}; student ${studentId} is ${student.status}`,
        );
      }
      if (student.majorCode === dto.majorCode) return student;
      const taken = await this.seats.take(manager, student.cohortId, dto.majorCode, force);
      if (taken === 'NO_SUCH_MAJOR') throw invalidField('majorCode', `no major ${dto.majorCode} in cohort ${student.cohortId}`);
      if (taken === 'FULL') throw new DomainError('CAPACITY_FULL', `Major ${dto.majorCode} has no free seat; an admin may force it`);
      if (student.majorCode !== null) await this.seats.release(manager, student.cohortId, student.majorCode);
      const changes = { majorCode: dto.majorCode, updatedAt: this.clock.now().toISOString() };
      if (!(await this.students.updateIf(manager, studentId, student, changes))) throw changedMeanwhile(studentId);
      await this.audit.record(manager, {
        actor,
        action: 'student.major-changed',
        entityType: 'student',
        entityId: studentId,
        before: { majorCode: student.majorCode },
        after: { majorCode: dto.majorCode, reason: dto.reason, forced: force },
      });
      return { ...student, ...changes };
    });
    return toStudentSummary(student);
  }
}

const changedMeanwhile = (studentId: number): DomainError =>
  new DomainError('CONFLICT', `Student ${studentId} was changed by another request meanwhile; reload and try again`);
