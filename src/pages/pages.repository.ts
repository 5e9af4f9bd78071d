import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DisbursementLineEntity } from '../disbursements/disbursement-line.entity';
import { CohortEntity } from '../programs/cohort.entity';
import { StudentEntity } from '../students/student.entity';

export interface FareToPay {
  id: number;
  studentId: number;
  fullName: string;
  studyYear: number;
  dueDate: string;
  amountFen: number;
  status: string;
}

/** The few reads the pages need that no API route answers as such. */
@Injectable()
export class PagesRepository {
  async studentNames(manager: EntityManager, ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await manager.find(StudentEntity, { select: { id: true, fullName: true }, where: { id: In(ids) } });
    return new Map(rows.map((s) => [s.id, s.fullName]));
  }

  /** The enterprise's unpaid winter fares, earliest first (the index on payerEnterpriseId serves it). */
  async faresToPay(manager: EntityManager, enterpriseId: number, limit: number): Promise<FareToPay[]> {
    const rows = await manager
      .createQueryBuilder(DisbursementLineEntity, 'line')
      .innerJoin(StudentEntity, 'student', 'student.id = line.studentId')
      .select(['line.id AS "id"', 'line.studentId AS "studentId"', 'student.fullName AS "fullName"'])
      .addSelect(['line.studyYear AS "studyYear"', 'line.dueDate AS "dueDate"', 'line.amountFen AS "amountFen"', 'line.status AS "status"'])
      .where('line.payerEnterpriseId = :enterpriseId', { enterpriseId })
      .andWhere('line.kind = :kind', { kind: 'WINTER_FARE' })
      .andWhere('line.status IN (:...statuses)', { statuses: ['SCHEDULED', 'APPROVED'] })
      .orderBy('line.dueDate', 'ASC')
      .addOrderBy('line.id', 'ASC')
      .limit(limit)
      .getRawMany<FareToPay>();
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      studentId: Number(r.studentId),
      studyYear: Number(r.studyYear),
      amountFen: Number(r.amountFen),
    }));
  }

  /** Each cohort with its number of students by status. */
  async cohortsWithCounts(
    manager: EntityManager,
  ): Promise<{ id: number; name: string; intakeYear: number; startDate: string; counts: Record<string, number> }[]> {
    const cohorts = await manager.find(CohortEntity, { order: { intakeYear: 'DESC', id: 'DESC' }, take: 200 });
    if (!cohorts.length) return [];
    const rows: { cohortId: number | string; status: string; n: number | string }[] = await manager
      .createQueryBuilder(StudentEntity, 'student')
      .select(['student.cohortId AS "cohortId"', 'student.status AS "status"', 'COUNT(*) AS "n"'])
      .where('student.cohortId IN (:...ids)', { ids: cohorts.map((c) => c.id) })
      .groupBy('student.cohortId')
      .addGroupBy('student.status')
      .getRawMany();
    return cohorts.map((c) => ({
      id: c.id,
      name: c.name,
      intakeYear: c.intakeYear,
      startDate: c.startDate,
      counts: Object.fromEntries(rows.filter((r) => Number(r.cohortId) === c.id).map((r) => [r.status, Number(r.n)])),
    }));
  }
}
