import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { AuthUser } from '../src/common/auth/auth-user';
import { TransactionRunner } from '../src/common/transaction-runner';
import { JobsService } from '../src/jobs/jobs.service';
import { createTestApp, TestApp } from './utils/test-app';
import { fixtureHandle, guardWrites } from './utils/write-guard';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TransactionRunner (e2e, on the configured database)', () => {
  let t: TestApp;
  let runner: TransactionRunner;

  beforeAll(async () => {
    t = await createTestApp();
    runner = t.app.get(TransactionRunner);
  });
  afterAll(() => t.close());

  const row = (action: string) => ({
    at: '2026-01-01T00:00:00.000Z',
    actorId: null,
    action,
    entityType: 'probe',
    entityId: 1,
    before: null,
    after: null,
  });
  const actions = async () =>
    (await t.dataSource.getRepository(AuditEntryEntity).findBy({ entityType: 'probe' })).map((entry) => entry.action).sort();

  it("keeps one transaction's commit when another, open at the same time, rolls back", async () => {
    const committing = runner.run(async (manager) => {
      await manager.insert(AuditEntryEntity, row('kept'));
      await pause(30);
      await manager.insert(AuditEntryEntity, row('kept-too'));
    });
    const failing = runner.run(async (manager) => {
      await manager.insert(AuditEntryEntity, row('rolled-back'));
      await pause(10);
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await committing;
    expect(await actions()).toEqual(['kept', 'kept-too']);
  });

  it("keeps a job started while another request's transaction is open, when that transaction rolls back", async () => {
    const jobs = t.app.get(JobsService);
    const admin: AuthUser = { id: 1, username: 'admin', role: 'admin', enterpriseId: null, studentId: null };
    let started: Promise<number> | undefined;
    const failing = runner.run(async (manager) => {
      await manager.insert(AuditEntryEntity, row('rolled-back'));
      started = jobs.start(admin, 'AGREEMENTS:TRIPARTITE', 0, { cohortId: 999_999 });
      await pause(30);
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    const jobId = await (started as Promise<number>);
    expect(await jobs.get(admin, jobId)).toMatchObject({ id: jobId, kind: 'AGREEMENTS:TRIPARTITE' });
    expect(await actions()).not.toContain('rolled-back');
  });

  it('goes on after a failed transaction', async () => {
    await expect(runner.run(() => Promise.reject(new Error('first')))).rejects.toThrow('first');
    await expect(runner.run(async () => 'second')).resolves.toBe('second');
  });
});

describe('The write guard every end-to-end spec closes with', () => {
  it('records a write made outside TransactionRunner.run, and lets the runner and fixtures through', async () => {
    const dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [AuditEntryEntity],
      synchronize: true,
    }).initialize();
    try {
      const writes = guardWrites(dataSource);
      const entry = (action: string) => ({ at: '2026-01-01T00:00:00.000Z', action, entityType: 'probe', entityId: 1 });
      await new TransactionRunner(dataSource).run((manager) => manager.insert(AuditEntryEntity, entry('in the runner')));
      await fixtureHandle(dataSource).getRepository(AuditEntryEntity).insert(entry('a fixture'));
      expect(writes.outside).toEqual([]);
      await dataSource.getRepository(AuditEntryEntity).update({ action: 'a fixture' }, { action: 'outside' });
      expect(writes.outside).toHaveLength(1);
      expect(writes.outside[0]).toMatch(/^UPDATE "audit_entry"/);
    } finally {
      await dataSource.destroy();
    }
  });
});
