import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user';

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

  /** What the job's handler needs to rebuild its work after a restart, e.g. the cohort; null on jobs from before. */
  @Column({ type: 'simple-json', nullable: true })
  parameters!: Record<string, unknown> | null;

  /** Who started the job, as its work is done on their behalf. */
  @Column({ type: 'simple-json', nullable: true })
  actor!: AuthUser | null;

  @Column({ type: 'integer', nullable: true })
  createdBy!: number | null;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  startedAt!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  finishedAt!: string | null;
}
