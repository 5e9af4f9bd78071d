import { DataSource } from 'typeorm';
import { parseNationalId } from '../../src/students/rules/national-id';
import { StudentEntity } from '../../src/students/student.entity';
import { nationalId } from './ids';

let sequence = 500;
const APPLIED_ON = '2019-06-01';

/** The fields of a valid student row; the national ID decides gender and birth date. */
export function studentRow(cohortId: number, overrides: Partial<StudentEntity> = {}): Partial<StudentEntity> {
  const id = overrides.nationalId ?? nationalId(++sequence);
  const facts = parseNationalId(id);
  if (!facts.valid) throw new Error(`test student with an invalid national ID ${id}`);
  return {
    cohortId,
    fullName: '张小燕',
    nationalId: id,
    gender: facts.facts.gender,
    birthDate: facts.facts.birthDate,
    phone: '13800001234',
    homeProvince: '贵州省',
    homeCounty: '织金县',
    povertyRegistered: true,
    examScore: 420.5,
    majorPreferences: ['M01'],
    intendedEnterpriseId: null,
    guardianName: null,
    guardianPhone: null,
    // Never after the current status took effect, as the service keeps it.
    applicationDate: [APPLIED_ON, overrides.statusEffectiveDate ?? APPLIED_ON].sort()[0],
    majorCode: null,
    status: 'APPLIED',
    statusReason: null,
    statusEffectiveDate: APPLIED_ON,
    eligible: true,
    ineligibleReasons: [],
    createdAt: '2019-06-01T00:00:00.000Z',
    updatedAt: '2019-06-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A student row written straight to the database, for tests that start from a given status. */
export function saveStudent(dataSource: DataSource, cohortId: number, overrides: Partial<StudentEntity> = {}): Promise<StudentEntity> {
  return dataSource.getRepository(StudentEntity).save(studentRow(cohortId, overrides) as StudentEntity);
}

/**
 * `count` students in one cohort, a few hundred per INSERT, for tests that need more rows than a page or
 * a chunk. IDs stay unique in the cohort by moving the birth date on every 1,000 students.
 */
export async function insertStudents(dataSource: DataSource, cohortId: number, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) =>
    studentRow(cohortId, { fullName: `学生${i}`, nationalId: nationalId(i % 1000, `200403${10 + Math.floor(i / 1000)}`) }),
  );
  for (let start = 0; start < rows.length; start += 200) {
    await dataSource.getRepository(StudentEntity).insert(rows.slice(start, start + 200));
  }
}
