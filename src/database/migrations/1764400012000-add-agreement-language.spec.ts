import { saveCohortWithMajors } from '../../../test/factories/reference-data';
import { saveStudent } from '../../../test/factories/students';
import { migrationHarness } from '../../../test/utils/migration-harness';
import { AddAgreementLanguage1764400012000 } from './1764400012000-add-agreement-language';

// The migration is undone on a fully migrated database, an agreement is written as it stood before it, and it runs again.
describe('AddAgreementLanguage1764400012000', () => {
  const { db, run } = migrationHarness(new AddAgreementLanguage1764400012000());

  it('marks the agreements printed before it as bilingual, which they were, and makes the column required', async () => {
    const { cohort } = await saveCohortWithMajors(db());
    const student = await saveStudent(db(), cohort.id);
    await run('down');
    await db().query(
      `INSERT INTO "agreement" ("studentId", "cohortId", "kind", "version", "sha256", "verificationCode", "sizeBytes", "content", "createdAt")
       VALUES (?, ?, 'TRIPARTITE', 1, ?, 'K7QM2XPD9RTA', 3, x'255044', '2020-01-01T00:00:00.000Z')`,
      [student.id, cohort.id, 'a'.repeat(64)],
    );
    await run('up');
    expect(await db().query(`SELECT "language" FROM "agreement"`)).toEqual([{ language: 'bilingual' }]);
    await expect(
      db().query(
        `INSERT INTO "agreement" ("studentId", "cohortId", "kind", "version", "sha256", "verificationCode", "sizeBytes", "content", "createdAt")
         VALUES (?, ?, 'TRIPARTITE', 2, ?, 'K7QM2XPD9RTB', 3, x'255044', '2020-01-01T00:00:00.000Z')`,
        [student.id, cohort.id, 'b'.repeat(64)],
      ),
    ).rejects.toThrow(/NOT NULL/);
  });
});
