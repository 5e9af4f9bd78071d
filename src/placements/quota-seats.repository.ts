import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QuotaEntity } from '../enterprises/quota.entity';

/**
 * Seats of enterprise quotas, counted in quota.used by open (PROPOSED or CONFIRMED) placements that hold
 * one. Every change is one conditional UPDATE, so two requests racing for the last seat cannot both win.
 */
@Injectable()
export class QuotaSeatsRepository {
  /**
   * The cohort's quotas. On PostgreSQL the rows stay locked (in id order, so runs cannot deadlock) until the
   * transaction ends: a second proposal run waits and then sees the first one's placements.
   */
  lockCohortQuotas(manager: EntityManager, cohortId: number): Promise<QuotaEntity[]> {
    const qb = manager.createQueryBuilder(QuotaEntity, 'q').where('q.cohortId = :cohortId', { cohortId }).orderBy('q.id', 'ASC');
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  findQuota(manager: EntityManager, cohortId: number, enterpriseId: number, majorCode: string): Promise<QuotaEntity | null> {
    return manager.findOneBy(QuotaEntity, { cohortId, enterpriseId, majorCode });
  }

  /** Takes `count` seats of the quota if it still has them all free; false, and nothing taken, if not. */
  async take(manager: EntityManager, quotaId: number, count = 1): Promise<boolean> {
    const { affected } = await manager
      .createQueryBuilder()
      .update(QuotaEntity)
      .set({ used: () => `"used" + ${count}` })
      .where({ id: quotaId })
      .andWhere(`"used" + ${count} <= "seats"`)
      .execute();
    return affected === 1;
  }

  /** Frees `count` seats of the quota, never going below none used. */
  async release(manager: EntityManager, quotaId: number, count = 1): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(QuotaEntity)
      .set({ used: () => `CASE WHEN "used" > ${count} THEN "used" - ${count} ELSE 0 END` })
      .where({ id: quotaId })
      .andWhere('"used" > 0')
      .execute();
  }
}
