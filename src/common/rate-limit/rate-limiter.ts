import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { Clock } from '../clock';
import { bindMarkers } from '../sql';
import { TransactionRunner } from '../transaction-runner';
import { RateLimitCounterEntity } from './rate-limit-counter.entity';
import { RateLimitedError } from './rate-limited.error';
import { isExhausted, secondsUntil, windowEnd, WindowCount } from './rules/fixed-window';

/** Ended windows are deleted at most this often per instance, by the next request that counts. */
const SWEEP_INTERVAL_MS = 60_000;

export interface KeyLimit {
  key: string;
  limit: number;
}

/**
 * Counts requests per key in fixed windows kept in the database, so every instance on one database
 * counts the same requests. Writes go through the TransactionRunner like every other write.
 */
@Injectable()
export class RateLimiter {
  private lastSweep = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Counts one request under the key and refuses it (429) when it is past the limit of its window. */
  async consume({ key, limit }: KeyLimit, windowMs: number, message: string): Promise<void> {
    const [counter] = await this.count([key], windowMs);
    if (counter.count > limit) throw new RateLimitedError(message, secondsUntil(counter.resetAt, this.clock.now()));
  }

  /** Refuses (429) when any of the keys has used up its limit, counting nothing. */
  async check(limits: readonly KeyLimit[], message: string): Promise<void> {
    const counters = await this.dataSource.getRepository(RateLimitCounterEntity).findBy({ key: In(limits.map((l) => l.key)) });
    const now = this.clock.now();
    const exhausted = counters.filter((c) => isExhausted(c, limits.find((l) => l.key === c.key)!.limit, now));
    if (exhausted.length) {
      const resetAt = exhausted.map((c) => c.resetAt).sort()[exhausted.length - 1];
      throw new RateLimitedError(message, secondsUntil(resetAt, now));
    }
  }

  /** Adds one to each key's count, opening a new window for a key whose last one has ended. */
  count(keys: readonly string[], windowMs: number): Promise<WindowCount[]> {
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      await this.sweep(manager, now);
      const [keyParam, resetAtParam, nowParam, nowAgainParam] = bindMarkers(manager, 4).split(', ');
      // One atomic statement on both databases: instances counting the same key at once never lose a request.
      const upsert = `INSERT INTO "rate_limit_counter" ("key", "count", "resetAt") VALUES (${keyParam}, 1, ${resetAtParam})
         ON CONFLICT ("key") DO UPDATE SET
           "count" = CASE WHEN "rate_limit_counter"."resetAt" <= ${nowParam} THEN 1 ELSE "rate_limit_counter"."count" + 1 END,
           "resetAt" = CASE WHEN "rate_limit_counter"."resetAt" <= ${nowAgainParam} THEN excluded."resetAt" ELSE "rate_limit_counter"."resetAt" END
         RETURNING "count", "resetAt"`;
      const counters: WindowCount[] = [];
      for (const key of keys) {
        const [row] = (await manager.query(upsert, [key, windowEnd(now, windowMs), now.toISOString(), now.toISOString()])) as WindowCount[];
        counters.push({ count: Number(row.count), resetAt: row.resetAt });
      }
      return counters;
    });
  }

  async clear(key: string): Promise<void> {
    await this.transactions.run((manager) => manager.delete(RateLimitCounterEntity, { key }));
  }

  private async sweep(manager: EntityManager, now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now.getTime();
    await manager.delete(RateLimitCounterEntity, { resetAt: LessThanOrEqual(now.toISOString()) });
  }
}
