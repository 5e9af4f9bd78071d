import { ApiProperty } from '@nestjs/swagger';
import { DisbursementLineEntity } from '../disbursement-line.entity';
import { LINE_STATUS_CAUSES, LINE_STATUSES, LineStatus, LineStatusCause, totalsOf } from '../rules/line-status';
import { DISBURSEMENT_KINDS, DisbursementKind, Payer, PAYERS } from '../rules/schedule';

export class DisbursementLineResponseDto {
  id!: number;
  studentId!: number;
  @ApiProperty({ enum: DISBURSEMENT_KINDS })
  kind!: DisbursementKind;
  studyYear!: number;
  installment!: number;
  /** YYYY-MM-DD */
  dueDate!: string;
  /** Integer fen. */
  amountFen!: number;
  @ApiProperty({ enum: PAYERS })
  payer!: Payer;
  /** The enterprise that pays the fare; null for the programme's lines. */
  payerEnterpriseId!: number | null;
  @ApiProperty({ enum: LINE_STATUSES })
  status!: LineStatus;
  /**
   * Why the line is held, was restored or is cancelled (the student's suspension, return or withdrawal), or why an
   * approved line is unpaid again (BANK_FAILURE: the bank refused its transfer); null otherwise.
   */
  @ApiProperty({ enum: LINE_STATUS_CAUSES, nullable: true })
  statusCause!: LineStatusCause | null;
  /** The reason given for that status change, e.g. "illness". */
  statusReason!: string | null;
  /** YYYY-MM-DD the status change took effect. */
  statusEffectiveDate!: string | null;
  /** ISO-8601 UTC instant of the line's last status change. */
  statusChangedAt!: string;
  /** ISO-8601 UTC */
  approvedAt!: string | null;
  /** ISO-8601 UTC, as the payer recorded it. */
  paidAt!: string | null;
  /** The payer's transfer reference. */
  reference!: string | null;
  /** The payment batch holding the line while the bank has not answered for it; null otherwise. */
  paymentBatchId!: number | null;
}

export class DisbursementTotalsDto {
  scheduledFen!: number;
  approvedFen!: number;
  paidFen!: number;
  suspendedFen!: number;
  cancelledFen!: number;
}

export class StudentDisbursementsResponseDto {
  /** By due date, then kind, study year and installment. */
  items!: DisbursementLineResponseDto[];
  totals!: DisbursementTotalsDto;
}

export function toDisbursementLineResponse(line: DisbursementLineEntity): DisbursementLineResponseDto {
  return {
    id: line.id,
    studentId: line.studentId,
    kind: line.kind,
    studyYear: line.studyYear,
    installment: line.installment,
    dueDate: line.dueDate,
    amountFen: line.amountFen,
    payer: line.payer,
    payerEnterpriseId: line.payerEnterpriseId,
    status: line.status,
    statusCause: line.statusCause,
    statusReason: line.statusReason,
    statusEffectiveDate: line.statusEffectiveDate,
    statusChangedAt: line.statusChangedAt,
    approvedAt: line.approvedAt,
    paidAt: line.paidAt,
    reference: line.reference,
    paymentBatchId: line.paymentBatchId,
  };
}

export function toStudentDisbursementsResponse(lines: DisbursementLineEntity[]): StudentDisbursementsResponseDto {
  return { items: lines.map(toDisbursementLineResponse), totals: totalsOf(lines) };
}
