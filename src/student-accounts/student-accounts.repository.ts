import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { CohortEntity } from '../programs/cohort.entity';
import { StudentEntity } from '../students/student.entity';

/** Usernames looked up per statement: well under either database's bound-parameter limit. */
const LOOKUP_CHUNK = 1000;

@Injectable()
export class StudentAccountsRepository {
  /** ENROLLED students of the cohort with no sign-in yet, in id order: a class is a few hundred rows. */
  enrolledWithoutAccount(manager: EntityManager, cohortId: number): Promise<Pick<StudentEntity, 'id' | 'fullName'>[]> {
    return manager
      .createQueryBuilder(StudentEntity, 's')
      .select(['s.id', 's.fullName'])
      .leftJoin(UserEntity, 'u', 'u.studentId = s.id')
      .where('s.cohortId = :cohortId', { cohortId })
      .andWhere('s.status = :status', { status: 'ENROLLED' })
      .andWhere('u.id IS NULL')
      .orderBy('s.id', 'ASC')
      .getMany();
  }

  /** On PostgreSQL two runs for one cohort wait for each other here; SQLite runs transactions one at a time. */
  async lockCohort(manager: EntityManager, cohortId: number): Promise<void> {
    if (manager.connection.options.type !== 'postgres') return;
    await manager
      .createQueryBuilder(CohortEntity, 'c')
      .select('c.id')
      .where('c.id = :cohortId', { cohortId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Which of these usernames someone already holds. */
  async takenUsernames(manager: EntityManager, usernames: readonly string[]): Promise<Set<string>> {
    const taken = new Set<string>();
    for (let start = 0; start < usernames.length; start += LOOKUP_CHUNK) {
      const rows = await manager.find(UserEntity, {
        select: { username: true },
        where: { username: In(usernames.slice(start, start + LOOKUP_CHUNK)) },
      });
      for (const row of rows) taken.add(row.username);
    }
    return taken;
  }
}
