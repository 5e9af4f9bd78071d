import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { notFound } from '../common/errors/domain-error';
import { JobResponseDto, toJobResponse } from './dto/job-response.dto';
import { JobEntity, JobFailure } from './job.entity';

/** Reports a job's progress as it runs. */
export interface JobProgress {
  step(failure?: JobFailure): Promise<void>;
}

/** How often progress is written while a job runs: often enough for a progress bar, not once per item. */
const SAVE_EVERY_MS = 500;

/**
 * Background jobs: the request that starts one answers at once with its id; the work runs in this
 * process between other requests and writes its progress to the database, where any instance can read it.
 */
@Injectable()
export class JobsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly running = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Queues a job and runs `work` in the background; answers the job's id. */
  async start(actor: AuthUser, kind: string, total: number, work: (progress: JobProgress) => Promise<void>): Promise<number> {
    const repository = this.dataSource.getRepository(JobEntity);
    const job = await repository.save(
      repository.create({
        kind,
        status: 'QUEUED',
        done: 0,
        total,
        failed: [],
        createdBy: actor.id,
        createdAt: this.clock.now().toISOString(),
        startedAt: null,
        finishedAt: null,
      }),
    );
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(job, work));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return job.id;
  }

  /** A stopping process finishes the jobs it runs rather than leaving them RUNNING for ever. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  async get(actor: AuthUser, id: number): Promise<JobResponseDto> {
    const job = await this.dataSource.getRepository(JobEntity).findOneBy({ id });
    // Someone else's job answers as if it did not exist; an admin sees every job.
    if (!job || (actor.role !== 'admin' && job.createdBy !== actor.id)) throw notFound('Job', id);
    return toJobResponse(job);
  }

  private async run(job: JobEntity, work: (progress: JobProgress) => Promise<void>): Promise<void> {
    const repository = this.dataSource.getRepository(JobEntity);
    let lastSave = 0;
    const save = async (force = false) => {
      const now = this.clock.now();
      if (!force && now.getTime() - lastSave < SAVE_EVERY_MS) return;
      lastSave = now.getTime();
      await repository.update(job.id, {
        status: job.status,
        done: job.done,
        failed: job.failed,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
      });
    };
    try {
      job.status = 'RUNNING';
      job.startedAt = this.clock.now().toISOString();
      await save(true);
      await work({
        step: async (failure) => {
          job.done++;
          if (failure) job.failed.push(failure);
          await save();
          // Let requests in between items: the work is CPU-bound.
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      job.status = 'DONE';
    } catch (error) {
      this.logger.error(`Job ${job.id} (${job.kind}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      job.status = 'FAILED';
    }
    job.finishedAt = this.clock.now().toISOString();
    await save(true).catch((error: unknown) => this.logger.error(`Job ${job.id}: could not save its end: ${String(error)}`));
  }
}
