import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { CohortEntity } from '../programs/cohort.entity';
import { StudentEntity } from '../students/student.entity';

/** The few reads the pages need that no API route answers as such. */
@Injectable()
export class PagesRepository {
  async studentNames(manager: EntityManager, ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await manager.find(StudentEntity, { select: { id: true, fullName: true }, where: { id: In(ids) } });
    return new Map(rows.map((s) => [s.id, s.fullName]));
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
