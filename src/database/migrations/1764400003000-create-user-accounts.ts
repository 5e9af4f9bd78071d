import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolColumn, idColumn, instantColumn, intColumn, textColumn } from './columns';

export class CreateUserAccounts1764400003000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'user_account',
        columns: [
          idColumn(),
          textColumn('username', 64),
          textColumn('passwordHash', 255),
          textColumn('role', 16),
          intColumn('enterpriseId', true),
          intColumn('studentId', true),
          boolColumn('mustChangePassword', false),
          instantColumn('createdAt'),
        ],
        uniques: [
          { name: 'UQ_user_username', columnNames: ['username'] },
          { name: 'UQ_user_student', columnNames: ['studentId'] },
        ],
        foreignKeys: [
          { columnNames: ['enterpriseId'], referencedTableName: 'enterprise', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['studentId'], referencedTableName: 'student', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('user_account');
  }
}
