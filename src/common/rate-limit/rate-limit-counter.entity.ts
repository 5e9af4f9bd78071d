import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Requests counted under one key (e.g. an address on one route) in the window that ends at resetAt. */
@Entity('rate_limit_counter')
export class RateLimitCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'integer' })
  count!: number;

  /** ISO-8601 UTC: when the window ends and the count starts again from zero. */
  @Column({ type: 'varchar', length: 24 })
  resetAt!: string;
}
