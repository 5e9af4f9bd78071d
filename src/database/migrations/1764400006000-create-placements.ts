import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolColumn, dateColumn, idColumn, instantColumn, intColumn, textColumn } from './columns';

export class CreatePlacements1764400006000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'placement',
        columns: [
          idColumn(),
          intColumn('cohortId'),
          intColumn('studentId'),
          intColumn('enterpriseId'),
          intColumn('quotaId'),
          boolColumn('holdsSeat'),
          textColumn('majorCode', 16),
          textColumn('type', 16),
          textColumn('status', 16),
          dateColumn('startDate'),
          textColumn('position', 100, true),
          textColumn('supervisorName', 64, true),
          intColumn('monthlySalaryFen', true),
          textColumn('declineReason', 500, true),
          instantColumn('decidedAt', true),
          instantColumn('createdAt'),
          instantColumn('updatedAt'),
        ],
        foreignKeys: [
          { columnNames: ['cohortId'], referencedTableName: 'cohort', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['studentId'], referencedTableName: 'student', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['enterpriseId'], referencedTableName: 'enterprise', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['quotaId'], referencedTableName: 'quota', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        indices: [
          // One open placement of each type per student, even when two requests race past the service's check.
          {
            name: 'IDX_placement_open_student_type',
            columnNames: ['studentId', 'type'],
            isUnique: true,
            where: `"status" IN ('PROPOSED', 'CONFIRMED')`,
          },
          { name: 'IDX_placement_cohort_status', columnNames: ['cohortId', 'status'] },
          { name: 'IDX_placement_enterprise_status', columnNames: ['enterpriseId', 'status'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('placement');
  }
}
