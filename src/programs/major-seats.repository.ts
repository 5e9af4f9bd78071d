import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MajorEntity } from './major.entity';

export type TakeSeatResult = 'TAKEN' | 'FULL' | 'NO_SUCH_MAJOR';

/**
 * Seats in a major, counted in major.assigned. Each change is one conditional UPDATE, so two
 * requests racing for the last seat cannot both win, on SQLite or PostgreSQL.
 */
@Injectable()
export class MajorSeatsRepository {
  async take(manager: EntityManager, cohortId: number, majorCode: string, force = false): Promise<TakeSeatResult> {
    const qb = manager
      .createQueryBuilder()
      .update(MajorEntity)
      .set({ assigned: () => '"assigned" + 1' })
      .where({ cohortId, code: majorCode });
    if (!force) qb.andWhere('"assigned" < "capacity"');
    const { affected } = await qb.execute();
    if (affected) return 'TAKEN';
    return (await manager.existsBy(MajorEntity, { cohortId, code: majorCode })) ? 'FULL' : 'NO_SUCH_MAJOR';
  }

  async release(manager: EntityManager, cohortId: number, majorCode: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(MajorEntity)
      .set({ assigned: () => '"assigned" - 1' })
      .where({ cohortId, code: majorCode })
      .andWhere('"assigned" > 0')
      .execute();
  }
}
