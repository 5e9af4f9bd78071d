import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, In } from 'typeorm';
import { AgreementsService } from '../agreements/agreements.service';
import { readyKinds } from '../agreements/rules/agreement-readiness';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { UserEntity } from '../auth/user.entity';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DisbursementsService } from '../disbursements/disbursements.service';
import { DisbursementLineResponseDto } from '../disbursements/dto/disbursement-response.dto';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { OPEN_PLACEMENT_STATUSES, PlacementEntity } from '../placements/placement.entity';
import { CohortsService } from '../programs/cohorts.service';
import { MajorsService } from '../programs/majors.service';
import { checkTransition, StudentStatus } from '../students/rules/student-status';
import { MAJOR_CHANGE_STATUSES } from '../students/student-lifecycle.service';
import { StudentsService } from '../students/students.service';
import { Lang, translate } from './i18n';
import { describeChange, describeIneligibility, describeStatusReason } from './rules/staff-student-history';

/** The latest audit entries shown; a student's whole life is well under this, a paid schedule included. */
const HISTORY_LIMIT = 100;
/** The moves staff make by hand, in the order the forms are shown. */
const MOVES: readonly StudentStatus[] = ['ADMITTED', 'WAITLISTED', 'REJECTED', 'ENROLLED', 'SUSPENDED', 'GRADUATED', 'WITHDRAWN'];

/** A form of the page: what it shows typed, and the refusal next to it after a failed post. */
export interface PageForm {
  id: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message: string | null;
}

const form = (id: string, values: Record<string, string>): PageForm => ({ id, values, errors: {}, message: null });

/** The staff view of one student, read through the API's own services with the session's user. */
@Injectable()
export class StaffStudentPagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentsService,
    private readonly cohorts: CohortsService,
    private readonly majors: MajorsService,
    private readonly disbursements: DisbursementsService,
    private readonly agreements: AgreementsService,
    private readonly clock: Clock,
  ) {}

  async page(actor: AuthUser, studentId: number, lang: Lang) {
    const student = await this.students.get(actor, studentId);
    const today = this.clock.today();
    const manager = this.dataSource.manager;
    const cohort = await this.cohorts.get(student.cohortId);
    const majors = (await this.majors.list(student.cohortId, { page: 1, pageSize: 500 })).items;
    const majorName = (code: string | null | undefined) =>
      code ? (majors.find((m) => m.code === code)?.name ?? code) : translate(lang, 'staffStudent.noMajor');
    const schedule = (await this.disbursements.forStudent(actor, studentId)).items;
    const agreements = (await this.agreements.list(actor, studentId, { page: 1, pageSize: 100 })).items;
    const placements = await manager.find(PlacementEntity, { where: { studentId }, order: { id: 'ASC' } });
    const account = await manager.findOne(UserEntity, { select: { id: true, username: true }, where: { studentId } });
    const enterpriseIds = [student.intendedEnterpriseId, ...placements.map((p) => p.enterpriseId)].filter(
      (id): id is number => id !== null,
    );
    const enterprises = enterpriseIds.length
      ? await manager.find(EnterpriseEntity, { select: { id: true, name: true }, where: { id: In([...new Set(enterpriseIds)]) } })
      : [];
    const enterpriseName = (id: number) => enterprises.find((e) => e.id === id)?.name ?? String(id);
    const history = await this.history(
      studentId,
      account?.id ?? null,
      schedule,
      placements,
      agreements.map((a) => a.id),
    );
    const usernames = await this.usernames(history.map((h) => h.actorId));
    const placementOf = (id: number) => {
      const p = placements.find((x) => x.id === id);
      return p && { type: p.type, enterpriseName: enterpriseName(p.enterpriseId) };
    };

    return {
      student: {
        ...student,
        majorName: majorName(student.majorCode),
        preferences: student.majorPreferences.map((code) => majorName(code)),
        ineligibleReasons: student.ineligibleReasons.map((r) => describeIneligibility(lang, r)),
        statusReason: student.statusReason === null ? null : describeStatusReason(lang, student.statusReason, { placement: placementOf }),
        intendedEnterprise: student.intendedEnterpriseId === null ? null : enterpriseName(student.intendedEnterpriseId),
      },
      cohort: { id: cohort.id, name: cohort.name },
      lines: schedule.map((line) => ({
        ...line,
        approve: line.payer === 'PROGRAM' && line.status === 'SCHEDULED' && line.dueDate <= today ? form(`line-${line.id}`, {}) : null,
        // A fresh key for each form shown: the same form sent twice records one payment. A line with the bank is
        // recorded by its batch's return file, so it has no form.
        pay:
          line.payer === 'PROGRAM' && line.status === 'APPROVED' && line.paymentBatchId === null
            ? form(`line-${line.id}`, { reference: '', paidOn: today, idempotencyKey: randomUUID() })
            : null,
      })),
      placements: placements.map((p) => ({
        enterpriseName: enterpriseName(p.enterpriseId),
        type: p.type,
        status: p.status,
        startDate: p.startDate,
        position: p.position,
      })),
      agreements: agreements.map((a) => ({
        id: a.id,
        kind: a.kind,
        version: a.version,
        createdAt: this.clock.dateOf(new Date(a.createdAt)),
      })),
      account: account ? { username: account.username } : null,
      // Masked as the API answers it: the whole number is never on a page, not even in the form.
      bankAccount: student.bankAccount && {
        ...student.bankAccount,
        updatedAt: this.clock.minuteOf(new Date(student.bankAccount.updatedAt)),
      },
      bankAccountForm: form('bank-account', {
        bankName: student.bankAccount?.bankName ?? '',
        accountName: student.bankAccount?.accountName ?? student.fullName,
      }),
      history: history.map((entry) => ({
        at: this.clock.minuteOf(new Date(entry.at)),
        who: entry.actorId === null ? translate(lang, 'staffStudent.system') : (usernames.get(entry.actorId) ?? String(entry.actorId)),
        text: describeChange(lang, entry, {
          majorName,
          line: (id) => schedule.find((l) => l.id === id),
          placement: placementOf,
        }),
      })),
      historyLimit: HISTORY_LIMIT,
      statusForms: MOVES.filter((to) => checkTransition(student, to).allowed).map((to) => ({
        ...form(`status-${to}`, { effectiveDate: today, reason: '' }),
        to,
        label: to === 'ENROLLED' && student.status === 'SUSPENDED' ? 'staffStudent.move.RESUME' : `staffStudent.move.${to}`,
      })),
      majorForm: MAJOR_CHANGE_STATUSES.includes(student.status)
        ? {
            ...form('major', { majorCode: student.majorCode ?? '', reason: '', force: '' }),
            canForce: actor.role === 'admin',
            options: majors.map((m) => ({ code: m.code, name: m.name, seatsLeft: Math.max(0, m.capacity - m.assigned) })),
          }
        : null,
      agreementForms: readyKinds({
        hasMajor: student.majorCode !== null,
        hasSchedule: schedule.length > 0,
        hasOpenInternship: placements.some((p) => p.type === 'INTERNSHIP' && OPEN_PLACEMENT_STATUSES.includes(p.status)),
        status: student.status,
      }).map((kind) => ({ ...form(`agreement-${kind}`, {}), kind })),
      accountForm: !account && student.status === 'ENROLLED' ? form('account', {}) : null,
    };
  }

  /** The student's own entries and those of their lines, placements, agreements and sign-in, newest first. */
  private history(
    studentId: number,
    userId: number | null,
    lines: DisbursementLineResponseDto[],
    placements: PlacementEntity[],
    agreementIds: number[],
  ): Promise<AuditEntryEntity[]> {
    const related: [string, number[]][] = [
      ['student', [studentId]],
      ['disbursement', lines.map((l) => l.id)],
      ['placement', placements.map((p) => p.id)],
      ['agreement', agreementIds],
      ['user', userId === null ? [] : [userId]],
    ];
    return this.dataSource.manager
      .createQueryBuilder(AuditEntryEntity, 'a')
      .where(
        new Brackets((where) => {
          for (const [i, [type, ids]] of related.filter(([, ids]) => ids.length).entries())
            where.orWhere(`(a.entityType = :type${i} AND a.entityId IN (:...ids${i}))`, { [`type${i}`]: type, [`ids${i}`]: ids });
        }),
      )
      .orderBy('a.id', 'DESC')
      .take(HISTORY_LIMIT)
      .getMany();
  }

  private async usernames(ids: (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (!wanted.length) return new Map();
    const users = await this.dataSource.manager.find(UserEntity, { select: { id: true, username: true }, where: { id: In(wanted) } });
    return new Map(users.map((u) => [u.id, u.username]));
  }
}
