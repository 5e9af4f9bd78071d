import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DisbursementKind } from '../disbursements/rules/schedule';
import type { BatchStatus } from './rules/batch-status';

/** PostgreSQL answers bigint as a string; a batch total can pass 2^31 fen. */
const bigintAsNumber = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/** Approved programme lines sent to the bank together as one bulk-transfer file (批量代发). */
@Entity('payment_batch')
@Index(['status', 'id'])
export class PaymentBatchEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The cohort the lines were taken from; null: every cohort. */
  @Column({ type: 'integer', nullable: true })
  cohortId!: number | null;

  /** YYYY-MM-DD: lines due on this day or before were taken. */
  @Column({ type: 'varchar', length: 10 })
  dueOnOrBefore!: string;

  /** The one kind of line taken; null: every kind. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  kind!: DisbursementKind | null;

  @Column({ type: 'varchar', length: 12 })
  status!: BatchStatus;

  @Column({ type: 'integer' })
  lineCount!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  totalFen!: number;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ type: 'integer', nullable: true })
  createdBy!: number | null;

  /** The last download of the bank file: when, by whom, the file's SHA-256 and layout. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  exportedAt!: string | null;

  @Column({ type: 'integer', nullable: true })
  exportedBy!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  bankFileSha256!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  bankFileLayout!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  reconciledAt!: string | null;
}
