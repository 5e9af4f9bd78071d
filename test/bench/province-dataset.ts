import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { UserEntity } from '../../src/auth/user.entity';
import { bulkInsert } from '../../src/common/bulk-insert';
import { DisbursementsRepository } from '../../src/disbursements/disbursements.repository';
import { buildSchedule } from '../../src/disbursements/rules/schedule';
import { EnterpriseEntity } from '../../src/enterprises/enterprise.entity';
import { CohortEntity } from '../../src/programs/cohort.entity';
import { MajorEntity } from '../../src/programs/major.entity';
import { ProgramEntity } from '../../src/programs/program.entity';
import { DEFAULT_PROGRAM_POLICY } from '../../src/programs/rules/program-policy';
import { StudentEntity } from '../../src/students/student.entity';
import { creditCode } from '../factories/ids';
import { benchStudent } from './bench-rows';

/** The province's shape: cohorts of this size, majors per cohort, enterprises sponsoring the students. */
const STUDENTS_PER_COHORT = 5_000;
const MAJORS_PER_COHORT = 4;
const ENTERPRISES = 50;
const POLICY = { ...DEFAULT_PROGRAM_POLICY, studyYears: 3 };
const AT = '2019-06-01T00:00:00.000Z';
/** Rows built and written per chunk: bounds the generator's memory whatever the student count. */
const CHUNK = 5_000;
export const PROVINCE_PASSWORD = 'province-student-password';

export interface ProvinceStudent {
  userId: number;
  username: string;
  studentId: number;
}

export interface ProvinceDataset {
  students: ProvinceStudent[];
  lines: number;
}

async function referenceData(
  manager: EntityManager,
  cohorts: number,
): Promise<{ enterpriseIds: number[]; cohorts: { id: number; startDate: string }[] }> {
  const [program] = await bulkInsert(
    manager,
    ProgramEntity,
    [
      {
        code: 'PROVINCE',
        name: '全省定向班',
        funder: 'ENTERPRISE',
        ...POLICY,
        eligibleHomeCounties: [],
        requirePovertyRegistration: true,
        createdAt: AT,
      },
    ],
    ['id'],
  );
  const enterprises = await bulkInsert(
    manager,
    EnterpriseEntity,
    Array.from({ length: ENTERPRISES }, (_, i) => ({
      name: `全省合作企业${i}`,
      creditCode: creditCode(900_000 + i),
      contactName: '联系人',
      contactPhone: '13800001234',
      createdAt: AT,
    })),
    ['id'],
  );
  // Intake years run back from 2024, so several years of cohorts are in school at once.
  const cohortRows = Array.from({ length: cohorts }, (_, i) => {
    const year = 2024 - (i % 6);
    return { programId: program.id, name: `${year}级第${i + 1}班`, intakeYear: year, startDate: `${year}-09-01`, createdAt: AT };
  });
  const savedCohorts = await bulkInsert(manager, CohortEntity, cohortRows, ['id']);
  await bulkInsert(
    manager,
    MajorEntity,
    savedCohorts.flatMap(({ id: cohortId }) =>
      Array.from({ length: MAJORS_PER_COHORT }, (_, m) => ({
        cohortId,
        code: `M0${m + 1}`,
        name: `专业${m + 1}`,
        institution: '职业技术教育中心',
        capacity: STUDENTS_PER_COHORT,
        assigned: 0,
        createdAt: AT,
      })),
    ),
  );
  return {
    enterpriseIds: enterprises.map(({ id }) => id),
    cohorts: savedCohorts.map(({ id }, i) => ({ id, startDate: cohortRows[i].startDate })),
  };
}

/**
 * The province at scale, written straight to a migrated, empty database with multi-row INSERTs: ENROLLED
 * students in cohorts of 5,000 with their full schedules (about 9 lines each over 3 years), and one
 * student account each. Every account shares one argon2 hash: hashing 100,000 passwords would take hours.
 */
export async function generateProvinceDataset(dataSource: DataSource, studentCount: number): Promise<ProvinceDataset> {
  const passwordHash = await hashPassword(PROVINCE_PASSWORD);
  const { enterpriseIds, cohorts } = await dataSource.transaction((manager) =>
    referenceData(manager, Math.ceil(studentCount / STUDENTS_PER_COHORT)),
  );
  const disbursements = new DisbursementsRepository();
  const students: ProvinceStudent[] = [];
  let lines = 0;
  for (let start = 0; start < studentCount; start += CHUNK) {
    const size = Math.min(CHUNK, studentCount - start);
    const cohort = cohorts[Math.floor(start / STUDENTS_PER_COHORT)];
    const chunk = Array.from({ length: size }, (_, k) => {
      const i = start + k;
      return { i, enterpriseId: enterpriseIds[i % ENTERPRISES], major: `M0${(i % MAJORS_PER_COHORT) + 1}` };
    });
    await dataSource.transaction(async (manager) => {
      const saved = await bulkInsert(
        manager,
        StudentEntity,
        chunk.map(({ i, enterpriseId, major }) =>
          benchStudent(cohort.id, i, {
            majorCode: major,
            intendedEnterpriseId: enterpriseId,
            status: 'ENROLLED',
            statusEffectiveDate: cohort.startDate,
          }),
        ),
        ['id'],
      );
      const studentIds = saved.map(({ id }) => id);
      const studentSchedules = studentIds.map((studentId, k) => ({
        studentId,
        cohortId: cohort.id,
        lines: buildSchedule(POLICY, cohort.startDate, chunk[k].enterpriseId),
      }));
      await disbursements.insertSchedules(manager, studentSchedules, AT);
      lines += studentSchedules.reduce((n, s) => n + s.lines.length, 0);
      const usernames = chunk.map(({ i }) => `s${i}`);
      const accounts = await bulkInsert(
        manager,
        UserEntity,
        studentIds.map((studentId, k) => ({
          username: usernames[k],
          passwordHash,
          role: 'student',
          studentId,
          mustChangePassword: false,
          createdAt: AT,
          tokenVersion: 0,
          sessionEpoch: 0,
          active: true,
        })),
        ['id'],
      );
      accounts.forEach(({ id: userId }, k) => students.push({ userId, username: usernames[k], studentId: studentIds[k] }));
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { students, lines };
}
