import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MajorEntity } from '../programs/major.entity';
import { StudentEntity } from '../students/student.entity';
import { StudentStatus } from '../students/rules/student-status';
import { CountyCount, MajorRef, StatusCount } from './rules/cohort-report';

/** Counts of a cohort's students, each one GROUP BY over the (cohortId, …) indexes: no student row is loaded. */
@Injectable()
export class ReportsRepository {
  async countByStatus(manager: EntityManager, cohortId: number): Promise<StatusCount[]> {
    const rows = await this.studentCounts(manager, cohortId, ['status']).getRawMany<{ status: StudentStatus; students: string | number }>();
    return rows.map((r) => ({ status: r.status, students: Number(r.students) }));
  }

  async countByMajor(manager: EntityManager, cohortId: number): Promise<{ majorCode: string | null; students: number }[]> {
    const rows = await this.studentCounts(manager, cohortId, ['majorCode']).getRawMany<{
      majorCode: string | null;
      students: string | number;
    }>();
    return rows.map((r) => ({ majorCode: r.majorCode, students: Number(r.students) }));
  }

  async countByHomeCounty(manager: EntityManager, cohortId: number): Promise<CountyCount[]> {
    const rows = await this.studentCounts(manager, cohortId, ['homeProvince', 'homeCounty']).getRawMany<{
      homeProvince: string;
      homeCounty: string;
      students: string | number;
    }>();
    return rows.map((r) => ({ homeProvince: r.homeProvince, homeCounty: r.homeCounty, students: Number(r.students) }));
  }

  majorsOf(manager: EntityManager, cohortId: number): Promise<MajorRef[]> {
    return manager.find(MajorEntity, { select: { code: true, name: true, capacity: true }, where: { cohortId }, order: { code: 'ASC' } });
  }

  // PostgreSQL answers COUNT as a string (bigint): the callers Number() it.
  private studentCounts(manager: EntityManager, cohortId: number, groupBy: (keyof StudentEntity)[]) {
    const qb = manager.createQueryBuilder(StudentEntity, 's').select('COUNT(*)', 'students').where('s.cohortId = :cohortId', { cohortId });
    for (const column of groupBy) qb.addSelect(`s.${column}`, column).addGroupBy(`s.${column}`);
    return qb;
  }
}
