import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LineStatus, LineStatusCause } from './rules/line-status';
import type { DisbursementKind, Payer } from './rules/schedule';

/** One line of a student's stipend and fare schedule. Money rows are never updated once PAID. */
@Entity('disbursement_line')
@Index(['studentId', 'kind', 'studyYear', 'installment'], { unique: true })
@Index(['cohortId', 'status', 'dueDate'])
@Index(['payerEnterpriseId'])
@Index(['paymentBatchId'])
export class DisbursementLineEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  studentId!: number;

  /** The student's cohort, so cohort totals and batch approval need no join. */
  @Column({ type: 'integer' })
  cohortId!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: DisbursementKind;

  @Column({ type: 'integer' })
  studyYear!: number;

  @Column({ type: 'integer' })
  installment!: number;

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10 })
  dueDate!: string;

  @Column({ type: 'integer' })
  amountFen!: number;

  @Column({ type: 'varchar', length: 10 })
  payer!: Payer;

  @Column({ type: 'integer', nullable: true })
  payerEnterpriseId!: number | null;

  @Column({ type: 'varchar', length: 10 })
  status!: LineStatus;

  /** The student status change that last held, restored or cancelled the line; null otherwise. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  statusCause!: LineStatusCause | null;

  /** The reason given for that status change. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  statusReason!: string | null;

  /** YYYY-MM-DD the student status change behind the line's status took effect. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  statusEffectiveDate!: string | null;

  /** ISO-8601 UTC instant of the line's last status change. */
  @Column({ type: 'varchar', length: 24 })
  statusChangedAt!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  approvedAt!: string | null;

  @Column({ type: 'integer', nullable: true })
  approvedBy!: number | null;

  /** When the money went out, as the payer recorded it. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  paidAt!: string | null;

  @Column({ type: 'integer', nullable: true })
  paidBy!: number | null;

  /** The payer's transfer reference. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  reference!: string | null;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  /** The payment batch holding the line while the bank has not answered for it; null otherwise. */
  @Column({ type: 'integer', nullable: true })
  paymentBatchId!: number | null;
}
