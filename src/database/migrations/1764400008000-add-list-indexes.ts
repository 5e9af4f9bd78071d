import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// Each list filters on a few columns and orders by id: an index on (filter columns, id) lets both
// databases walk the matching rows already in order instead of sorting every match. SQLite appends
// the rowid to an index by itself; PostgreSQL needs the id named, so the filter indexes on student
// are replaced by the same columns followed by id.
const REPLACED: Array<{ table: string; old: TableIndex; next: TableIndex }> = [
  {
    table: 'student',
    old: new TableIndex({ name: 'IDX_student_cohort_status', columnNames: ['cohortId', 'status'] }),
    next: new TableIndex({ name: 'IDX_student_cohort_status_id', columnNames: ['cohortId', 'status', 'id'] }),
  },
  {
    table: 'student',
    old: new TableIndex({ name: 'IDX_student_cohort_major', columnNames: ['cohortId', 'majorCode'] }),
    next: new TableIndex({ name: 'IDX_student_cohort_major_id', columnNames: ['cohortId', 'majorCode', 'id'] }),
  },
  {
    table: 'student',
    old: new TableIndex({ name: 'IDX_student_cohort_county', columnNames: ['cohortId', 'homeCounty'] }),
    next: new TableIndex({ name: 'IDX_student_cohort_county_id', columnNames: ['cohortId', 'homeCounty', 'id'] }),
  },
  {
    table: 'audit_entry',
    old: new TableIndex({ name: 'IDX_audit_entity', columnNames: ['entityType', 'entityId'] }),
    next: new TableIndex({ name: 'IDX_audit_type_entity_id', columnNames: ['entityType', 'entityId', 'id'] }),
  },
  {
    table: 'audit_entry',
    old: new TableIndex({ name: 'IDX_audit_actor', columnNames: ['actorId'] }),
    next: new TableIndex({ name: 'IDX_audit_actor_id', columnNames: ['actorId', 'id'] }),
  },
];

const ADDED: Array<{ table: string; index: TableIndex }> = [
  // The unfiltered cohort list: the cohort's students in id order, the OFFSET counted on the index.
  { table: 'student', index: new TableIndex({ name: 'IDX_student_cohort_id', columnNames: ['cohortId', 'id'] }) },
  // `?entityType=student` alone matches most of a million rows: without this they are sorted per request.
  { table: 'audit_entry', index: new TableIndex({ name: 'IDX_audit_type_id', columnNames: ['entityType', 'id'] }) },
  { table: 'placement', index: new TableIndex({ name: 'IDX_placement_status_id', columnNames: ['status', 'id'] }) },
  { table: 'placement', index: new TableIndex({ name: 'IDX_placement_type_id', columnNames: ['type', 'id'] }) },
];

export class AddListIndexes1764400008000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, old, next } of REPLACED) {
      await queryRunner.createIndex(table, next);
      await queryRunner.dropIndex(table, old);
    }
    for (const { table, index } of ADDED) await queryRunner.createIndex(table, index);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, index } of [...ADDED].reverse()) await queryRunner.dropIndex(table, index);
    for (const { table, old, next } of [...REPLACED].reverse()) {
      await queryRunner.createIndex(table, old);
      await queryRunner.dropIndex(table, next);
    }
  }
}
