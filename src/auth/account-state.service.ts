import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { bindMarkers, preparedRead } from '../common/sql';
import { AccountState } from './rules/account-check';

/**
 * How long an account's state is reused without reading it again. A change made on this instance is seen
 * at once here (it forgets the account); another instance sees it within this time.
 */
export const ACCOUNT_STATE_TTL_MS = 5_000;
const MAX_CACHED_ACCOUNTS = 10_000;

type StateRow = { id: number; tokenVersion: number; sessionEpoch: number; active: boolean | number };
type Waiting = { resolve: (state: AccountState | null) => void; reject: (error: unknown) => void }[];

/**
 * The account state every request checks, read by primary key and kept a few seconds per instance. On
 * PostgreSQL the reads that requests ask for in one turn of the event loop go to the database as one query
 * (a round trip per request was the larger part of the read path's cost beside a server that makes none).
 */
@Injectable()
export class AccountStateService {
  private readonly cache = new Map<number, { state: AccountState | null; until: number }>();
  /** Bumped by every forget(), so a read that started before a change cannot cache the old state after it. */
  private generation = 0;
  /** Written once: the service has one connection, so one dialect. */
  private readonly stateSql: string;
  private readonly batched: boolean;
  /** PostgreSQL: the accounts asked for since the last query went, each with the requests waiting for it. */
  private batch: Map<number, Waiting> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.batched = dataSource.options.type === 'postgres';
    const columns = `SELECT "id", "tokenVersion", "sessionEpoch", "active" FROM "user_account"`;
    this.stateSql = this.batched
      ? `${columns} WHERE "id" = ANY($1::int[])`
      : `${columns} WHERE "id" = ${bindMarkers(dataSource.manager, 1)}`;
  }

  async current(userId: number): Promise<AccountState | null> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(userId);
    if (cached && cached.until > now) return cached.state;
    const generation = this.generation;
    const state = this.batched ? await this.inNextBatch(userId) : toState((await this.read([userId]))[0]);
    if (generation === this.generation) {
      this.cache.delete(userId);
      if (this.cache.size >= MAX_CACHED_ACCOUNTS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(userId, { state, until: now + ACCOUNT_STATE_TTL_MS });
    }
    return state;
  }

  /** Called once a change to the account is committed. */
  forget(userId: number): void {
    this.generation++;
    this.cache.delete(userId);
  }

  private inNextBatch(userId: number): Promise<AccountState | null> {
    if (!this.batch) {
      const batch = (this.batch = new Map());
      setImmediate(() => {
        this.batch = null;
        void this.readBatch(batch);
      });
    }
    let waiting = this.batch.get(userId);
    if (!waiting) this.batch.set(userId, (waiting = []));
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  }

  private async readBatch(batch: Map<number, Waiting>): Promise<void> {
    try {
      const rows = new Map((await this.read([[...batch.keys()]])).map((row) => [Number(row.id), row]));
      for (const [id, waiting] of batch) for (const { resolve } of waiting) resolve(toState(rows.get(id)));
    } catch (error) {
      for (const waiting of batch.values()) for (const { reject } of waiting) reject(error);
    }
  }

  private read(parameters: unknown[]): Promise<StateRow[]> {
    return preparedRead<StateRow>(this.dataSource.manager, this.batched ? 'account-states' : 'account-state', this.stateSql, parameters);
  }
}

const toState = (row: StateRow | undefined): AccountState | null =>
  row ? { tokenVersion: Number(row.tokenVersion), sessionEpoch: Number(row.sessionEpoch), active: Boolean(row.active) } : null;
