import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { withAdvisoryLock } from '../database/advisory-lock';
import { JobEntity } from './job.entity';
import { nextTurn } from '../common/next-turn';

/** Runs a job, found by its id in the job table. */
export type JobExecutor = (jobId: number) => Promise<void>;

/**
 * Hands jobs to a process that runs them. The job row is the truth about a job; the queue only decides
 * who runs it, and runs it again when the process that ran it died.
 */
export abstract class JobQueue {
  /** Called once at start-up, before any job is sent. */
  abstract start(execute: JobExecutor): Promise<void>;
  abstract send(jobId: number): Promise<void>;
  /** Lets the jobs this process runs finish, then stops taking new ones. */
  abstract stop(): Promise<void>;
}

/**
 * SQLite: one process owns the database file. Jobs run in this process; a job a crash left QUEUED or
 * RUNNING is run again at start-up.
 */
export class InProcessJobQueue extends JobQueue {
  private readonly logger = new Logger('Jobs');
  private execute: JobExecutor = () => Promise.reject(new Error('the job queue has not started'));
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async start(execute: JobExecutor): Promise<void> {
    this.execute = execute;
    const unfinished = await this.dataSource.manager.find(JobEntity, {
      select: { id: true },
      where: { status: In(['QUEUED', 'RUNNING']) },
      order: { id: 'ASC' },
    });
    for (const { id } of unfinished) await this.send(id);
  }

  async send(jobId: number): Promise<void> {
    const run = nextTurn()
      .then(() => this.execute(jobId))
      // It stays QUEUED or RUNNING and is taken up at the next start.
      .catch((error: unknown) => this.logger.error(`Job ${jobId} could not run: ${String(error)}`));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}

const QUEUE = 'jobs';
/** Taken while the queue is created: pg-boss's create_queue deadlocks when two instances run it at once. */
const CREATE_QUEUE_LOCK = 1_764_400_011;

/**
 * PostgreSQL: pg-boss keeps the queue in the database, so any instance takes up a job. A job whose
 * instance died is handed out again once it expires (JOB_EXPIRE_SECONDS after it started).
 */
export class PgBossJobQueue extends JobQueue {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly expireInSeconds: number;

  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    super();
    if (config.database.type !== 'postgres') throw new Error('PgBossJobQueue needs PostgreSQL');
    this.expireInSeconds = config.jobExpireSeconds;
    this.boss = new PgBoss({
      connectionString: config.database.url,
      max: 4,
      // Expired jobs are found by this sweep; one instance at a time runs it.
      maintenanceIntervalSeconds: Math.min(60, Math.max(1, Math.floor(this.expireInSeconds / 2))),
    });
    this.boss.on('error', (error: Error) => this.logger.error(`pg-boss: ${error.message}`));
  }

  async start(execute: JobExecutor): Promise<void> {
    await this.boss.start();
    await withAdvisoryLock(this.dataSource, CREATE_QUEUE_LOCK, () =>
      this.boss.createQueue(QUEUE, { name: QUEUE, expireInSeconds: this.expireInSeconds, retryLimit: 10, retryDelay: 0 }),
    );
    await this.boss.work<{ jobId: number }>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => execute(job.data.jobId));
  }

  async send(jobId: number): Promise<void> {
    await this.boss.send(QUEUE, { jobId });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 60_000 });
  }
}
