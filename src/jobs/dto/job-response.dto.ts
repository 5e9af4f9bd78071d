import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATUSES, JobEntity, JobStatus } from '../job.entity';

export class JobFailureDto {
  studentId!: number;
  reason!: string;
}

export class JobResponseDto {
  id!: number;
  /** What the job does, e.g. AGREEMENTS:TRIPARTITE. */
  kind!: string;
  @ApiProperty({ enum: JOB_STATUSES })
  status!: JobStatus;
  /** Items finished so far, failed ones included. */
  done!: number;
  total!: number;
  /** Items the job could not do, with the reason. */
  failed!: JobFailureDto[];
  /** ISO-8601 UTC; null while queued. */
  startedAt!: string | null;
  /** ISO-8601 UTC; null until done or failed. */
  finishedAt!: string | null;
}

export class JobAcceptedDto {
  jobId!: number;
}

export function toJobResponse(job: JobEntity): JobResponseDto {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    done: job.done,
    total: job.total,
    failed: job.failed,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
