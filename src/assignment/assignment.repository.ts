import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MajorEntity } from '../programs/major.entity';
import { HOLDS_MAJOR_SEAT } from '../students/rules/student-status';
import { StudentEntity } from '../students/student.entity';
import { Applicant } from './rules/assign-majors';
import { nextTurn } from '../common/next-turn';

export type MajorSeatRow = Pick<MajorEntity, 'id' | 'code' | 'capacity' | 'assigned' | 'cutoffScore'>;

interface ApplicantRow {
  id: number;
  examScore: number | string;
  createdAt: string;
  majorPreferences: string;
}

const READ_CHUNK = 5_000;

/** The reads and writes of an assignment run, each a few statements however large the cohort. */
@Injectable()
export class AssignmentRepository {
  /**
   * The cohort's majors in id order. With `lock` on PostgreSQL their rows stay locked until the transaction
   * ends, so a second run (or a seat change) waits and then sees this run's seats; SQLite runs one at a time.
   */
  majorSeats(manager: EntityManager, cohortId: number, lock: boolean): Promise<MajorSeatRow[]> {
    const qb = manager
      .createQueryBuilder(MajorEntity, 'm')
      .select(['m.id', 'm.code', 'm.capacity', 'm.assigned', 'm.cutoffScore'])
      .where('m.cohortId = :cohortId', { cohortId })
      .orderBy('m.id', 'ASC');
    if (lock && manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  /** Major code → lowest exam score among the students holding a seat in it. */
  async lowestHolderScores(manager: EntityManager, cohortId: number): Promise<Map<string, number>> {
    const rows: { code: string; lowest: number | string }[] = await manager
      .createQueryBuilder(StudentEntity, 's')
      .select('s.majorCode', 'code')
      .addSelect('MIN(s.examScore)', 'lowest')
      .where('s.cohortId = :cohortId', { cohortId })
      .andWhere('s.status IN (:...held)', { held: HOLDS_MAJOR_SEAT })
      .andWhere('s.majorCode IS NOT NULL')
      .groupBy('s.majorCode')
      .getRawMany();
    return new Map(rows.map((r) => [r.code, Number(r.lowest)]));
  }

  /** Every ADMITTED student of the cohort without a major, read in keyset chunks of the columns the rule needs. */
  async unassignedAdmitted(manager: EntityManager, cohortId: number): Promise<Applicant[]> {
    const applicants: Applicant[] = [];
    for (let afterId = 0; ;) {
      const rows: ApplicantRow[] = await manager
        .createQueryBuilder(StudentEntity, 's')
        .select('s.id', 'id')
        .addSelect('s.examScore', 'examScore')
        .addSelect('s.createdAt', 'createdAt')
        .addSelect('s.majorPreferences', 'majorPreferences')
        .where('s.cohortId = :cohortId', { cohortId })
        .andWhere("s.status = 'ADMITTED'")
        .andWhere('s.majorCode IS NULL')
        .andWhere('s.id > :afterId', { afterId })
        .orderBy('s.id', 'ASC')
        .limit(READ_CHUNK)
        .getRawMany();
      for (const row of rows) {
        applicants.push({
          id: Number(row.id),
          examScore: Number(row.examScore),
          intakeAt: row.createdAt,
          preferences: JSON.parse(row.majorPreferences) as string[],
        });
      }
      if (rows.length < READ_CHUNK) return applicants;
      afterId = Number(rows[rows.length - 1].id);
      await nextTurn();
    }
  }

  /** Gives `majorCode` to those of `studentIds` still ADMITTED without a major; answers how many. */
  async giveMajor(manager: EntityManager, cohortId: number, majorCode: string, studentIds: number[], updatedAt: string): Promise<number> {
    const { affected } = await manager
      .createQueryBuilder()
      .update(StudentEntity)
      .set({ majorCode, updatedAt })
      .where('id IN (:...studentIds)', { studentIds })
      .andWhere({ cohortId, status: 'ADMITTED' })
      .andWhere('"majorCode" IS NULL')
      .execute();
    return affected ?? 0;
  }

  /** Counts `added` more seats and stores the cut-off, only if that keeps the major within capacity. */
  async recordSeats(manager: EntityManager, majorId: number, added: number, cutoffScore: number | null): Promise<boolean> {
    const qb = manager
      .createQueryBuilder()
      .update(MajorEntity)
      .set({ assigned: () => '"assigned" + :added', cutoffScore })
      .where({ id: majorId })
      .setParameter('added', added);
    if (added > 0) qb.andWhere('"assigned" + :added <= "capacity"');
    const { affected } = await qb.execute();
    return affected === 1;
  }
}
