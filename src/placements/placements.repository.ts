import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { QuotaEntity } from '../enterprises/quota.entity';
import { MajorEntity } from '../programs/major.entity';
import { StudentStatus } from '../students/rules/student-status';
import { StudentEntity } from '../students/student.entity';
import { OPEN_PLACEMENT_STATUSES, PlacementEntity, PlacementStatus, PlacementType } from './placement.entity';
import { PlacementCandidate } from './rules/placement-choice';
import { PLACEMENT_STUDENT_STATUS, PlacementApplicant } from './rules/placement-eligibility';
import { PlacementCounts } from './rules/placement-report';

export interface PlacementFilter {
  cohortId?: number;
  status?: PlacementStatus;
  type?: PlacementType;
  enterpriseId?: number;
}

export interface ReportGroup extends PlacementCounts {
  key: string;
}

/** A student a proposal run looks at: what the eligibility rule checks and the choice rule weighs. */
export type ProposalCandidate = PlacementApplicant & Omit<PlacementCandidate, 'majorCode'>;

const OPEN = `('PROPOSED', 'CONFIRMED')`;
const GRADUATED = `('GRADUATED', 'EMPLOYED')`;

@Injectable()
export class PlacementsRepository {
  findById(manager: EntityManager, id: number): Promise<PlacementEntity | null> {
    return manager.findOneBy(PlacementEntity, { id });
  }

  hasOpen(manager: EntityManager, studentId: number, type: PlacementType): Promise<boolean> {
    return manager
      .createQueryBuilder(PlacementEntity, 'p')
      .where('p.studentId = :studentId AND p.type = :type', { studentId, type })
      .andWhere('p.status IN (:...open)', { open: OPEN_PLACEMENT_STATUSES })
      .getExists();
  }

  /** The student's confirmed internship, if any (at most one: the unique index on open placements). */
  confirmedInternship(manager: EntityManager, studentId: number): Promise<PlacementEntity | null> {
    return manager.findOneBy(PlacementEntity, { studentId, type: 'INTERNSHIP', status: 'CONFIRMED' });
  }

  /** The student's PROPOSED placements, in id order. */
  proposedOf(manager: EntityManager, studentId: number): Promise<PlacementEntity[]> {
    return manager.find(PlacementEntity, { where: { studentId, status: 'PROPOSED' }, order: { id: 'ASC' } });
  }

  /**
   * The students of the cohort in the status a proposal run of `type` is for, with what the placement rules
   * need: whether they have an open placement of the type, and the enterprises they should go to first.
   */
  async candidates(manager: EntityManager, cohortId: number, type: PlacementType): Promise<ProposalCandidate[]> {
    const rows = await manager
      .createQueryBuilder(StudentEntity, 's')
      .select('s.id', 'id')
      .addSelect('s.status', 'status')
      .addSelect('s.statusEffectiveDate', 'statusEffectiveDate')
      .addSelect('s.majorCode', 'majorCode')
      .addSelect('s.intendedEnterpriseId', 'intendedEnterpriseId')
      .addSelect('i.enterpriseId', 'internshipEnterpriseId')
      .addSelect('i.majorCode', 'internshipMajorCode')
      .addSelect(
        `CASE WHEN EXISTS (SELECT 1 FROM "placement" o WHERE o."studentId" = s.id AND o."type" = :type AND o."status" IN ${OPEN}) THEN 1 ELSE 0 END`,
        'hasOpenPlacement',
      )
      .leftJoin(PlacementEntity, 'i', `i.studentId = s.id AND i.type = 'INTERNSHIP' AND i.status = 'CONFIRMED'`)
      .where('s.cohortId = :cohortId AND s.status = :status', { cohortId, status: PLACEMENT_STUDENT_STATUS[type], type })
      .orderBy('s.id', 'ASC')
      .getRawMany<{
        id: number;
        status: StudentStatus;
        statusEffectiveDate: string;
        majorCode: string | null;
        intendedEnterpriseId: number | null;
        internshipEnterpriseId: number | null;
        internshipMajorCode: string | null;
        hasOpenPlacement: number | string;
      }>();
    const idOrNull = (value: number | null) => (value === null ? null : Number(value));
    return rows.map((r) => ({
      id: Number(r.id),
      status: r.status,
      statusEffectiveDate: r.statusEffectiveDate,
      majorCode: r.majorCode,
      hasOpenPlacement: Number(r.hasOpenPlacement) === 1,
      intendedEnterpriseId: idOrNull(r.intendedEnterpriseId),
      internshipEnterpriseId: idOrNull(r.internshipEnterpriseId),
      internshipMajorCode: r.internshipMajorCode,
    }));
  }

  /** Applies a decision only while the placement is still PROPOSED; false when another request decided first. */
  async decide(manager: EntityManager, id: number, changes: Partial<PlacementEntity>): Promise<boolean> {
    const { affected } = await manager
      .createQueryBuilder()
      .update(PlacementEntity)
      .set(changes)
      .where({ id, status: 'PROPOSED' })
      .execute();
    return affected === 1;
  }

  page(manager: EntityManager, filter: PlacementFilter, window: { skip: number; take: number }): Promise<[PlacementEntity[], number]> {
    const qb = manager.createQueryBuilder(PlacementEntity, 'p');
    if (filter.cohortId !== undefined) qb.andWhere('p.cohortId = :cohortId', { cohortId: filter.cohortId });
    if (filter.status !== undefined) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.type !== undefined) qb.andWhere('p.type = :type', { type: filter.type });
    if (filter.enterpriseId !== undefined) qb.andWhere('p.enterpriseId = :enterpriseId', { enterpriseId: filter.enterpriseId });
    return qb.orderBy('p.id', 'ASC').skip(window.skip).take(window.take).getManyAndCount();
  }

  majorsOf(manager: EntityManager, cohortId: number): Promise<MajorEntity[]> {
    return manager.find(MajorEntity, { where: { cohortId }, order: { code: 'ASC' } });
  }

  /** Enterprises offering seats in the cohort; every placement uses one of their quotas. */
  enterprisesOf(manager: EntityManager, cohortId: number): Promise<EnterpriseEntity[]> {
    return manager
      .createQueryBuilder(EnterpriseEntity, 'e')
      .where((qb) => {
        const sub = qb.subQuery().select('q.enterpriseId').from(QuotaEntity, 'q').where('q.cohortId = :cohortId').getQuery();
        return `e.id IN ${sub}`;
      })
      .setParameter('cohortId', cohortId)
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** Placement counts by the student's major, and graduates and employed among the major's students. */
  async countByMajor(manager: EntityManager, cohortId: number, type?: PlacementType): Promise<ReportGroup[]> {
    const placements = await this.placementCounts(manager, cohortId, 'p.majorCode', type).getRawMany<RawCounts>();
    const students = await manager
      .createQueryBuilder(StudentEntity, 's')
      .select('s.majorCode', 'key')
      .addSelect(`SUM(CASE WHEN s.status IN ${GRADUATED} THEN 1 ELSE 0 END)`, 'graduates')
      .addSelect(`SUM(CASE WHEN s.status = 'EMPLOYED' THEN 1 ELSE 0 END)`, 'employed')
      .where('s.cohortId = :cohortId AND s.majorCode IS NOT NULL', { cohortId })
      .groupBy('s.majorCode')
      .getRawMany<RawCounts>();
    return mergeCounts(placements, students);
  }

  /**
   * Placement counts by enterprise. An enterprise's graduates are the GRADUATED or EMPLOYED students with
   * any placement there; its employed, those with a confirmed job there.
   */
  async countByEnterprise(manager: EntityManager, cohortId: number, type?: PlacementType): Promise<ReportGroup[]> {
    const rows = await this.placementCounts(manager, cohortId, 'p.enterpriseId', type)
      .innerJoin(StudentEntity, 's', 's.id = p.studentId')
      .addSelect(`COUNT(DISTINCT CASE WHEN s.status IN ${GRADUATED} THEN p.studentId END)`, 'graduates')
      .addSelect(`COUNT(DISTINCT CASE WHEN p.type = 'EMPLOYMENT' AND p.status = 'CONFIRMED' THEN p.studentId END)`, 'employed')
      .getRawMany<RawCounts>();
    return mergeCounts(rows, []);
  }

  private placementCounts(manager: EntityManager, cohortId: number, groupBy: string, type?: PlacementType) {
    const ofType = type === undefined ? '' : ' AND p.type = :type';
    const count = (status: PlacementStatus) => `SUM(CASE WHEN p.status = '${status}'${ofType} THEN 1 ELSE 0 END)`;
    return manager
      .createQueryBuilder(PlacementEntity, 'p')
      .select(groupBy, 'key')
      .addSelect(count('PROPOSED'), 'proposed')
      .addSelect(count('CONFIRMED'), 'confirmed')
      .addSelect(count('DECLINED'), 'declined')
      .where('p.cohortId = :cohortId', { cohortId, ...(type === undefined ? {} : { type }) })
      .groupBy(groupBy);
  }
}

type RawCounts = { key: string | number } & Partial<Record<keyof PlacementCounts, string | number | null>>;

/** PostgreSQL answers SUM and COUNT as strings (bigint), SQLite as numbers: both become numbers here. */
function mergeCounts(...sources: RawCounts[][]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const row of sources.flat()) {
    const key = String(row.key);
    const group = groups.get(key) ?? { key, proposed: 0, confirmed: 0, declined: 0, graduates: 0, employed: 0 };
    for (const field of ['proposed', 'confirmed', 'declined', 'graduates', 'employed'] as const) {
      if (row[field] !== undefined) group[field] += Number(row[field] ?? 0);
    }
    groups.set(key, group);
  }
  return [...groups.values()];
}
