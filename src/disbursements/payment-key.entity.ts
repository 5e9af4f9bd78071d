import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An Idempotency-Key a payment was made under, scoped to its line: the same key on the same line with the
 * same body answers `response` again; with another body it is refused.
 */
@Entity('disbursement_payment_key')
@Index(['lineId', 'key'], { unique: true })
export class PaymentKeyEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  lineId!: number;

  @Column({ type: 'varchar', length: 128 })
  key!: string;

  /** SHA-256 (hex) of the normalised request body. */
  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  /** The 200 answer, as JSON. */
  @Column({ type: 'text' })
  response!: string;

  @Column({ type: 'integer', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;
}
