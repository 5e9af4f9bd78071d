import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('major')
@Index(['cohortId', 'code'], { unique: true })
export class MajorEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  cohortId!: number;

  @Column({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  institution!: string;

  @Column({ type: 'integer' })
  capacity!: number;

  /** Seats held by students; changed only with a conditional UPDATE so it never passes capacity. */
  @Column({ type: 'integer', default: 0 })
  assigned!: number;

  /** Lowest exam score admitted by the last assignment run; null before one. */
  @Column({ type: 'double precision', nullable: true })
  cutoffScore!: number | null;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;
}
