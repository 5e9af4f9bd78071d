import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { boolColumn, intColumn } from './columns';

// What every request checks against its token or page session: a password change bumps tokenVersion,
// a page sign-out bumps sessionEpoch, an admin clears active. Defaults keep existing accounts open.
const COLUMNS = [
  new TableColumn({ ...intColumn('tokenVersion'), default: 0 }),
  new TableColumn({ ...intColumn('sessionEpoch'), default: 0 }),
  new TableColumn(boolColumn('active', true)),
];
const ROLE_INDEX = new TableIndex({ name: 'IDX_user_role_id', columnNames: ['role', 'id'] });

export class AddAccountState1764400009000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('user_account', COLUMNS);
    await queryRunner.createIndex('user_account', ROLE_INDEX);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('user_account', ROLE_INDEX);
    await queryRunner.dropColumns('user_account', COLUMNS);
  }
}
