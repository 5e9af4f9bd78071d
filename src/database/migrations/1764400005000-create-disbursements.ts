import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dateColumn, idColumn, instantColumn, intColumn, jsonColumn, textColumn } from './columns';

export class CreateDisbursements1764400005000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'disbursement_line',
        columns: [
          idColumn(),
          intColumn('studentId'),
          intColumn('cohortId'),
          textColumn('kind', 20),
          intColumn('studyYear'),
          intColumn('installment'),
          dateColumn('dueDate'),
          intColumn('amountFen'),
          textColumn('payer', 10),
          intColumn('payerEnterpriseId', true),
          textColumn('status', 10),
          textColumn('statusCause', 12, true),
          textColumn('statusReason', 500, true),
          dateColumn('statusEffectiveDate', true),
          instantColumn('statusChangedAt'),
          instantColumn('approvedAt', true),
          intColumn('approvedBy', true),
          instantColumn('paidAt', true),
          intColumn('paidBy', true),
          textColumn('reference', 100, true),
          instantColumn('createdAt'),
        ],
        foreignKeys: [
          { columnNames: ['studentId'], referencedTableName: 'student', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['cohortId'], referencedTableName: 'cohort', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['payerEnterpriseId'], referencedTableName: 'enterprise', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        indices: [
          // A schedule can never be created twice, whatever races past the service's own check.
          { name: 'IDX_disbursement_line_unique', columnNames: ['studentId', 'kind', 'studyYear', 'installment'], isUnique: true },
          { name: 'IDX_disbursement_line_cohort_status_due', columnNames: ['cohortId', 'status', 'dueDate'] },
          { name: 'IDX_disbursement_line_payer_enterprise', columnNames: ['payerEnterpriseId'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'disbursement_payment_key',
        columns: [
          idColumn(),
          intColumn('lineId'),
          textColumn('key', 128),
          textColumn('requestHash', 64),
          jsonColumn('response'),
          intColumn('actorId', true),
          instantColumn('createdAt'),
        ],
        foreignKeys: [
          { columnNames: ['lineId'], referencedTableName: 'disbursement_line', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        indices: [{ name: 'IDX_disbursement_payment_key_line_key', columnNames: ['lineId', 'key'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('disbursement_payment_key');
    await queryRunner.dropTable('disbursement_line');
  }
}
