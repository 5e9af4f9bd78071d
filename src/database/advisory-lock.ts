import { DataSource } from 'typeorm';

/**
 * Runs `work` while this process holds PostgreSQL's session-level advisory lock `key`: other processes
 * asking for the same key wait until it is done. For start-up steps that every instance runs and only one
 * at a time may (migrations, creating the job queue).
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await lock.release();
  }
}
