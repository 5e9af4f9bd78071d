import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolColumn, dateColumn, idColumn, instantColumn, intColumn, jsonColumn, textColumn } from './columns';

export class CreateStudents1764400002000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'student',
        columns: [
          idColumn(),
          intColumn('cohortId'),
          textColumn('fullName', 64),
          textColumn('nationalId', 18),
          textColumn('gender', 6),
          dateColumn('birthDate'),
          textColumn('phone', 32),
          textColumn('homeProvince', 32),
          textColumn('homeCounty', 32),
          boolColumn('povertyRegistered'),
          { name: 'examScore', type: 'double precision' },
          jsonColumn('majorPreferences'),
          intColumn('intendedEnterpriseId', true),
          textColumn('guardianName', 64, true),
          textColumn('guardianPhone', 32, true),
          textColumn('majorCode', 16, true),
          textColumn('status', 16),
          textColumn('statusReason', 500, true),
          dateColumn('statusEffectiveDate'),
          boolColumn('eligible'),
          jsonColumn('ineligibleReasons'),
          instantColumn('createdAt'),
          instantColumn('updatedAt'),
        ],
        foreignKeys: [
          { columnNames: ['cohortId'], referencedTableName: 'cohort', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['intendedEnterpriseId'], referencedTableName: 'enterprise', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        indices: [
          { name: 'IDX_student_cohort_national_id', columnNames: ['cohortId', 'nationalId'], isUnique: true },
          { name: 'IDX_student_cohort_status', columnNames: ['cohortId', 'status'] },
          { name: 'IDX_student_cohort_major', columnNames: ['cohortId', 'majorCode'] },
          { name: 'IDX_student_cohort_county', columnNames: ['cohortId', 'homeCounty'] },
          { name: 'IDX_student_intended_enterprise', columnNames: ['intendedEnterpriseId'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('student');
  }
}
