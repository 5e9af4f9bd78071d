import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError, notFound } from '../common/errors/domain-error';
import { DisbursementLineEntity } from '../disbursements/disbursement-line.entity';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { OPEN_PLACEMENT_STATUSES, PlacementEntity } from '../placements/placement.entity';
import { CohortEntity } from '../programs/cohort.entity';
import { MajorEntity } from '../programs/major.entity';
import { ProgramEntity } from '../programs/program.entity';
import { StudentEntity } from '../students/student.entity';
import { AgreementKind } from './agreement-kind';
import { ContextInput } from './rules/agreement-context';
import { notReadyReason } from './rules/agreement-readiness';

export interface AgreementSource {
  input: Omit<ContextInput, 'version' | 'issuedOn' | 'verificationCode'>;
  cohortId: number;
  /** The enterprise party, which may read the agreement. */
  enterpriseId: number | null;
}

/** Loads what an agreement prints, and refuses (409) a kind the student's record does not allow yet. */
@Injectable()
export class AgreementSources {
  async load(manager: EntityManager, student: StudentEntity, kind: AgreementKind): Promise<AgreementSource> {
    const cohort = await manager.findOneByOrFail(CohortEntity, { id: student.cohortId });
    const program = await manager.findOneByOrFail(ProgramEntity, { id: cohort.programId });
    const major = student.majorCode ? await manager.findOneBy(MajorEntity, { cohortId: cohort.id, code: student.majorCode }) : null;
    const internship = await manager.findOne(PlacementEntity, {
      where: { studentId: student.id, type: 'INTERNSHIP', status: In([...OPEN_PLACEMENT_STATUSES]) },
      order: { id: 'DESC' },
    });
    const schedule =
      kind === 'FUNDING'
        ? await manager.find(DisbursementLineEntity, { where: { studentId: student.id }, order: { dueDate: 'ASC', id: 'ASC' } })
        : [];

    const notReady = notReadyReason(kind, {
      hasMajor: major !== null,
      hasSchedule: schedule.length > 0,
      hasOpenInternship: internship !== null,
      status: student.status,
    });
    if (notReady || !major) throw notYet(student, kind, notReady!);

    const enterpriseIds = [student.intendedEnterpriseId, internship?.enterpriseId, ...schedule.map((l) => l.payerEnterpriseId)].filter(
      (id): id is number => id !== null && id !== undefined,
    );
    const enterprises = enterpriseIds.length ? await manager.findBy(EnterpriseEntity, { id: In([...new Set(enterpriseIds)]) }) : [];
    const byId = new Map(enterprises.map((e) => [e.id, e]));
    const intended = student.intendedEnterpriseId ? byId.get(student.intendedEnterpriseId)! : null;
    const internshipEnterprise = internship ? byId.get(internship.enterpriseId)! : null;

    const partyId =
      kind === 'INTERNSHIP'
        ? internship!.enterpriseId
        : kind === 'EMPLOYMENT_RECOMMENDATION'
          ? (internship?.enterpriseId ?? student.intendedEnterpriseId)
          : student.intendedEnterpriseId;
    return {
      cohortId: cohort.id,
      enterpriseId: partyId,
      input: {
        kind,
        student,
        program,
        cohort: { name: cohort.name, intakeYear: cohort.intakeYear, startDate: cohort.startDate },
        major: { code: major.code, name: major.name, institution: major.institution },
        enterprise: intended && {
          name: intended.name,
          creditCode: intended.creditCode,
          contactName: intended.contactName,
          contactPhone: intended.contactPhone,
        },
        schedule: schedule.map((line) => ({
          kind: line.kind,
          studyYear: line.studyYear,
          installment: line.installment,
          dueDate: line.dueDate,
          amountFen: line.amountFen,
          payer: line.payer,
          payerName: line.payerEnterpriseId ? (byId.get(line.payerEnterpriseId)?.name ?? null) : null,
          status: line.status,
        })),
        internship:
          internship && internshipEnterprise
            ? {
                enterpriseName: internshipEnterprise.name,
                enterpriseCreditCode: internshipEnterprise.creditCode,
                position: internship.position,
                startDate: internship.startDate,
                supervisorName: internship.supervisorName,
                monthlySalaryFen: internship.monthlySalaryFen,
              }
            : null,
      },
    };
  }

  async student(manager: EntityManager, studentId: number): Promise<StudentEntity> {
    const student = await manager.findOneBy(StudentEntity, { id: studentId });
    if (!student) throw notFound('Student', studentId);
    return student;
  }
}

const notYet = (student: StudentEntity, kind: AgreementKind, why: string): DomainError =>
  new DomainError('CONFLICT', `No ${kind} agreement for student ${student.id} yet: the student ${why}`);
