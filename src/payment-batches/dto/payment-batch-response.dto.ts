import { ApiProperty } from '@nestjs/swagger';
import { DISBURSEMENT_KINDS, DisbursementKind } from '../../disbursements/rules/schedule';
import { BatchLineView } from '../payment-batches.repository';
import { PaymentBatchEntity } from '../payment-batch.entity';
import { BATCH_STATUSES, BatchStatus, TRANSFER_RESULTS, TransferResult } from '../rules/batch-status';

export class SkippedLineDto {
  studentId!: number;
  lineId!: number;
  reason!: string;
}

export class PaymentBatchResponseDto {
  id!: number;
  cohortId!: number | null;
  /** YYYY-MM-DD */
  dueOnOrBefore!: string;
  @ApiProperty({ enum: DISBURSEMENT_KINDS, nullable: true })
  kind!: DisbursementKind | null;
  @ApiProperty({ enum: BATCH_STATUSES })
  status!: BatchStatus;
  lineCount!: number;
  /** Integer fen. */
  totalFen!: number;
  /** ISO-8601 UTC */
  createdAt!: string;
  createdBy!: number | null;
  /** The last download of the bank file. */
  exportedAt!: string | null;
  exportedBy!: number | null;
  /** SHA-256 (hex) of the bank file last downloaded. */
  bankFileSha256!: string | null;
  reconciledAt!: string | null;
}

export class CreatedPaymentBatchDto extends PaymentBatchResponseDto {
  /** Lines due by then that the batch could not take, with the reason (no bank account). */
  skipped!: SkippedLineDto[];
}

export class PaymentBatchLineDto {
  lineId!: number;
  /** 序号 in the bank file. */
  sequence!: number;
  studentId!: number;
  studentName!: string;
  accountName!: string;
  bankName!: string;
  /** `6228 **** **** 0001`: the whole number is only in the bank file. */
  accountNumberMasked!: string;
  amountFen!: number;
  @ApiProperty({ enum: DISBURSEMENT_KINDS })
  kind!: DisbursementKind;
  /** YYYY-MM-DD */
  dueDate!: string;
  /** Null until the bank's return file answers for the line. */
  @ApiProperty({ enum: TRANSFER_RESULTS, nullable: true })
  result!: TransferResult | null;
  failureReason!: string | null;
  /** The bank's serial number (流水号). */
  bankReference!: string | null;
}

export class PaymentBatchDetailDto extends PaymentBatchResponseDto {
  lines!: PaymentBatchLineDto[];
}

export class PaymentBatchPageDto {
  items!: PaymentBatchResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export class ReturnFileErrorDto {
  /** The row as a spreadsheet shows it (header = 1); null for the file as a whole. */
  row!: number | null;
  column!: string | null;
  message!: string;
}

export class ReturnFileResultDto {
  /** Lines the file recorded as paid now. */
  paid!: number;
  /** Lines the bank could not pay: back to APPROVED with the reason. */
  failed!: number;
  /** Rows an earlier return file had already recorded the same way. */
  unchanged!: number;
  /** Every row that stopped the file; empty when it was applied. */
  errors!: ReturnFileErrorDto[];
  @ApiProperty({ enum: BATCH_STATUSES })
  status!: BatchStatus;
}

export function toPaymentBatchResponse(batch: PaymentBatchEntity): PaymentBatchResponseDto {
  return {
    id: batch.id,
    cohortId: batch.cohortId,
    dueOnOrBefore: batch.dueOnOrBefore,
    kind: batch.kind,
    status: batch.status,
    lineCount: batch.lineCount,
    totalFen: batch.totalFen,
    createdAt: batch.createdAt,
    createdBy: batch.createdBy,
    exportedAt: batch.exportedAt,
    exportedBy: batch.exportedBy,
    bankFileSha256: batch.bankFileSha256,
    reconciledAt: batch.reconciledAt,
  };
}

export function toPaymentBatchLine(line: BatchLineView): PaymentBatchLineDto {
  return {
    lineId: line.lineId,
    sequence: line.sequence,
    studentId: line.studentId,
    studentName: line.studentName,
    accountName: line.accountName,
    bankName: line.bankName,
    accountNumberMasked: line.accountNumberMasked,
    amountFen: line.amountFen,
    kind: line.kind,
    dueDate: line.dueDate,
    result: line.result,
    failureReason: line.failureReason,
    bankReference: line.bankReference,
  };
}
