import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { notFound } from '../common/errors/domain-error';
import { EnterpriseEntity } from './enterprise.entity';
import { canSeeEnterprise } from './rules/enterprise-scope';

/** Reads of enterprises for the modules that build on them (students, placements). */
@Injectable()
export class EnterprisesRepository {
  /** The enterprise if the caller may see it; another enterprise's answers 404 exactly like a missing one. */
  async getVisibleEnterprise(manager: EntityManager, caller: AuthUser, enterpriseId: number): Promise<EnterpriseEntity> {
    const enterprise = canSeeEnterprise(caller, enterpriseId) ? await manager.findOneBy(EnterpriseEntity, { id: enterpriseId }) : null;
    if (!enterprise) throw notFound('Enterprise', enterpriseId);
    return enterprise;
  }

  /** Looks up a normalised (upper-case) credit code. */
  findByCreditCode(manager: EntityManager, creditCode: string): Promise<EnterpriseEntity | null> {
    return manager.findOneBy(EnterpriseEntity, { creditCode });
  }
}
