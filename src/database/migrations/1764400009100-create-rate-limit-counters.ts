import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { instantColumn, intColumn, textColumn } from './columns';

/** Throttle counters in the database, so every instance behind the balancer counts the same requests. */
export class CreateRateLimitCounters1764400009100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rate_limit_counter',
        columns: [{ ...textColumn('key', 200), isPrimary: true }, intColumn('count'), instantColumn('resetAt')],
        indices: [{ name: 'IDX_rate_limit_counter_reset', columnNames: ['resetAt'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limit_counter');
  }
}
