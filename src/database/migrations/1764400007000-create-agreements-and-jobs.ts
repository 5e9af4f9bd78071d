import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { idColumn, instantColumn, intColumn, jsonColumn, textColumn } from './columns';

export class CreateAgreementsAndJobs1764400007000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const bytes = queryRunner.connection.options.type === 'postgres' ? 'bytea' : 'blob';
    await queryRunner.createTable(
      new Table({
        name: 'agreement',
        columns: [
          idColumn(),
          intColumn('studentId'),
          intColumn('cohortId'),
          intColumn('enterpriseId', true),
          textColumn('kind', 32),
          intColumn('version'),
          textColumn('sha256', 64),
          textColumn('verificationCode', 16),
          intColumn('sizeBytes'),
          { name: 'content', type: bytes },
          intColumn('createdBy', true),
          instantColumn('createdAt'),
        ],
        foreignKeys: [
          { columnNames: ['studentId'], referencedTableName: 'student', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['cohortId'], referencedTableName: 'cohort', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['enterpriseId'], referencedTableName: 'enterprise', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        indices: [
          { name: 'IDX_agreement_student_kind_version', columnNames: ['studentId', 'kind', 'version'], isUnique: true },
          { name: 'IDX_agreement_sha256', columnNames: ['sha256'], isUnique: true },
          { name: 'IDX_agreement_verification_code', columnNames: ['verificationCode'], isUnique: true },
          { name: 'IDX_agreement_enterprise', columnNames: ['enterpriseId'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'job',
        columns: [
          idColumn(),
          textColumn('kind', 64),
          textColumn('status', 16),
          intColumn('done'),
          intColumn('total'),
          jsonColumn('failed'),
          intColumn('createdBy', true),
          instantColumn('createdAt'),
          instantColumn('startedAt', true),
          instantColumn('finishedAt', true),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job');
    await queryRunner.dropTable('agreement');
  }
}
