import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { intColumn, jsonColumn } from './columns';

/**
 * What a job was asked to do and for whom, so any instance can rebuild its work after a restart; and the
 * job that made each agreement, so a resumed job skips the students it already served.
 */
export class MakeJobsResumable1764400010000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('job', [new TableColumn(jsonColumn('parameters', true)), new TableColumn(jsonColumn('actor', true))]);
    await queryRunner.addColumn('agreement', new TableColumn(intColumn('jobId', true)));
    await queryRunner.createIndex(
      'agreement',
      new TableIndex({ name: 'IDX_agreement_job_student', columnNames: ['jobId', 'studentId'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('agreement', 'IDX_agreement_job_student');
    await queryRunner.dropColumn('agreement', 'jobId');
    await queryRunner.dropColumns('job', ['parameters', 'actor']);
  }
}
