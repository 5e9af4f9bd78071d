import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { notFound } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobResponseDto, toJobResponse } from './dto/job-response.dto';
import { JobEntity, JobFailure } from './job.entity';
import { JobQueue } from './job-queue';
import { nextTurn } from '../common/next-turn';
import { errorTrace } from '../common/errors/error-trace';

/** Reports a job's progress as it runs. */
export interface JobProgress {
  step(failure?: JobFailure): Promise<void>;
}

/** What a handler gets to rebuild a job's work, in a new process as well as in the one that started it. */
export interface JobRun<P> {
  id: number;
  actor: AuthUser;
  parameters: P;
}

/**
 * Does a job's work from the start. It may run again after a restart, so it must skip what a previous
 * run already did (and still call `step` for it).
 */
export type JobHandler<P> = (job: JobRun<P>, progress: JobProgress) => Promise<void>;

/** How often progress is written while a job runs: often enough for a progress bar, not once per item. */
const SAVE_EVERY_MS = 500;

/**
 * Background jobs: the request that starts one answers at once with its id; the job row (its kind,
 * parameters and actor) is written first, so the work can be rebuilt by whichever process runs it, and
 * its progress is written to the database, where any instance can read it.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandler<never>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Modules register their kinds when they initialise, before jobs left by a restart are taken up. */
  register<P>(kind: string, handler: JobHandler<P>): void {
    this.handlers.set(kind, handler as JobHandler<never>);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runJobs) await this.queue.start((id) => this.execute(id));
  }

  /** A stopping process finishes the jobs it runs rather than leaving them for another to take up. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.config.runJobs) await this.queue.stop();
  }

  /** Queues a job of a registered kind; answers its id. */
  async start<P extends object>(actor: AuthUser, kind: string, total: number, parameters: P): Promise<number> {
    if (!this.handlers.has(kind)) throw new Error(`No handler for jobs of kind ${kind}`);
    const job = await this.transactions.run((manager) =>
      manager.save(
        manager.create(JobEntity, {
          kind,
          status: 'QUEUED',
          done: 0,
          total,
          failed: [],
          parameters: { ...parameters },
          actor,
          createdBy: actor.id,
          createdAt: this.clock.now().toISOString(),
          startedAt: null,
          finishedAt: null,
        }),
      ),
    );
    await this.queue.send(job.id);
    return job.id;
  }

  async get(actor: AuthUser, id: number): Promise<JobResponseDto> {
    const job = await this.dataSource.getRepository(JobEntity).findOneBy({ id });
    // Someone else's job answers as if it did not exist; an admin sees every job.
    if (!job || (actor.role !== 'admin' && job.createdBy !== actor.id)) throw notFound('Job', id);
    return toJobResponse(job);
  }

  /** Runs a job from its row; a job interrupted by a restart runs again from the start, counting anew. */
  private async execute(id: number): Promise<void> {
    const job = await this.dataSource.manager.findOneBy(JobEntity, { id });
    if (!job || job.status === 'DONE' || job.status === 'FAILED') return;
    const handler = this.handlers.get(job.kind);
    let lastSave = 0;
    const save = async (force = false) => {
      const now = this.clock.now();
      if (!force && now.getTime() - lastSave < SAVE_EVERY_MS) return;
      lastSave = now.getTime();
      const { status, done, failed, startedAt, finishedAt } = job;
      await this.transactions.run((manager) => manager.update(JobEntity, job.id, { status, done, failed, startedAt, finishedAt }));
    };
    try {
      if (!handler || !job.parameters || !job.actor) throw new Error('the job cannot be rebuilt: unknown kind or no parameters');
      job.status = 'RUNNING';
      job.startedAt ??= this.clock.now().toISOString();
      job.done = 0;
      job.failed = [];
      await save(true);
      await handler(
        { id: job.id, actor: job.actor, parameters: job.parameters as never },
        {
          step: async (failure) => {
            job.done++;
            if (failure) job.failed.push(failure);
            await save();
            // Let requests in between items: the work is CPU-bound.
            await nextTurn();
          },
        },
      );
      job.status = 'DONE';
    } catch (error) {
      this.logger.error(`Job ${job.id} (${job.kind}) failed: ${errorTrace(error)}`);
      job.status = 'FAILED';
    }
    job.finishedAt = this.clock.now().toISOString();
    await save(true).catch((error: unknown) => this.logger.error(`Job ${job.id}: could not save its end: ${String(error)}`));
  }
}
