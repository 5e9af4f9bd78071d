import { Injectable } from '@nestjs/common';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { bulkInsert, InsertRow } from '../common/bulk-insert';
import { pageFromNearerEnd } from '../common/pagination/nearer-end';
import { oneOf } from '../common/sql';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { MajorEntity } from '../programs/major.entity';
import { StudentStatus } from './rules/student-status';
import { StudentEntity } from './student.entity';

export interface CohortStudentFilter {
  status?: StudentStatus;
  majorCode?: string;
  homeCounty?: string;
  /** Part of the name, or the tail of the national ID when it is only digits and X. */
  q?: string;
}

export interface Window {
  skip: number;
  take: number;
}

const ID_TAIL = /^[\dX]+$/i;

/** `\` escapes LIKE wildcards typed by a user; both SQLite and PostgreSQL honour ESCAPE. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class StudentsRepository {
  findById(manager: EntityManager, id: number): Promise<StudentEntity | null> {
    return manager.findOneBy(StudentEntity, { id });
  }

  /** Which of `nationalIds` are already in the cohort. */
  async nationalIdsInCohort(manager: EntityManager, cohortId: number, nationalIds: string[]): Promise<Set<string>> {
    if (!nationalIds.length) return new Set();
    const rows = await manager
      .createQueryBuilder(StudentEntity, 's')
      .select('s.nationalId', 'nationalId')
      .where('s.cohortId = :cohortId', { cohortId })
      .andWhere(...oneOf(manager, 's.nationalId', nationalIds))
      .getRawMany<{ nationalId: string }>();
    return new Set(rows.map((row) => row.nationalId));
  }

  /** Inserts the students in a few multi-row statements; answers their ids in the order given. */
  async insertMany(manager: EntityManager, students: InsertRow<StudentEntity>[]): Promise<number[]> {
    const saved = await bulkInsert(manager, StudentEntity, students, ['id', 'nationalId']);
    // Matched by national ID, unique within the cohort, rather than trusting the order RETURNING gives.
    const idOf = new Map(saved.map((row) => [row.nationalId, Number(row.id)]));
    return students.map((student) => idOf.get(student.nationalId)!);
  }

  /** Free seats per major of the cohort (capacity less the seats held). */
  async seatsLeftInMajors(manager: EntityManager, cohortId: number): Promise<Map<string, number>> {
    const majors = await manager.find(MajorEntity, { select: { code: true, capacity: true, assigned: true }, where: { cohortId } });
    return new Map(majors.map((major) => [major.code, major.capacity - major.assigned]));
  }

  /** Which of `ids` are enterprises. */
  async existingEnterpriseIds(manager: EntityManager, ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await manager.find(EnterpriseEntity, { select: { id: true }, where: { id: In([...new Set(ids)]) } });
    return new Set(rows.map((row) => row.id));
  }

  /** The enterprise of each credit code that has one. */
  async enterpriseIdsByCreditCode(manager: EntityManager, creditCodes: string[]): Promise<Map<string, number>> {
    if (!creditCodes.length) return new Map();
    const rows = await manager.find(EnterpriseEntity, { select: { id: true, creditCode: true }, where: { creditCode: In(creditCodes) } });
    return new Map(rows.map((row) => [row.creditCode, row.id]));
  }

  /**
   * Applies `changes` only if the row still has the `expected` values, so two requests racing on one
   * student cannot both act on the same old state. False when the row had moved on.
   */
  async updateIf(
    manager: EntityManager,
    id: number,
    expected: Pick<StudentEntity, 'status' | 'majorCode'>,
    changes: Partial<StudentEntity>,
  ): Promise<boolean> {
    const qb = manager.createQueryBuilder().update(StudentEntity).set(changes).where({ id, status: expected.status });
    if (expected.majorCode === null) qb.andWhere('"majorCode" IS NULL');
    else qb.andWhere({ majorCode: expected.majorCode });
    const { affected } = await qb.execute();
    return affected === 1;
  }

  /** `updateIf` for many students expected in the same state; answers how many rows changed. */
  async updateManyIf(
    manager: EntityManager,
    ids: number[],
    expected: { status: StudentStatus; majorCode?: string },
    changes: Partial<StudentEntity>,
  ): Promise<number> {
    const { affected } = await manager
      .createQueryBuilder()
      .update(StudentEntity)
      .set(changes)
      .where(...oneOf(manager, 'id', ids))
      .andWhere(expected)
      .execute();
    return affected ?? 0;
  }

  pageInCohort(manager: EntityManager, cohortId: number, filter: CohortStudentFilter, window: Window): Promise<[StudentEntity[], number]> {
    return this.page(this.inCohort(manager, cohortId, filter), window);
  }

  /**
   * The next `limit` students of the filtered list with an id above `afterId`, in id order: keyset
   * pagination, so reading a whole cohort chunk by chunk costs the same for the last chunk as the first.
   * `lock` locks the rows until the transaction ends (PostgreSQL; SQLite has one writer at a time anyway).
   */
  chunkInCohortAfter(
    manager: EntityManager,
    cohortId: number,
    filter: CohortStudentFilter,
    afterId: number,
    limit: number,
    { lock = false } = {},
  ): Promise<StudentEntity[]> {
    const qb = this.inCohort(manager, cohortId, filter).andWhere('s.id > :afterId', { afterId }).orderBy('s.id', 'ASC').limit(limit);
    if (lock && manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  /** Students an enterprise sponsors: those who intend to work there or have a placement (any status) with it. */
  pageSponsoredBy(manager: EntityManager, enterpriseId: number, window: Window): Promise<[StudentEntity[], number]> {
    // Raw subquery on the placements module's table: students cannot import it, dependencies run placements → students.
    const placed = 's.id IN (SELECT pl."studentId" FROM "placement" pl WHERE pl."enterpriseId" = :enterpriseId)';
    const qb = manager
      .createQueryBuilder(StudentEntity, 's')
      .where(`(s.intendedEnterpriseId = :enterpriseId OR ${placed})`, { enterpriseId });
    return this.page(qb, window);
  }

  private inCohort(manager: EntityManager, cohortId: number, filter: CohortStudentFilter): SelectQueryBuilder<StudentEntity> {
    const qb = manager.createQueryBuilder(StudentEntity, 's').where('s.cohortId = :cohortId', { cohortId });
    if (filter.status !== undefined) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter.majorCode !== undefined) qb.andWhere('s.majorCode = :majorCode', { majorCode: filter.majorCode });
    if (filter.homeCounty !== undefined) qb.andWhere('s.homeCounty = :homeCounty', { homeCounty: filter.homeCounty });
    if (filter.q !== undefined) this.matchNameOrIdTail(qb, filter.q);
    return qb;
  }

  private matchNameOrIdTail(qb: SelectQueryBuilder<StudentEntity>, q: string): void {
    const name = `%${escapeLike(q)}%`;
    if (ID_TAIL.test(q)) {
      qb.andWhere("(LOWER(s.fullName) LIKE LOWER(:name) ESCAPE '\\' OR s.nationalId LIKE :idTail)", {
        name,
        idTail: `%${q.toUpperCase()}`,
      });
    } else {
      qb.andWhere("LOWER(s.fullName) LIKE LOWER(:name) ESCAPE '\\'", { name });
    }
  }

  private page(qb: SelectQueryBuilder<StudentEntity>, window: Window): Promise<[StudentEntity[], number]> {
    return pageFromNearerEnd(qb, 's.id', 'ASC', window);
  }
}
