import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock, isoDate } from '../common/clock';
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

export interface TransitionOptions {
  /** PLACEMENT for the moves a confirmed placement makes (to INTERNING or EMPLOYED). */
  trigger: TransitionTrigger;
  reason?: string | null;
  /** YYYY-MM-DD; today when omitted. */
  effectiveDate?: string;
}

/** Statuses in which staff may move a student to another major. */
const MAJOR_CHANGE_STATUSES: readonly StudentStatus[] = ['ADMITTED', 'ENROLLED', 'SUSPENDED'];

@Injectable()
export class StudentLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const effectiveDate = options.effectiveDate ?? isoDate(this.clock.now());
    if (effectiveDate < student.statusEffectiveDate) {
      throw invalidField(
        'effectiveDate',
        `must not be before ${student.statusEffectiveDate}, when the current status ${student.status} took effect`,
      );
    }
    const before = {
      status: student.status,
      statusReason: student.statusReason,
      statusEffectiveDate: student.statusEffectiveDate,
      majorCode: student.majorCode,
    };
    const changes = {
      status: to,
      statusReason: options.reason ?? null,
      statusEffectiveDate: effectiveDate,
      updatedAt: this.clock.now().toISOString(),
    };
    if (!(await this.students.updateIf(manager, studentId, student, changes))) throw changedMeanwhile(studentId);
    if (to === 'WITHDRAWN' && student.majorCode !== null && HOLDS_MAJOR_SEAT.includes(student.status)) {
      await this.seats.release(manager, student.cohortId, student.majorCode);
    }
    const updated: StudentEntity = { ...student, ...changes };
    await this.audit.record(manager, {
      actor,
      action: 'student.status-changed',
      entityType: 'student',
      entityId: studentId,
      before,
      after: { status: to, reason: changes.statusReason, effectiveDate, trigger: options.trigger },
    });
    await this.hooks.statusChanged({
      manager,
      actor,
      student: updated,
      from: student.status,
      to,
      trigger: options.trigger,
      effectiveDate,
      reason: changes.statusReason,
    });
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
