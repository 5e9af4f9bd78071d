import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccountNumberCipher } from '../bank-accounts/account-number-cipher';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { lineAudit, NO_CAUSE } from '../disbursements/line-changes';
import { SPREADSHEET_ERROR_CODES, SpreadsheetFileError, UploadedFile } from '../students/import/spreadsheet-file';
import { openSpreadsheet } from '../students/import/spreadsheet-reader';
import { ReturnFileErrorDto, ReturnFileResultDto } from './dto/payment-batch-response.dto';
import { BatchLineView, LineSettlement, PaymentBatchesRepository } from './payment-batches.repository';
import { PaymentBatchEntity } from './payment-batch.entity';
import { afterFailedTransfer } from './rules/failed-transfer';
import { mapReturnHeader, matchReturnRows, parseReturnRow, ReturnField, ReturnRow } from './rules/return-file';
import { nextTurn } from '../common/next-turn';

/** Rows of a return file: a batch holds at most the lines due at once, far fewer. */
const MAX_RETURN_ROWS = 100_000;
const MAX_REPORTED_ERRORS = 10_000;
const CHUNK_ROWS = 1000;

/**
 * The bank's return file, applied all or nothing in one transaction: transfers made become PAID with the
 * bank's serial number, transfers refused go back to be paid again carrying the bank's reason. A row that
 * matches no line stops the whole file. Rows an earlier file answered the same way change nothing, so the
 * same file twice is harmless; when every line has an answer the batch is RECONCILED.
 */
@Injectable()
export class ReturnFileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly batches: PaymentBatchesRepository,
    private readonly cipher: AccountNumberCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async reconcile(actor: AuthUser, batchId: number, file: UploadedFile): Promise<ReturnFileResultDto> {
    refuseUnexported(await this.batches.getBatch(this.dataSource.manager, batchId));
    const rows = await readReturnFile(file);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.transactions.run(async (manager) => {
      // Locked: two uploads for the same batch are applied one after the other.
      const batch = refuseUnexported(await this.batches.getBatch(manager, batchId, { lock: true }));
      const lines = await this.batches.linesOfBatch(manager, batchId);
      const match = matchReturnRows(
        rows,
        lines.map((line) => ({ ...line, accountNumber: this.cipher.decrypt(line.accountNumberCipher) })),
        { today: this.clock.today(), batchDate: this.clock.dateOf(new Date(batch.createdAt)) },
      );
      if (!match.ok) throw rejected(match.errors);
      const bySequence = new Map(lines.map((line) => [line.sequence, line]));
      const answers = match.outcomes.flatMap((o) => (o.change === 'UNCHANGED' ? [] : [{ row: o.row, line: bySequence.get(o.sequence)! }]));
      await this.settle(manager, actor, batch, answers);
      const status = (await this.batches.linesWithoutResult(manager, batchId)) === 0 ? 'RECONCILED' : batch.status;
      if (status !== batch.status)
        await this.batches.updateBatch(manager, batchId, { status, reconciledAt: this.clock.now().toISOString() });
      const paid = answers.filter((a) => a.row.result === 'PAID').length;
      const result = { paid, failed: answers.length - paid, unchanged: match.outcomes.length - answers.length };
      await this.audit.record(manager, {
        actor,
        action: 'payment-batch.return-file',
        entityType: 'payment_batch',
        entityId: batchId,
        before: { status: batch.status },
        after: { status, file: file.filename, sha256, ...result },
      });
      return { ...result, errors: [], status };
    });
  }

  /**
   * Each answered line leaves the batch: PAID on the bank's date (or now) with its serial number, or unpaid again
   * with the bank's reason (afterFailedTransfer). One UPDATE per chunk of lines, conditional on the line still
   * being held by this batch; the batch lines keep the answers; an audit entry for each line.
   */
  private async settle(manager: EntityManager, actor: AuthUser, batch: PaymentBatchEntity, answers: Answer[]): Promise<void> {
    if (!answers.length) return;
    const now = this.clock.now().toISOString();
    const failedStudents = answers.filter((a) => a.row.result === 'FAILED').map((a) => a.line.studentId);
    const standings = await this.batches.standingsOf(manager, [...new Set(failedStudents)]);
    const settlements = answers.map(({ row, line }): LineSettlement => {
      const common = { id: line.lineId, statusChangedAt: now, paymentBatchId: null };
      if (row.result === 'PAID') {
        const paidAt = row.date === null ? now : this.clock.startOf(row.date).toISOString();
        return { ...common, status: 'PAID', paidAt, paidBy: actor.id, reference: row.reference, ...NO_CAUSE };
      }
      const failure = { reason: row.failureReason!, date: row.date ?? this.clock.today() };
      const after = afterFailedTransfer({ id: line.lineId, dueDate: line.dueDate }, standings.get(line.studentId)!, failure);
      return { ...common, ...after, paidAt: null, paidBy: null, reference: null };
    });
    const moved = await this.batches.settleHeldLines(manager, batch.id, settlements);
    if (moved !== settlements.length) {
      throw new DomainError(
        'CONFLICT',
        `Lines of payment batch ${batch.id} changed while the file was applied; nothing was applied, send it again`,
      );
    }
    await this.recordResults(manager, answers, now);
    await this.audit.recordMany(
      manager,
      settlements.map(({ id, ...change }, i) =>
        lineAudit(
          actor,
          answers[i].row.result === 'PAID' ? 'disbursement.paid' : 'disbursement.transfer-failed',
          { id, status: 'APPROVED' },
          {
            ...change,
            paymentBatchId: batch.id,
          },
        ),
      ),
    );
  }

  private async recordResults(manager: EntityManager, answers: Answer[], now: string): Promise<void> {
    await this.batches.recordResults(
      manager,
      answers.map(({ row, line }) => ({
        id: line.id,
        result: row.result,
        failureReason: row.failureReason,
        bankReference: row.reference,
        resultAt: now,
      })),
    );
  }
}

/** Checked before the file is read and again under the lock: the bank cannot have answered a file it never got. */
function refuseUnexported(batch: PaymentBatchEntity): PaymentBatchEntity {
  if (batch.status === 'OPEN') {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `The bank file of payment batch ${batch.id} was never downloaded: the bank cannot have answered it`,
    );
  }
  return batch;
}

interface Answer {
  row: ReturnRow;
  line: BatchLineView;
}

/** Every data row of the file, or every problem in it (422, nothing applied). */
async function readReturnFile(file: UploadedFile): Promise<ReturnRow[]> {
  const rows: ReturnRow[] = [];
  const errors: ReturnFileErrorDto[] = [];
  let columns: (ReturnField | null)[] | null = null;
  try {
    const { rows: sheet } = openSpreadsheet(file, 'auto');
    for await (const { number, cells } of sheet) {
      if (number % CHUNK_ROWS === 0) await nextTurn();
      if (!columns) {
        const header = mapReturnHeader(cells.map((cell) => (cell === null ? '' : String(cell))));
        if (header.errors.length) throw rejected(header.errors);
        columns = header.columns;
        continue;
      }
      const byField: Partial<Record<ReturnField, (typeof cells)[number]>> = {};
      columns.forEach((field, i) => {
        if (field) byField[field] = cells[i] ?? null;
      });
      const parsed = parseReturnRow(number, byField);
      if (!parsed) continue;
      if (rows.length + errors.length >= MAX_RETURN_ROWS) {
        throw new SpreadsheetFileError(
          'TOO_LARGE',
          `The file has more than ${MAX_RETURN_ROWS.toLocaleString('en')} rows, more than any batch`,
        );
      }
      if (parsed.ok) rows.push(parsed.value);
      else errors.push(...parsed.errors);
    }
  } catch (error) {
    if (error instanceof SpreadsheetFileError)
      throw new DomainError(
        SPREADSHEET_ERROR_CODES[error.kind],
        error.message,
        undefined,
        emptyResult([{ row: null, column: null, message: error.message }]),
      );
    throw error;
  }
  if (!columns) throw rejected([{ row: null, column: null, message: 'The file is empty: it has no header row' }]);
  if (errors.length) throw rejected(errors);
  if (!rows.length) throw rejected([{ row: null, column: null, message: 'The file has a header but no transfer rows' }]);
  return rows;
}

const emptyResult = (errors: ReturnFileErrorDto[]): Record<string, unknown> => ({
  paid: 0,
  failed: 0,
  unchanged: 0,
  errors: errors.slice(0, MAX_REPORTED_ERRORS),
  ...(errors.length > MAX_REPORTED_ERRORS ? { errorsOmitted: errors.length - MAX_REPORTED_ERRORS } : {}),
});

function rejected(errors: ReturnFileErrorDto[]): DomainError {
  const count = errors.length;
  return new DomainError(
    'UNPROCESSABLE',
    `${count} problem${count === 1 ? '' : 's'} in the return file; nothing was applied`,
    undefined,
    emptyResult(errors),
  );
}
