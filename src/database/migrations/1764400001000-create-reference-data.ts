import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolColumn, dateColumn, idColumn, instantColumn, intColumn, jsonColumn, textColumn } from './columns';

export class CreateReferenceData1764400001000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'program',
        columns: [
          idColumn(),
          textColumn('code', 32),
          textColumn('name', 200),
          textColumn('funder', 16),
          intColumn('studyYears'),
          intColumn('educationFundFen'),
          intColumn('livingAllowanceFen'),
          intColumn('winterFareFen'),
          intColumn('educationFundInstallments'),
          intColumn('livingAllowanceInstallments'),
          jsonColumn('eligibleHomeCounties'),
          boolColumn('requirePovertyRegistration'),
          instantColumn('createdAt'),
        ],
        uniques: [{ name: 'UQ_program_code', columnNames: ['code'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cohort',
        columns: [
          idColumn(),
          intColumn('programId'),
          textColumn('name', 200),
          intColumn('intakeYear'),
          dateColumn('startDate'),
          instantColumn('createdAt'),
        ],
        foreignKeys: [{ columnNames: ['programId'], referencedTableName: 'program', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
        indices: [{ name: 'IDX_cohort_program', columnNames: ['programId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'major',
        columns: [
          idColumn(),
          intColumn('cohortId'),
          textColumn('code', 16),
          textColumn('name', 200),
          textColumn('institution', 200),
          intColumn('capacity'),
          { name: 'assigned', type: 'integer', default: 0 },
          { name: 'cutoffScore', type: 'double precision', isNullable: true },
          instantColumn('createdAt'),
        ],
        foreignKeys: [{ columnNames: ['cohortId'], referencedTableName: 'cohort', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
        indices: [{ name: 'IDX_major_cohort_code', columnNames: ['cohortId', 'code'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'enterprise',
        columns: [
          idColumn(),
          textColumn('name', 200),
          textColumn('creditCode', 18),
          textColumn('contactName', 64),
          textColumn('contactPhone', 32),
          instantColumn('createdAt'),
        ],
        uniques: [{ name: 'UQ_enterprise_credit_code', columnNames: ['creditCode'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'quota',
        columns: [
          idColumn(),
          intColumn('cohortId'),
          intColumn('enterpriseId'),
          textColumn('majorCode', 16),
          intColumn('seats'),
          { name: 'used', type: 'integer', default: 0 },
          instantColumn('createdAt'),
        ],
        foreignKeys: [
          { columnNames: ['cohortId'], referencedTableName: 'cohort', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['enterpriseId'], referencedTableName: 'enterprise', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        indices: [
          { name: 'IDX_quota_cohort_enterprise_major', columnNames: ['cohortId', 'enterpriseId', 'majorCode'], isUnique: true },
          { name: 'IDX_quota_enterprise', columnNames: ['enterpriseId'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['quota', 'enterprise', 'major', 'cohort', 'program']) await queryRunner.dropTable(table);
  }
}
