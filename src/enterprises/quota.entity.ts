import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Seats an enterprise offers in one major of one cohort. */
@Entity('quota')
@Index(['cohortId', 'enterpriseId', 'majorCode'], { unique: true })
@Index(['enterpriseId'])
export class QuotaEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  cohortId!: number;

  @Column({ type: 'integer' })
  enterpriseId!: number;

  @Column({ type: 'varchar', length: 16 })
  majorCode!: string;

  @Column({ type: 'integer' })
  seats!: number;

  /** Seats taken by proposed or confirmed placements; changed only with a conditional UPDATE. */
  @Column({ type: 'integer', default: 0 })
  used!: number;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;
}
