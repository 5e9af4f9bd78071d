import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProgramEntity } from './program.entity';

@Entity('cohort')
@Index(['programId'])
export class CohortEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  programId!: number;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programId' })
  program?: ProgramEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'integer' })
  intakeYear!: number;

  /** YYYY-MM-DD; study year y starts on its (y-1)th anniversary. */
  @Column({ type: 'varchar', length: 10 })
  startDate!: string;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;
}
