import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { TransactionRunner } from '../src/common/transaction-runner';
import { createTestApp, TestApp } from './utils/test-app';

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

  it('goes on after a failed transaction', async () => {
    await expect(runner.run(() => Promise.reject(new Error('first')))).rejects.toThrow('first');
    await expect(runner.run(async () => 'second')).resolves.toBe('second');
  });
});
