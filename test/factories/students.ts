import { DataSource } from 'typeorm';
import { parseNationalId } from '../../src/students/rules/national-id';
import { StudentEntity } from '../../src/students/student.entity';
import { nationalId } from './ids';

let sequence = 500;

/** A student row written straight to the database, for tests that start from a given status. */
export function saveStudent(dataSource: DataSource, cohortId: number, overrides: Partial<StudentEntity> = {}): Promise<StudentEntity> {
  const id = overrides.nationalId ?? nationalId(++sequence);
  const facts = parseNationalId(id);
  if (!facts.valid) throw new Error(`test student with an invalid national ID ${id}`);
  return dataSource.getRepository(StudentEntity).save({
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
    majorCode: null,
    status: 'APPLIED',
    statusReason: null,
    statusEffectiveDate: '2019-06-01',
    eligible: true,
    ineligibleReasons: [],
    createdAt: '2019-06-01T00:00:00.000Z',
    updatedAt: '2019-06-01T00:00:00.000Z',
    ...overrides,
  });
}
