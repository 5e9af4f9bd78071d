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

/** The account state every request checks, read by primary key and kept a few seconds per instance. */
@Injectable()
export class AccountStateService {
  private readonly cache = new Map<number, { state: AccountState | null; until: number }>();
  /** Bumped by every forget(), so a read that started before a change cannot cache the old state after it. */
  private generation = 0;
  /** Written once: the service has one connection, so one dialect. */
  private readonly stateSql: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.stateSql = `SELECT "tokenVersion", "sessionEpoch", "active" FROM "user_account" WHERE "id" = ${bindMarkers(dataSource.manager, 1)}`;
  }

  async current(userId: number): Promise<AccountState | null> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(userId);
    if (cached && cached.until > now) return cached.state;
    const generation = this.generation;
    const rows = await preparedRead<{ tokenVersion: number; sessionEpoch: number; active: boolean | number }>(
      this.dataSource.manager,
      'account-state',
      this.stateSql,
      [userId],
    );
    const state = rows[0]
      ? { tokenVersion: Number(rows[0].tokenVersion), sessionEpoch: Number(rows[0].sessionEpoch), active: Boolean(rows[0].active) }
      : null;
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
}
