import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { dateColumn, idColumn, instantColumn, intColumn, textColumn } from './columns';

/**
 * The bank path of issue 16: a student's bank account (its number encrypted), payment batches of approved
 * lines and each line's place in a batch with the bank's result. A line held by a batch still waiting for the
 * bank's answer names it in `paymentBatchId`; the conditional UPDATE on that column keeps a line out of two.
 */
export class CreatePaymentBatches1764400013000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'student_bank_account',
        columns: [
          idColumn(),
          intColumn('studentId'),
          textColumn('bankName', 100),
          textColumn('accountName', 64),
          textColumn('accountNumberCipher', 200),
          textColumn('accountNumberMasked', 24),
          instantColumn('updatedAt'),
          intColumn('updatedBy', true),
        ],
        foreignKeys: [{ columnNames: ['studentId'], referencedTableName: 'student', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
        indices: [{ name: 'IDX_student_bank_account_student', columnNames: ['studentId'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'payment_batch',
        columns: [
          idColumn(),
          intColumn('cohortId', true),
          dateColumn('dueOnOrBefore'),
          textColumn('kind', 20, true),
          textColumn('status', 12),
          intColumn('lineCount'),
          { name: 'totalFen', type: 'bigint', isNullable: false },
          instantColumn('createdAt'),
          intColumn('createdBy', true),
          instantColumn('exportedAt', true),
          intColumn('exportedBy', true),
          textColumn('bankFileSha256', 64, true),
          textColumn('bankFileLayout', 40, true),
          instantColumn('reconciledAt', true),
        ],
        foreignKeys: [{ columnNames: ['cohortId'], referencedTableName: 'cohort', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
        indices: [{ name: 'IDX_payment_batch_status_id', columnNames: ['status', 'id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'payment_batch_line',
        columns: [
          idColumn(),
          intColumn('batchId'),
          intColumn('sequence'),
          intColumn('lineId'),
          intColumn('studentId'),
          intColumn('amountFen'),
          textColumn('bankName', 100),
          textColumn('accountName', 64),
          textColumn('accountNumberCipher', 200),
          textColumn('accountNumberMasked', 24),
          textColumn('result', 8, true),
          textColumn('failureReason', 200, true),
          textColumn('bankReference', 100, true),
          instantColumn('resultAt', true),
        ],
        foreignKeys: [
          { columnNames: ['batchId'], referencedTableName: 'payment_batch', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['lineId'], referencedTableName: 'disbursement_line', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        indices: [
          { name: 'IDX_payment_batch_line_sequence', columnNames: ['batchId', 'sequence'], isUnique: true },
          { name: 'IDX_payment_batch_line_line', columnNames: ['lineId'] },
        ],
      }),
    );
    await queryRunner.addColumn('disbursement_line', new TableColumn(intColumn('paymentBatchId', true)));
    await queryRunner.createIndex(
      'disbursement_line',
      new TableIndex({ name: 'IDX_disbursement_line_payment_batch', columnNames: ['paymentBatchId'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('disbursement_line', 'IDX_disbursement_line_payment_batch');
    await queryRunner.dropColumn('disbursement_line', 'paymentBatchId');
    await queryRunner.dropTable('payment_batch_line');
    await queryRunner.dropTable('payment_batch');
    await queryRunner.dropTable('student_bank_account');
  }
}
