import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { bulkInsert, InsertRow } from '../common/bulk-insert';
import { bindMarkers, forUpdate, oneOf, preparedRead } from '../common/sql';
import { DisbursementLineEntity } from './disbursement-line.entity';
import { PaymentKeyEntity } from './payment-key.entity';
import { LineStatus } from './rules/line-status';
import { DisbursementKind, Payer, ScheduledLine } from './rules/schedule';

export interface StudentSchedule {
  studentId: number;
  cohortId: number;
  lines: readonly ScheduledLine[];
}

export interface KindStatusTotal {
  kind: DisbursementKind;
  status: LineStatus;
  lines: number;
  amountFen: number;
}

/** Lines of one cohort, payer and statuses, due before a day or on it at the latest. */
export interface CohortLineFilter {
  cohortId: number;
  payer: Payer;
  statuses: readonly LineStatus[];
  /** YYYY-MM-DD; `before`: strictly before it, else on it or before. */
  due: { date: string; before: boolean };
}

@Injectable()
export class DisbursementsRepository {
  /** The read path's SQL, written on its first use: the app has one connection, so one dialect. */
  private scheduleSql?: string;

  findLine(manager: EntityManager, id: number, options: { lock: boolean } = { lock: false }): Promise<DisbursementLineEntity | null> {
    const qb = manager.createQueryBuilder(DisbursementLineEntity, 'l').where('l.id = :id', { id });
    return (options.lock ? forUpdate(manager, qb) : qb).getOne();
  }

  /** A student's lines in the order a schedule is read: by due date, then kind, year and installment. */
  linesOfStudent(
    manager: EntityManager,
    studentId: number,
    options: { payerEnterpriseId?: number; lock?: boolean } = {},
  ): Promise<DisbursementLineEntity[]> {
    const qb = manager.createQueryBuilder(DisbursementLineEntity, 'l').where('l.studentId = :studentId', { studentId });
    if (options.payerEnterpriseId !== undefined) qb.andWhere('l.payerEnterpriseId = :payer', { payer: options.payerEnterpriseId });
    qb.orderBy('l.dueDate', 'ASC').addOrderBy('l.kind', 'ASC').addOrderBy('l.studyYear', 'ASC').addOrderBy('l.installment', 'ASC');
    return (options.lock ? forUpdate(manager, qb) : qb).getMany();
  }

  /** A student's whole schedule in the same order, for the read path: one prepared statement for every student (preparedRead). */
  scheduleOfStudent(manager: EntityManager, studentId: number): Promise<DisbursementLineEntity[]> {
    this.scheduleSql ??= scheduleSql(manager);
    return preparedRead(manager, 'schedule-of-student', this.scheduleSql, [studentId]);
  }

  /** The ids among `studentIds` that already have a schedule. */
  async studentsWithSchedule(manager: EntityManager, studentIds: number[]): Promise<Set<number>> {
    if (!studentIds.length) return new Set();
    const rows = await manager
      .createQueryBuilder(DisbursementLineEntity, 'l')
      .select('DISTINCT l.studentId', 'studentId')
      .where(...oneOf(manager, 'l.studentId', studentIds))
      .getRawMany<{ studentId: number }>();
    return new Set(rows.map((r) => Number(r.studentId)));
  }

  /** Multi-row INSERTs: a cohort's enrolment writes hundreds of thousands of lines. */
  async insertSchedules(manager: EntityManager, schedules: StudentSchedule[], now: string): Promise<void> {
    const rows: InsertRow<DisbursementLineEntity>[] = [];
    for (const { studentId, cohortId, lines } of schedules) {
      for (const l of lines) rows.push({ studentId, cohortId, ...l, status: 'SCHEDULED', statusChangedAt: now, createdAt: now });
    }
    await bulkInsert(manager, DisbursementLineEntity, rows);
  }

  /**
   * Applies `changes` to the lines among `ids` still in one of `from`: a conditional UPDATE, so two
   * requests racing cannot both move a line. Answers how many rows moved.
   */
  async moveLines(
    manager: EntityManager,
    ids: number[],
    from: readonly LineStatus[],
    changes: Partial<DisbursementLineEntity>,
  ): Promise<number> {
    let moved = 0;
    for (let start = 0; start < ids.length; start += 1000) {
      const { affected } = await manager
        .createQueryBuilder()
        .update(DisbursementLineEntity)
        .set(changes)
        .where({ id: In(ids.slice(start, start + 1000)), status: In([...from]) })
        .execute();
      moved += affected ?? 0;
    }
    return moved;
  }

  /** The next `limit` lines of a cohort that `filter` names, after `afterId` in id order, locked. */
  cohortLines(manager: EntityManager, filter: CohortLineFilter, afterId: number, limit: number): Promise<DisbursementLineEntity[]> {
    const qb = manager
      .createQueryBuilder(DisbursementLineEntity, 'l')
      .where('l.cohortId = :cohortId', { cohortId: filter.cohortId })
      .andWhere('l.status IN (:...statuses)', { statuses: filter.statuses })
      .andWhere('l.payer = :payer', { payer: filter.payer })
      .andWhere(`l.dueDate ${filter.due.before ? '<' : '<='} :due`, { due: filter.due.date })
      .andWhere('l.id > :afterId', { afterId })
      // A line with the bank is left to the bank's answer (payment batches).
      .andWhere('l.paymentBatchId IS NULL')
      .orderBy('l.id', 'ASC')
      .limit(limit);
    return forUpdate(manager, qb).getMany();
  }

  /** Amounts and line counts by kind and status, added up by the database. */
  async totalsByKindAndStatus(manager: EntityManager, cohortId: number): Promise<KindStatusTotal[]> {
    const rows = await manager
      .createQueryBuilder(DisbursementLineEntity, 'l')
      .select('l.kind', 'kind')
      .addSelect('l.status', 'status')
      .addSelect('COUNT(*)', 'lines')
      .addSelect('SUM(l.amountFen)', 'amountFen')
      .where('l.cohortId = :cohortId', { cohortId })
      .groupBy('l.kind')
      .addGroupBy('l.status')
      .getRawMany<{ kind: DisbursementKind; status: LineStatus; lines: string | number; amountFen: string | number }>();
    // PostgreSQL answers COUNT and SUM as strings (bigint).
    return rows.map((r) => ({ kind: r.kind, status: r.status, lines: Number(r.lines), amountFen: Number(r.amountFen) }));
  }

  findPaymentKey(manager: EntityManager, lineId: number, key: string): Promise<PaymentKeyEntity | null> {
    return manager.findOneBy(PaymentKeyEntity, { lineId, key });
  }

  async insertPaymentKey(manager: EntityManager, fields: Omit<PaymentKeyEntity, 'id'>): Promise<void> {
    await manager.insert(PaymentKeyEntity, fields);
  }
}

/** A student's whole schedule in due order, in the manager's dialect. */
function scheduleSql(manager: EntityManager): string {
  const columns = manager.connection.getMetadata(DisbursementLineEntity).columns.map((c) => `"${c.databaseName}"`);
  return `SELECT ${columns.join(', ')} FROM "disbursement_line" WHERE "studentId" = ${bindMarkers(manager, 1)} ORDER BY "dueDate", "kind", "studyYear", "installment"`;
}
