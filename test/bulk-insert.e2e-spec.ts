import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { bulkInsert } from '../src/common/bulk-insert';
import { createTestApp, TestApp } from './utils/test-app';

describe('bulkInsert (e2e, on the configured database)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('writes rows across several statements, binds nulls, and returns every inserted row', async () => {
    const columns = ['at', 'actorId', 'action', 'entityType', 'entityId', 'before', 'after'];
    const rows = Array.from({ length: 9000 }, (_, i) => [
      '2026-01-01T00:00:00.000Z',
      null,
      'probe',
      'bulk',
      i + 1,
      null,
      JSON.stringify({ n: i }),
    ]);
    const returned = await t.dataSource.transaction((manager) => bulkInsert(manager, 'audit_entry', columns, rows, ['id', 'entityId']));
    expect(returned).toHaveLength(9000);
    expect(new Set(returned.map((r) => Number(r.id))).size).toBe(9000);
    const saved = await t.dataSource.getRepository(AuditEntryEntity).find({ where: { entityType: 'bulk' }, order: { entityId: 'ASC' } });
    expect(saved).toHaveLength(9000);
    expect(saved[8999]).toMatchObject({ entityId: 9000, actorId: null, before: null, after: { n: 8999 } });
  });
});
