import { EntityManager } from 'typeorm';
import { DisbursementLineEntity } from '../disbursements/disbursement-line.entity';
import { PlacementEntity, PlacementStatus } from '../placements/placement.entity';
import { MajorEntity } from '../programs/major.entity';
import { StudentEntity } from '../students/student.entity';

// The enterprise desk's reads that no API route answers as such. Every one is bounded by the enterprise's id.

export interface PlacementRow {
  id: number;
  studentId: number;
  fullName: string;
  type: string;
  status: PlacementStatus;
  majorCode: string;
  majorName: string | null;
  startDate: string;
  position: string | null;
  supervisorName: string | null;
  monthlySalaryFen: number | null;
  declineReason: string | null;
}

export interface PlacementFilter {
  status?: PlacementStatus;
  majorCode?: string;
}

const placementRows = (manager: EntityManager, enterpriseId: number, filter: PlacementFilter) => {
  const qb = manager
    .createQueryBuilder(PlacementEntity, 'p')
    .innerJoin(StudentEntity, 's', 's.id = p.studentId')
    .leftJoin(MajorEntity, 'm', 'm.cohortId = p.cohortId AND m.code = p.majorCode')
    .where('p.enterpriseId = :enterpriseId', { enterpriseId });
  if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
  if (filter.majorCode) qb.andWhere('p.majorCode = :majorCode', { majorCode: filter.majorCode });
  return qb;
};

export async function placementsPage(
  manager: EntityManager,
  enterpriseId: number,
  filter: PlacementFilter,
  window: { skip: number; take: number },
): Promise<{ rows: PlacementRow[]; total: number }> {
  const total = await placementRows(manager, enterpriseId, filter).getCount();
  const raw = await placementRows(manager, enterpriseId, filter)
    .select(['p.id AS "id"', 'p.studentId AS "studentId"', 's.fullName AS "fullName"', 'p.type AS "type"', 'p.status AS "status"'])
    .addSelect(['p.majorCode AS "majorCode"', 'm.name AS "majorName"', 'p.startDate AS "startDate"', 'p.position AS "position"'])
    .addSelect(['p.supervisorName AS "supervisorName"', 'p.monthlySalaryFen AS "monthlySalaryFen"', 'p.declineReason AS "declineReason"'])
    .orderBy('p.id', 'ASC')
    .offset(window.skip)
    .limit(window.take)
    .getRawMany<PlacementRow>();
  const rows = raw.map((r) => ({
    ...r,
    id: Number(r.id),
    studentId: Number(r.studentId),
    monthlySalaryFen: r.monthlySalaryFen === null ? null : Number(r.monthlySalaryFen),
  }));
  return { rows, total };
}

/** The majors of the enterprise's placements, by code, with the name of each (for the filter). */
export async function placementMajors(manager: EntityManager, enterpriseId: number): Promise<{ code: string; name: string }[]> {
  const rows = await placementRows(manager, enterpriseId, {})
    .select(['p.majorCode AS "code"', 'MIN(m.name) AS "name"'])
    .groupBy('p.majorCode')
    .orderBy('p.majorCode', 'ASC')
    .getRawMany<{ code: string; name: string | null }>();
  return rows.map((r) => ({ code: r.code, name: r.name ?? r.code }));
}

export const countProposed = (manager: EntityManager, enterpriseId: number): Promise<number> =>
  placementRows(manager, enterpriseId, { status: 'PROPOSED' }).getCount();

export interface FareRow {
  id: number;
  studentId: number;
  fullName: string;
  studyYear: number;
  dueDate: string;
  amountFen: number;
}

/** Unpaid winter fares the enterprise pays, due on or before `until` (or after it, `later`). */
const fareRows = (manager: EntityManager, enterpriseId: number, until: string, later: boolean) =>
  manager
    .createQueryBuilder(DisbursementLineEntity, 'line')
    .innerJoin(StudentEntity, 'student', 'student.id = line.studentId')
    .where('line.payerEnterpriseId = :enterpriseId', { enterpriseId })
    .andWhere('line.kind = :kind', { kind: 'WINTER_FARE' })
    .andWhere('line.status IN (:...statuses)', { statuses: ['SCHEDULED', 'APPROVED'] })
    .andWhere(later ? 'line.dueDate > :until' : 'line.dueDate <= :until', { until });

export async function fareTotals(
  manager: EntityManager,
  enterpriseId: number,
  until: string,
  later: boolean,
): Promise<{ count: number; totalFen: number }> {
  const sums = await fareRows(manager, enterpriseId, until, later)
    .select(['COUNT(*) AS "n"', 'COALESCE(SUM(line.amountFen), 0) AS "fen"'])
    .getRawOne<{ n: number | string; fen: number | string }>();
  return { count: Number(sums?.n ?? 0), totalFen: Number(sums?.fen ?? 0) };
}

export async function faresPage(
  manager: EntityManager,
  enterpriseId: number,
  until: string,
  later: boolean,
  window: { skip: number; take: number },
): Promise<FareRow[]> {
  const raw = await fareRows(manager, enterpriseId, until, later)
    .select(['line.id AS "id"', 'line.studentId AS "studentId"', 'student.fullName AS "fullName"', 'line.studyYear AS "studyYear"'])
    .addSelect(['line.dueDate AS "dueDate"', 'line.amountFen AS "amountFen"'])
    .orderBy('line.dueDate', 'ASC')
    .addOrderBy('line.id', 'ASC')
    .offset(window.skip)
    .limit(window.take)
    .getRawMany<FareRow>();
  return raw.map((r) => ({
    ...r,
    id: Number(r.id),
    studentId: Number(r.studentId),
    studyYear: Number(r.studyYear),
    amountFen: Number(r.amountFen),
  }));
}

/** The due dates of the enterprise's fares among `ids`; another payer's line is simply absent. */
export async function fareDueDates(manager: EntityManager, enterpriseId: number, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await manager
    .createQueryBuilder(DisbursementLineEntity, 'line')
    .select(['line.id AS "id"', 'line.dueDate AS "dueDate"'])
    .where('line.payerEnterpriseId = :enterpriseId AND line.kind = :kind', { enterpriseId, kind: 'WINTER_FARE' })
    .andWhere('line.id IN (:...ids)', { ids })
    .getRawMany<{ id: number | string; dueDate: string }>();
  return new Map(rows.map((r) => [Number(r.id), r.dueDate]));
}

/** Major names by cohort and code, for lists that carry both. */
export async function majorNames(manager: EntityManager, cohortIds: number[]): Promise<Map<string, string>> {
  if (!cohortIds.length) return new Map();
  const majors = await manager
    .createQueryBuilder(MajorEntity, 'm')
    .select(['m.cohortId', 'm.code', 'm.name'])
    .where('m.cohortId IN (:...ids)', { ids: [...new Set(cohortIds)] })
    .getMany();
  return new Map(majors.map((m) => [majorKey(m.cohortId, m.code), m.name]));
}

export const majorKey = (cohortId: number, code: string): string => `${cohortId}:${code}`;

/** Which of `ids` are the enterprise's placements; another enterprise's are simply absent. */
export async function ownPlacementIds(manager: EntityManager, enterpriseId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await manager
    .createQueryBuilder(PlacementEntity, 'p')
    .select('p.id', 'id')
    .where('p.enterpriseId = :enterpriseId AND p.id IN (:...ids)', { enterpriseId, ids })
    .getRawMany<{ id: number | string }>();
  return new Set(rows.map((r) => Number(r.id)));
}
