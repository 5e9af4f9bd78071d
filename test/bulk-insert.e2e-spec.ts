import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { bulkInsert, InsertRow } from '../src/common/bulk-insert';
import { storedValueOf } from '../src/common/bulk-statements';
import { updateEach } from '../src/common/bulk-update';
import { ProgramEntity } from '../src/programs/program.entity';
import { DEFAULT_PROGRAM_POLICY } from '../src/programs/rules/program-policy';
import { createTestApp, TestApp } from './utils/test-app';

describe('bulkInsert and updateEach (e2e, on the configured database)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('writes more rows than one statement may bind, leaves omitted nullable columns NULL, and returns every row in order', async () => {
    // 10,000 rows × 7 columns = 70,000 parameters: over SQLite's 32,766 and PostgreSQL's 65,535 for one statement.
    const rows: InsertRow<AuditEntryEntity>[] = Array.from({ length: 10_000 }, (_, i) => ({
      at: '2026-01-01T00:00:00.000Z',
      action: 'probe',
      entityType: 'bulk',
      entityId: i + 1,
      after: { n: i },
    }));
    const returned = await t.dataSource.transaction((manager) => bulkInsert(manager, AuditEntryEntity, rows, ['id', 'entityId']));

    expect(returned).toHaveLength(10_000);
    expect(Object.keys(returned[0])).toEqual(['id', 'entityId']);
    expect(returned.map((r) => r.entityId)).toEqual(rows.map((r) => r.entityId));
    const saved = await t.dataSource.getRepository(AuditEntryEntity).find({ where: { entityType: 'bulk' }, order: { id: 'ASC' } });
    expect(saved).toHaveLength(10_000);
    expect(new Map(saved.map((s) => [s.id, s.entityId]))).toEqual(new Map(returned.map((r) => [r.id, r.entityId])));
    expect(saved.find((s) => s.entityId === 10_000)).toMatchObject({ actorId: null, before: null, after: { n: 9999 } });
  });

  it('stores every column of every entity as TypeORM would, including the ones it passes through unchanged', () => {
    const manager = t.dataSource.manager;
    const driver = t.dataSource.driver;
    const samples: unknown[] = [undefined, null, 0, 42, '', 'text', '2026-01-01', true, false, { a: [1] }, ['x']];
    for (const metadata of t.dataSource.entityMetadatas) {
      for (const column of metadata.columns) {
        const stored = storedValueOf(manager, column);
        for (const value of samples) {
          // Values a column's type cannot hold (an object in an integer column) are still passed on as TypeORM would.
          const expected = driver.preparePersistentValue(value ?? null, column);
          expect({
            column: `${metadata.tableName}.${column.propertyName}`,
            value,
            stored: stored({ [column.propertyName]: value }),
          }).toEqual({
            column: `${metadata.tableName}.${column.propertyName}`,
            value,
            stored: expected,
          });
        }
      }
    }
  });

  it('writes JSON and boolean columns through the entity’s own conversion, so they read back as they were given', async () => {
    const program = (code: string, requirePovertyRegistration: boolean, eligibleHomeCounties: string[]): InsertRow<ProgramEntity> => ({
      code,
      name: code,
      funder: 'ENTERPRISE',
      studyYears: 3,
      ...DEFAULT_PROGRAM_POLICY,
      eligibleHomeCounties,
      requirePovertyRegistration,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const returned = await t.dataSource.transaction((manager) =>
      bulkInsert(manager, ProgramEntity, [program('BULK-YES', true, ['织金县', '纳雍县']), program('BULK-NO', false, [])], ['id', 'code']),
    );

    expect(returned.map((r) => r.code)).toEqual(['BULK-YES', 'BULK-NO']);
    const saved = await t.dataSource
      .getRepository(ProgramEntity)
      .find({ where: returned.map((r) => ({ id: r.id })), order: { id: 'ASC' } });
    expect(
      saved.map(({ code, requirePovertyRegistration, eligibleHomeCounties }) => ({
        code,
        requirePovertyRegistration,
        eligibleHomeCounties,
      })),
    ).toEqual([
      { code: 'BULK-YES', requirePovertyRegistration: true, eligibleHomeCounties: ['织金县', '纳雍县'] },
      { code: 'BULK-NO', requirePovertyRegistration: false, eligibleHomeCounties: [] },
    ]);
  });

  it('keeps text that an array literal or a JSON text would have to escape exactly as given, inserted and updated', async () => {
    const awkward = ['a"b', 'back\\slash', 'comma, {brace}', 'NULL', '', 'line\nbreak\ttab', '织金县 𠀀 😀', "it's"];
    const rows: InsertRow<AuditEntryEntity>[] = awkward.map((text, i) => ({
      at: '2026-01-01T00:00:00.000Z',
      action: text,
      entityType: 'awkward',
      entityId: i,
      after: { text, nested: { quote: '"', list: [text, null] } },
    }));
    const ids = (await t.dataSource.transaction((manager) => bulkInsert(manager, AuditEntryEntity, rows, ['id']))).map((r) => r.id);
    const read = () => t.dataSource.getRepository(AuditEntryEntity).find({ where: { entityType: 'awkward' }, order: { id: 'ASC' } });
    expect((await read()).map((e) => [e.action, e.after])).toEqual(rows.map((r) => [r.action, r.after]));
    // Stored as TypeORM stores a JSON column: JSON.stringify's text, and NULL (not the JSON text null) for null.
    const stored = (await t.dataSource.query(
      `SELECT "after", "before" IS NULL AS "noBefore" FROM "audit_entry" WHERE "entityType" = 'awkward' ORDER BY "id"`,
    )) as { after: string; noBefore: boolean | number }[];
    expect(stored.map((r) => [r.after, Boolean(r.noBefore)])).toEqual(rows.map((r) => [JSON.stringify(r.after), true]));

    const reversed = [...awkward].reverse();
    await t.dataSource.transaction((manager) =>
      updateEach(
        manager,
        AuditEntryEntity,
        ['action', 'before'],
        ids.map((id, i) => ({ id, action: reversed[i], before: { was: awkward[i] } })),
      ),
    );
    expect((await read()).map((e) => [e.action, e.before])).toEqual(awkward.map((text, i) => [reversed[i], { was: text }]));
  });

  it('writes all the rows or none: a row the database refuses leaves no other row behind, even outside a transaction', async () => {
    const program = (code: string): InsertRow<ProgramEntity> => ({
      code,
      name: code,
      funder: 'ENTERPRISE',
      studyYears: 3,
      ...DEFAULT_PROGRAM_POLICY,
      eligibleHomeCounties: [],
      requirePovertyRegistration: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    await expect(bulkInsert(t.dataSource.manager, ProgramEntity, [program('ALL-OR-NONE'), program('ALL-OR-NONE')])).rejects.toThrow();
    expect(await t.dataSource.getRepository(ProgramEntity).countBy({ code: 'ALL-OR-NONE' })).toBe(0);
  });

  it('updateEach gives each row its own values in chunks past the parameter limit, only where the condition holds', async () => {
    const rows: InsertRow<AuditEntryEntity>[] = Array.from({ length: 12_000 }, (_, i) => ({
      at: '2026-01-01T00:00:00.000Z',
      action: 'before',
      entityType: 'each',
      entityId: i,
    }));
    const ids = (await t.dataSource.transaction((manager) => bulkInsert(manager, AuditEntryEntity, rows, ['id']))).map((r) => r.id);
    // 12,000 rows × 4 values: several statements. Odd rows are excluded by the condition; every third row gets a NULL actor.
    const changes = ids.map((id, i) => ({ id, action: `after-${i}`, actorId: i % 3 ? i : null, after: { i } }));
    const updated = await t.dataSource.transaction((manager) =>
      updateEach(manager, AuditEntryEntity, ['action', 'actorId', 'after'], changes, { sql: 'MOD(t."entityId", 2) = ?', params: [0] }),
    );

    expect(updated.sort((a, b) => a - b)).toEqual(ids.filter((_, i) => i % 2 === 0));
    const saved = await t.dataSource.getRepository(AuditEntryEntity).find({ where: { entityType: 'each' }, order: { id: 'ASC' } });
    expect(saved.slice(0, 4).map((s) => [s.action, s.actorId, s.after])).toEqual([
      ['after-0', null, { i: 0 }],
      ['before', null, null],
      ['after-2', 2, { i: 2 }],
      ['before', null, null],
    ]);
    expect(saved.filter((s) => s.action.startsWith('after-')).length).toBe(6_000);
    expect(saved[11_998]).toMatchObject({ action: 'after-11998', actorId: 11_998 });
  });
});
