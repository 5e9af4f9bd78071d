import { nationalId } from '../../../test/factories/ids';
import { saveCohortWithMajors } from '../../../test/factories/reference-data';
import { studentRow } from '../../../test/factories/students';
import { migrationHarness } from '../../../test/utils/migration-harness';
import { AddStudentApplicationDate1764400011000 } from './1764400011000-add-student-application-date';

// The migration is undone on a fully migrated database, rows are written as they stood before it, and it runs again.
describe('AddStudentApplicationDate1764400011000', () => {
  const { db, run } = migrationHarness(new AddStudentApplicationDate1764400011000());

  /** A student row as the table held it before the column existed. */
  const insertOldStudent = async (cohortId: number, status: string, statusEffectiveDate: string, n?: number): Promise<number> => {
    const id = n === undefined ? {} : { nationalId: nationalId(n % 1000, `200403${10 + Math.floor(n / 1000)}`) };
    const {
      applicationDate: _,
      majorPreferences,
      ineligibleReasons,
      ...row
    } = studentRow(cohortId, {
      status: status as never,
      statusEffectiveDate,
      ...id,
    });
    const values = { ...row, majorPreferences: JSON.stringify(majorPreferences), ineligibleReasons: JSON.stringify(ineligibleReasons) };
    const columns = Object.keys(values);
    await db().query(
      `INSERT INTO "student" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      Object.values(values).map((v) => (typeof v === 'boolean' ? Number(v) : v)),
    );
    return Number((await db().query('SELECT MAX(id) AS id FROM "student"'))[0].id);
  };
  const statusChange = (studentId: number, before: object) =>
    db().query(
      `INSERT INTO "audit_entry" ("at", "actorId", "action", "entityType", "entityId", "before", "after") VALUES (?, NULL, ?, 'student', ?, ?, '{}')`,
      ['2019-07-15T02:00:00.000Z', 'student.status-changed', studentId, JSON.stringify(before)],
    );
  const applicationDateOf = async (id: number): Promise<string | null> =>
    (await db().query('SELECT "applicationDate" FROM "student" WHERE id = ?', [id]))[0].applicationDate;

  it('gives every existing student the APPLIED date it already carries, and then allows no student without one', async () => {
    const { cohort } = await saveCohortWithMajors(db());
    await run('down');
    const applied = await insertOldStudent(cohort.id, 'APPLIED', '2019-04-10');
    const enrolled = await insertOldStudent(cohort.id, 'ENROLLED', '2019-09-01');
    await statusChange(enrolled, { status: 'APPLIED', statusReason: null, statusEffectiveDate: '2019-04-12', majorCode: null });
    await statusChange(enrolled, { status: 'ADMITTED', statusReason: null, statusEffectiveDate: '2019-07-15', majorCode: 'M01' });
    const withoutTrail = await insertOldStudent(cohort.id, 'ADMITTED', '2019-07-20');

    await run('up');

    expect(await applicationDateOf(applied)).toBe('2019-04-10');
    expect(await applicationDateOf(enrolled)).toBe('2019-04-12');
    expect(await applicationDateOf(withoutTrail)).toBe('2019-07-20');
    await expect(insertOldStudent(cohort.id, 'APPLIED', '2019-04-10')).rejects.toThrow(/NOT NULL/);
  });

  it('backfills more students than one page of the audit look-up', async () => {
    const { cohort } = await saveCohortWithMajors(db());
    await run('down');
    const ids: number[] = [];
    for (let i = 0; i < 1005; i++) ids.push(await insertOldStudent(cohort.id, 'ADMITTED', '2019-07-15', i));
    for (const id of ids) await statusChange(id, { status: 'APPLIED', statusEffectiveDate: '2019-05-01' });

    await run('up');

    const dates = await db().query('SELECT "applicationDate", COUNT(*) AS n FROM "student" GROUP BY "applicationDate"');
    expect(dates).toEqual([{ applicationDate: '2019-05-01', n: 1005 }]);
  });
});
