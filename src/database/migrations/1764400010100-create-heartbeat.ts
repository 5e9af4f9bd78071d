import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { instantColumn } from './columns';

/** One row that the health check updates: proof that the database still accepts writes. */
export class CreateHeartbeat1764400010100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({ name: 'heartbeat', columns: [{ name: 'id', type: 'integer', isPrimary: true }, instantColumn('beatAt')] }),
    );
    await queryRunner.manager
      .createQueryBuilder()
      .insert()
      .into('heartbeat')
      .values({ id: 1, beatAt: '1970-01-01T00:00:00.000Z' })
      .execute();
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('heartbeat');
  }
}
