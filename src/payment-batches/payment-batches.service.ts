import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BankAccountsRepository } from '../bank-accounts/bank-accounts.repository';
import { StudentBankAccountEntity } from '../bank-accounts/student-bank-account.entity';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageWindow, toPage } from '../common/pagination/page';
import { TransactionRunner } from '../common/transaction-runner';
import { DisbursementLineEntity } from '../disbursements/disbursement-line.entity';
import { lineAudit } from '../disbursements/line-changes';
import { CohortsRepository } from '../programs/cohorts.repository';
import { CreatePaymentBatchDto } from './dto/create-payment-batch.dto';
import { PaymentBatchQueryDto } from './dto/payment-batch-query.dto';
import {
  CreatedPaymentBatchDto,
  PaymentBatchDetailDto,
  PaymentBatchLineDto,
  PaymentBatchResponseDto,
  SkippedLineDto,
  toPaymentBatchLine,
  toPaymentBatchResponse,
} from './dto/payment-batch-response.dto';
import { BatchLineFilter, PaymentBatchesRepository } from './payment-batches.repository';
import { LineResult } from './rules/batch-status';
import { nextTurn } from '../common/next-turn';

/** Lines read, locked and put in the batch at a time; other requests get a turn between chunks. */
const BATCH_CHUNK = 1000;
/** Lines a preview lists; its counts and total cover them all. */
const PREVIEW_LINES = 200;

interface PayableChunk {
  taken: { line: DisbursementLineEntity; account: StudentBankAccountEntity }[];
  skipped: SkippedLineDto[];
}

export interface BatchPreview {
  lineCount: number;
  totalFen: number;
  /** The first PREVIEW_LINES lines, in the order the bank file will list them. */
  lines: DisbursementLineEntity[];
  skipped: SkippedLineDto[];
}

const sumOf = (lines: readonly { amountFen: number }[]): number => lines.reduce((sum, line) => sum + line.amountFen, 0);

export const NO_ACCOUNT_REASON = 'no bank account on record: enter it on the student page, then make another batch';

/**
 * Payment batches: approved programme lines paid by one bulk transfer (批量代发). Making a batch takes every
 * APPROVED programme line due by a day that no other batch holds and whose student has a bank account; a line
 * in a batch waits for the bank's answer (the return file) and cannot be paid on its own or batched again.
 */
@Injectable()
export class PaymentBatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly batches: PaymentBatchesRepository,
    private readonly accounts: BankAccountsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * One transaction: the batch, its lines (the payee as the bank file will name them, copied now) and an
   * audit entry for the batch and for each line. Lines are locked in id order, so two batches made at once
   * wait for each other and no line lands in both. Nothing to take is 409, with the lines skipped.
   */
  async create(actor: AuthUser, dto: CreatePaymentBatchDto): Promise<CreatedPaymentBatchDto> {
    const filter = await this.filterOf(dto);
    return this.transactions.run(async (manager) => {
      const batchId = await this.batches.insertBatch(manager, {
        ...filter,
        status: 'OPEN',
        lineCount: 0,
        totalFen: 0,
        createdAt: this.clock.now().toISOString(),
        createdBy: actor.id,
      });
      const skipped: SkippedLineDto[] = [];
      let lineCount = 0;
      let totalFen = 0;
      for await (const chunk of this.payableChunks(manager, filter, { lock: true })) {
        skipped.push(...chunk.skipped);
        if (!chunk.taken.length) continue;
        const lines = chunk.taken.map((t) => t.line);
        // The lines are locked; a shortfall means another request changed them regardless.
        if (
          (await this.batches.holdLines(
            manager,
            batchId,
            lines.map((line) => line.id),
          )) !== lines.length
        ) {
          throw new DomainError('CONFLICT', 'Lines changed while the batch was being made; nothing was saved, try again');
        }
        await this.batches.insertBatchLines(
          manager,
          chunk.taken.map(({ line, account }, i) => ({
            batchId,
            sequence: lineCount + i + 1,
            lineId: line.id,
            studentId: line.studentId,
            amountFen: line.amountFen,
            bankName: account.bankName,
            accountName: account.accountName,
            accountNumberCipher: account.accountNumberCipher,
            accountNumberMasked: account.accountNumberMasked,
          })),
        );
        await this.audit.recordMany(
          manager,
          lines.map((line) => lineAudit(actor, 'disbursement.batched', line, { paymentBatchId: batchId })),
        );
        lineCount += lines.length;
        totalFen += sumOf(lines);
      }
      if (!lineCount) {
        const why = skipped.length ? `; ${skipped.length} without a bank account` : '';
        throw new DomainError('CONFLICT', `No approved programme line due by ${filter.dueOnOrBefore} can be paid${why}`, undefined, {
          skipped,
        });
      }
      await this.batches.updateBatch(manager, batchId, { lineCount, totalFen });
      await this.audit.record(manager, {
        actor,
        action: 'payment-batch.created',
        entityType: 'payment_batch',
        entityId: batchId,
        before: null,
        after: { ...filter, lineCount, totalFen, skipped: skipped.length },
      });
      return { ...toPaymentBatchResponse(await this.batches.getBatch(manager, batchId)), skipped };
    });
  }

  /** What `create` would take now, written nowhere: the staff page shows it before staff confirm. */
  async preview(dto: CreatePaymentBatchDto): Promise<BatchPreview> {
    const filter = await this.filterOf(dto);
    const preview: BatchPreview = { lineCount: 0, totalFen: 0, lines: [], skipped: [] };
    for await (const chunk of this.payableChunks(this.dataSource.manager, filter, { lock: false })) {
      preview.skipped.push(...chunk.skipped);
      preview.lineCount += chunk.taken.length;
      preview.totalFen += sumOf(chunk.taken.map((t) => t.line));
      preview.lines.push(...chunk.taken.slice(0, PREVIEW_LINES - preview.lines.length).map((t) => t.line));
    }
    return preview;
  }

  /** The lines the filter takes, a chunk at a time in id order (locked inside a transaction), split by whether the student has an account. */
  private async *payableChunks(manager: EntityManager, filter: BatchLineFilter, { lock }: { lock: boolean }): AsyncGenerator<PayableChunk> {
    for (let afterId = 0; ;) {
      const chunk = await this.batches.payableLines(manager, filter, { afterId, limit: BATCH_CHUNK, lock });
      if (!chunk.length) return;
      afterId = chunk[chunk.length - 1].id;
      const accounts = await this.accounts.ofStudents(manager, [...new Set(chunk.map((line) => line.studentId))]);
      const taken: PayableChunk['taken'] = [];
      const skipped: SkippedLineDto[] = [];
      for (const line of chunk) {
        const account = accounts.get(line.studentId);
        if (account) taken.push({ line, account });
        else skipped.push({ studentId: line.studentId, lineId: line.id, reason: NO_ACCOUNT_REASON });
      }
      yield { taken, skipped };
      await nextTurn();
    }
  }

  private async filterOf(dto: CreatePaymentBatchDto): Promise<BatchLineFilter> {
    if (dto.cohortId !== undefined) await this.cohorts.getCohort(this.dataSource.manager, dto.cohortId);
    return { cohortId: dto.cohortId ?? null, dueOnOrBefore: dto.dueOnOrBefore, kind: dto.kind ?? null };
  }

  async list(query: PaymentBatchQueryDto): Promise<Page<PaymentBatchResponseDto>> {
    const [rows, total] = await this.batches.pageBatches(
      this.dataSource.manager,
      { cohortId: query.cohortId, status: query.status },
      pageWindow(query),
    );
    return toPage(rows, total, query, toPaymentBatchResponse);
  }

  async get(id: number): Promise<PaymentBatchDetailDto> {
    const manager = this.dataSource.manager;
    const batch = await this.batches.getBatch(manager, id);
    const lines = await this.batches.linesOfBatch(manager, id);
    return { ...toPaymentBatchResponse(batch), lines: lines.map(toPaymentBatchLine) };
  }

  /** One batch, its lines counted by result, and one window of its lines (of one result, if given) in file order. */
  async getWindow(
    id: number,
    window: { result: LineResult | null; skip: number; take: number },
  ): Promise<{ batch: PaymentBatchResponseDto; counts: Record<LineResult, number>; lines: PaymentBatchLineDto[] }> {
    const manager = this.dataSource.manager;
    const batch = await this.batches.getBatch(manager, id);
    const counts = await this.batches.resultCounts(manager, id);
    const lines = await this.batches.linesOfBatch(manager, id, window);
    return { batch: toPaymentBatchResponse(batch), counts, lines: lines.map(toPaymentBatchLine) };
  }
}
