import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { textColumn } from './columns';

/**
 * The language an agreement was printed in (issue 15): Chinese only from now on unless asked. Every earlier
 * version carried an English line under each clause, so existing rows are 'bilingual'.
 */
export class AddAgreementLanguage1764400012000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('agreement', new TableColumn(textColumn('language', 16, true)));
    await queryRunner.query(`UPDATE "agreement" SET "language" = 'bilingual'`);
    await queryRunner.changeColumn('agreement', 'language', new TableColumn(textColumn('language', 16)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('agreement', 'language');
  }
}
