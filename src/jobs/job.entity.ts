import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobFailure {
  studentId: number;
  reason: string;
}

/** Long work started by a request and finished in the background, with its progress. */
@Entity('job')
export class JobEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** What the job does, e.g. AGREEMENTS:TRIPARTITE. */
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: JobStatus;

  @Column({ type: 'integer' })
  done!: number;

  @Column({ type: 'integer' })
  total!: number;

  @Column({ type: 'simple-json' })
  failed!: JobFailure[];

  @Column({ type: 'integer', nullable: true })
  createdBy!: number | null;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  startedAt!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  finishedAt!: string | null;
}
