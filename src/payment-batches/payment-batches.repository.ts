import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { bulkInsert, InsertRow } from '../common/bulk-insert';
import { updateEach } from '../common/bulk-update';
import { notFound } from '../common/errors/domain-error';
import { bindMarkers, forUpdate } from '../common/sql';
import { DisbursementLineEntity } from '../disbursements/disbursement-line.entity';
import { DisbursementKind } from '../disbursements/rules/schedule';
import { StudentEntity } from '../students/student.entity';
import { PaymentBatchLineEntity } from './payment-batch-line.entity';
import { PaymentBatchEntity } from './payment-batch.entity';
import { BatchStatus, LineResult, TransferResult } from './rules/batch-status';
import { StudentStanding } from './rules/failed-transfer';

/** Which lines a batch takes: APPROVED programme lines due by a day, of one cohort or kind when given. */
export interface BatchLineFilter {
  cohortId: number | null;
  dueOnOrBefore: string;
  kind: DisbursementKind | null;
}

export interface BatchListFilter {
  cohortId?: number;
  status?: BatchStatus;
}

const SETTLED_PROPERTIES = [
  'status',
  'paidAt',
  'paidBy',
  'reference',
  'statusCause',
  'statusReason',
  'statusEffectiveDate',
  'statusChangedAt',
  'paymentBatchId',
] as const satisfies readonly (keyof DisbursementLineEntity)[];

/** What the bank's answer writes on a line it held. */
export type LineSettlement = Pick<DisbursementLineEntity, 'id' | (typeof SETTLED_PROPERTIES)[number]>;

/** A batch line with what the pages and the API show beside it. */
export interface BatchLineView extends PaymentBatchLineEntity {
  studentName: string;
  kind: DisbursementKind;
  dueDate: string;
  studyYear: number;
  installment: number;
}

@Injectable()
export class PaymentBatchesRepository {
  /** The next `limit` lines the filter takes that no batch holds, after `afterId` in id order, locked until commit when asked. */
  payableLines(
    manager: EntityManager,
    filter: BatchLineFilter,
    window: { afterId: number; limit: number; lock: boolean },
  ): Promise<DisbursementLineEntity[]> {
    const { afterId, limit } = window;
    const qb = manager
      .createQueryBuilder(DisbursementLineEntity, 'l')
      .where("l.status = 'APPROVED'")
      .andWhere("l.payer = 'PROGRAM'")
      .andWhere('l.paymentBatchId IS NULL')
      .andWhere('l.dueDate <= :due', { due: filter.dueOnOrBefore })
      .andWhere('l.id > :afterId', { afterId })
      .orderBy('l.id', 'ASC')
      .limit(limit);
    if (filter.cohortId !== null) qb.andWhere('l.cohortId = :cohortId', { cohortId: filter.cohortId });
    if (filter.kind !== null) qb.andWhere('l.kind = :kind', { kind: filter.kind });
    return (window.lock ? forUpdate(manager, qb) : qb).getMany();
  }

  /**
   * Puts the lines in the batch if they are still APPROVED and in no batch: a conditional UPDATE, so of two
   * batches made at once each line lands in one. Answers how many moved.
   */
  async holdLines(manager: EntityManager, batchId: number, lineIds: number[]): Promise<number> {
    const { affected } = await manager
      .createQueryBuilder()
      .update(DisbursementLineEntity)
      .set({ paymentBatchId: batchId })
      .where({ id: In(lineIds), status: 'APPROVED' })
      .andWhere('"paymentBatchId" IS NULL')
      .execute();
    return affected ?? 0;
  }

  async insertBatch(manager: EntityManager, row: InsertRow<PaymentBatchEntity>): Promise<number> {
    const [{ id }] = await bulkInsert(manager, PaymentBatchEntity, [row], ['id']);
    return Number(id);
  }

  async insertBatchLines(manager: EntityManager, rows: InsertRow<PaymentBatchLineEntity>[]): Promise<void> {
    await bulkInsert(manager, PaymentBatchLineEntity, rows);
  }

  async updateBatch(manager: EntityManager, id: number, changes: Partial<PaymentBatchEntity>): Promise<void> {
    await manager.update(PaymentBatchEntity, { id }, changes);
  }

  /** The batch, locked until commit when asked; 404 when there is none. */
  async getBatch(manager: EntityManager, id: number, options: { lock: boolean } = { lock: false }): Promise<PaymentBatchEntity> {
    const qb = manager.createQueryBuilder(PaymentBatchEntity, 'b').where('b.id = :id', { id });
    const batch = await (options.lock ? forUpdate(manager, qb) : qb).getOne();
    if (!batch) throw notFound('Payment batch', id);
    return batch;
  }

  pageBatches(
    manager: EntityManager,
    filter: BatchListFilter,
    window: { skip: number; take: number },
  ): Promise<[PaymentBatchEntity[], number]> {
    const qb = manager.createQueryBuilder(PaymentBatchEntity, 'b').orderBy('b.id', 'DESC').skip(window.skip).take(window.take);
    if (filter.cohortId !== undefined) qb.andWhere('b.cohortId = :cohortId', { cohortId: filter.cohortId });
    if (filter.status !== undefined) qb.andWhere('b.status = :status', { status: filter.status });
    return qb.getManyAndCount();
  }

  /**
   * A batch's lines in file order with the student's name and the line's facts; with a window, only the lines of
   * one result (PENDING: the bank has not answered) and only `take` of them after `skip`.
   */
  async linesOfBatch(
    manager: EntityManager,
    batchId: number,
    window?: { result: LineResult | null; skip: number; take: number },
  ): Promise<BatchLineView[]> {
    const columns = manager.connection.getMetadata(PaymentBatchLineEntity).columns.map((c) => `bl."${c.databaseName}"`);
    const parameters: unknown[] = [];
    const bind = (value: unknown): string => (parameters.push(value), bindMarkers(manager, 1, parameters.length - 1));
    const conditions = [`bl."batchId" = ${bind(batchId)}`];
    if (window?.result === 'PENDING') conditions.push('bl."result" IS NULL');
    else if (window?.result) conditions.push(`bl."result" = ${bind(window.result)}`);
    const paging = window ? ` LIMIT ${bind(window.take)} OFFSET ${bind(window.skip)}` : '';
    return manager.query(
      `SELECT ${columns.join(', ')}, s."fullName" AS "studentName", l."kind", l."dueDate", l."studyYear", l."installment" ` +
        'FROM "payment_batch_line" bl JOIN "disbursement_line" l ON l."id" = bl."lineId" JOIN "student" s ON s."id" = bl."studentId" ' +
        `WHERE ${conditions.join(' AND ')} ORDER BY bl."sequence"${paging}`,
      parameters,
    );
  }

  /** How many of a batch's lines the bank paid, refused, or has not answered yet (PENDING). */
  async resultCounts(manager: EntityManager, batchId: number): Promise<Record<LineResult, number>> {
    const rows: { result: TransferResult | null; n: number | string }[] = await manager.query(
      `SELECT bl."result" AS "result", COUNT(*) AS "n" FROM "payment_batch_line" bl WHERE bl."batchId" = ${bindMarkers(manager, 1)} GROUP BY bl."result"`,
      [batchId],
    );
    const counts: Record<LineResult, number> = { PAID: 0, FAILED: 0, PENDING: 0 };
    for (const row of rows) counts[row.result ?? 'PENDING'] = Number(row.n);
    return counts;
  }

  /** The bank's answers, each line its own; only lines still without one are written. */
  async recordResults(
    manager: EntityManager,
    rows: Pick<PaymentBatchLineEntity, 'id' | 'result' | 'failureReason' | 'bankReference' | 'resultAt'>[],
  ): Promise<number> {
    const updated = await updateEach(manager, PaymentBatchLineEntity, ['result', 'failureReason', 'bankReference', 'resultAt'], rows, {
      sql: 't."result" IS NULL',
      params: [],
    });
    return updated.length;
  }

  /** Each line's answer from the bank, written where the line is still APPROVED and held by the batch; answers how many moved. */
  async settleHeldLines(manager: EntityManager, batchId: number, settlements: LineSettlement[]): Promise<number> {
    const updated = await updateEach(manager, DisbursementLineEntity, SETTLED_PROPERTIES, settlements, {
      sql: `t."status" = 'APPROVED' AND t."paymentBatchId" = ?`,
      params: [batchId],
    });
    return updated.length;
  }

  /** Where each student stands now, for the lines whose transfer failed. */
  async standingsOf(manager: EntityManager, studentIds: number[]): Promise<Map<number, StudentStanding>> {
    const found = new Map<number, StudentStanding>();
    for (let start = 0; start < studentIds.length; start += 1000) {
      const rows = await manager.find(StudentEntity, {
        select: { id: true, status: true, statusEffectiveDate: true, statusReason: true },
        where: { id: In(studentIds.slice(start, start + 1000)) },
      });
      for (const row of rows) found.set(row.id, row);
    }
    return found;
  }

  async linesWithoutResult(manager: EntityManager, batchId: number): Promise<number> {
    return manager.countBy(PaymentBatchLineEntity, { batchId, result: IsNull() });
  }
}
