import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { notFound } from '../common/errors/domain-error';
import { CohortEntity } from './cohort.entity';
import { MajorEntity } from './major.entity';
import { ProgramEntity } from './program.entity';

export type CohortWithProgram = CohortEntity & { program: ProgramEntity };

/** Reads of cohorts and their majors for the modules that build on them (enterprises, students). */
@Injectable()
export class CohortsRepository {
  /** The cohort, or a 404 DomainError. */
  async getCohort(manager: EntityManager, cohortId: number): Promise<CohortEntity> {
    const cohort = await manager.findOneBy(CohortEntity, { id: cohortId });
    if (!cohort) throw notFound('Cohort', cohortId);
    return cohort;
  }

  /** The cohort with its programme (policy and eligibility), or a 404 DomainError. */
  async getCohortWithProgram(manager: EntityManager, cohortId: number): Promise<CohortWithProgram> {
    const cohort = await manager.findOne(CohortEntity, { where: { id: cohortId }, relations: { program: true } });
    if (!cohort?.program) throw notFound('Cohort', cohortId);
    return cohort as CohortWithProgram;
  }

  findMajor(manager: EntityManager, cohortId: number, code: string): Promise<MajorEntity | null> {
    return manager.findOneBy(MajorEntity, { cohortId, code });
  }
}
