import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { CohortEntity } from '../programs/cohort.entity';

/** Cohorts offered by the batch form; far more than a college runs at once. */
const COHORT_CHOICES = 500;

/** The names the payment batch pages show where the API answers ids: cohorts and the staff who acted. */
@Injectable()
export class PaymentBatchPagesRepository {
  /** Newest intake first, as the staff's cohort list orders them. */
  cohortChoices(manager: EntityManager): Promise<Pick<CohortEntity, 'id' | 'name'>[]> {
    return manager.find(CohortEntity, {
      select: { id: true, name: true },
      order: { intakeYear: 'DESC', id: 'DESC' },
      take: COHORT_CHOICES,
    });
  }

  async cohortNames(manager: EntityManager, ids: readonly number[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return new Map();
    const rows = await manager.find(CohortEntity, { select: { id: true, name: true }, where: { id: In(wanted) } });
    return new Map(rows.map((c) => [c.id, c.name]));
  }

  async usernames(manager: EntityManager, ids: readonly (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (!wanted.length) return new Map();
    const rows = await manager.find(UserEntity, { select: { id: true, username: true }, where: { id: In(wanted) } });
    return new Map(rows.map((u) => [u.id, u.username]));
  }
}
