import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { bindMarkers } from '../../common/sql';
import { dateColumn } from './columns';

const PAGE = 1000;

/**
 * The day a student applied, so a record can start in the past (issue 13). Existing rows get the APPLIED
 * date they already carry, not one computed from `createdAt`: dates written before the business time zone
 * existed were UTC dates, and recomputing them could put the application after a later status date.
 * - An APPLIED student: its statusEffectiveDate, which intake set to the day of application.
 * - Any other: the APPLIED date its first status change recorded in the audit trail (`before`), which every
 *   change made through the service writes; without a trail (a row written by a tool), its statusEffectiveDate,
 *   the earliest date the row knows, so the application never follows a later status.
 */
export class AddStudentApplicationDate1764400011000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('student', new TableColumn(dateColumn('applicationDate', true)));
    await queryRunner.query(`UPDATE "student" SET "applicationDate" = "statusEffectiveDate" WHERE "status" = 'APPLIED'`);
    await backfillFromAuditTrail(queryRunner);
    await queryRunner.query(`UPDATE "student" SET "applicationDate" = "statusEffectiveDate" WHERE "applicationDate" IS NULL`);
    await queryRunner.changeColumn('student', 'applicationDate', new TableColumn(dateColumn('applicationDate')));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('student', 'applicationDate');
  }
}

async function backfillFromAuditTrail(queryRunner: QueryRunner): Promise<void> {
  const manager = queryRunner.manager;
  for (let afterId = 0; ;) {
    const students: { id: number }[] = await queryRunner.query(
      `SELECT "id" FROM "student" WHERE "applicationDate" IS NULL AND "id" > ${bindMarkers(manager, 1)} ORDER BY "id" LIMIT ${PAGE}`,
      [afterId],
    );
    if (!students.length) return;
    const ids = students.map((s) => Number(s.id));
    afterId = ids[ids.length - 1];
    const entries: { entityId: number; before: string | null }[] = await queryRunner.query(
      `SELECT "entityId", "before" FROM "audit_entry" WHERE "entityType" = 'student' AND "action" = 'student.status-changed'
       AND "entityId" IN (${bindMarkers(manager, ids.length)}) ORDER BY "id"`,
      ids,
    );
    const studentsByDate = new Map<string, number[]>();
    const dated = new Set<number>();
    for (const entry of entries) {
      const id = Number(entry.entityId);
      const before = entry.before ? (JSON.parse(entry.before) as { status?: string; statusEffectiveDate?: string }) : null;
      if (dated.has(id) || before?.status !== 'APPLIED' || !before.statusEffectiveDate) continue;
      dated.add(id);
      const sameDay = studentsByDate.get(before.statusEffectiveDate);
      if (sameDay) sameDay.push(id);
      else studentsByDate.set(before.statusEffectiveDate, [id]);
    }
    for (const [date, dateIds] of studentsByDate) {
      await queryRunner.query(
        `UPDATE "student" SET "applicationDate" = ${bindMarkers(manager, 1)} WHERE "id" IN (${bindMarkers(manager, dateIds.length, 1)})`,
        [date, ...dateIds],
      );
    }
  }
}
