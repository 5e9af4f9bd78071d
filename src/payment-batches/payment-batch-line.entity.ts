import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TransferResult } from './rules/batch-status';

/**
 * A disbursement line's place in a batch: the payee as the bank file names them (copied when the batch was
 * made, so a later change of account cannot change a file already sent) and the bank's answer.
 */
@Entity('payment_batch_line')
@Index(['batchId', 'sequence'], { unique: true })
@Index(['lineId'])
export class PaymentBatchLineEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  batchId!: number;

  /** 序号 in the bank file, from 1. */
  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'integer' })
  lineId!: number;

  @Column({ type: 'integer' })
  studentId!: number;

  @Column({ type: 'integer' })
  amountFen!: number;

  @Column({ type: 'varchar', length: 100 })
  bankName!: string;

  @Column({ type: 'varchar', length: 64 })
  accountName!: string;

  @Column({ type: 'varchar', length: 200 })
  accountNumberCipher!: string;

  @Column({ type: 'varchar', length: 24 })
  accountNumberMasked!: string;

  /** Null until a return file answers for the line. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  result!: TransferResult | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  failureReason!: string | null;

  /** The bank's serial number (流水号) of the transfer. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  bankReference!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  resultAt!: string | null;
}
