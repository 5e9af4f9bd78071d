import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { idColumn, instantColumn, intColumn, jsonColumn, textColumn } from './columns';

export class CreateAuditEntries1764400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          idColumn(),
          instantColumn('at'),
          intColumn('actorId', true),
          textColumn('action', 64),
          textColumn('entityType', 32),
          intColumn('entityId'),
          jsonColumn('before', true),
          jsonColumn('after', true),
        ],
        indices: [
          { name: 'IDX_audit_entity', columnNames: ['entityType', 'entityId'] },
          { name: 'IDX_audit_actor', columnNames: ['actorId'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_entry');
  }
}
