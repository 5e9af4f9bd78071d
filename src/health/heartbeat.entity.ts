import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row the health check rewrites to prove the database accepts writes. */
@Entity('heartbeat')
export class HeartbeatEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 24 })
  beatAt!: string;
}
