import { migrationHarness } from '../../../test/utils/migration-harness';
import { CreatePaymentBatches1764400013000 } from './1764400013000-create-payment-batches';

// Undone on a fully migrated database and run again: the tables and the column come and go whole.
describe('CreatePaymentBatches1764400013000', () => {
  const { db, run } = migrationHarness(new CreatePaymentBatches1764400013000());
  const tables = async () =>
    (
      await db().query(
        `SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" IN ('student_bank_account', 'payment_batch', 'payment_batch_line')`,
      )
    )
      .map((row: { name: string }) => row.name)
      .sort();
  const lineColumns = async () =>
    (await db().query(`PRAGMA table_info("disbursement_line")`)).map((column: { name: string }) => column.name);

  it('adds the bank tables and the line column, and takes them away again', async () => {
    expect(await tables()).toEqual(['payment_batch', 'payment_batch_line', 'student_bank_account']);
    expect(await lineColumns()).toContain('paymentBatchId');
    await run('down');
    expect(await tables()).toEqual([]);
    expect(await lineColumns()).not.toContain('paymentBatchId');
    await run('up');
    expect(await tables()).toEqual(['payment_batch', 'payment_batch_line', 'student_bank_account']);
  });

  it('keeps one bank account per student', async () => {
    const insert = () =>
      db().query(
        `INSERT INTO "student_bank_account" ("studentId", "bankName", "accountName", "accountNumberCipher", "accountNumberMasked", "updatedAt") VALUES (1, 'b', 'n', 'c', 'm', '2020-01-01T00:00:00.000Z')`,
      );
    // The student row does not matter here; only the index on studentId is under test.
    await db().query('PRAGMA foreign_keys = OFF');
    await insert();
    await expect(insert()).rejects.toThrow(/UNIQUE/);
  });
});
