import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { bulkInsert } from '../../src/common/bulk-insert';
import { buildSchedule } from '../../src/disbursements/rules/schedule';
import { DEFAULT_PROGRAM_POLICY } from '../../src/programs/rules/program-policy';
import { creditCode, nationalId } from '../factories/ids';
import { LINE_COLUMNS } from '../../src/disbursements/disbursements.repository';

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

const STUDENT_COLUMNS = [
  'cohortId',
  'fullName',
  'nationalId',
  'gender',
  'birthDate',
  'phone',
  'homeProvince',
  'homeCounty',
  'povertyRegistered',
  'examScore',
  'majorPreferences',
  'intendedEnterpriseId',
  'majorCode',
  'status',
  'statusEffectiveDate',
  'eligible',
  'ineligibleReasons',
  'createdAt',
  'updatedAt',
];
const USER_COLUMNS = ['username', 'passwordHash', 'role', 'enterpriseId', 'studentId', 'mustChangePassword', 'createdAt'];

/** Birth dates spread over days so that national IDs (3-digit sequence per date) stay unique up to 365,000 students. */
function birthDate(i: number): string {
  return new Date(Date.UTC(2004, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10);
}

const idsOf = (rows: Record<string, unknown>[]): number[] => rows.map((r) => Number(r.id));

async function referenceData(
  manager: EntityManager,
  cohorts: number,
): Promise<{ enterpriseIds: number[]; cohorts: { id: number; startDate: string }[] }> {
  const [program] = await bulkInsert(
    manager,
    'program',
    [
      'code',
      'name',
      'funder',
      'studyYears',
      'educationFundFen',
      'livingAllowanceFen',
      'winterFareFen',
      'educationFundInstallments',
      'livingAllowanceInstallments',
      'eligibleHomeCounties',
      'requirePovertyRegistration',
      'createdAt',
    ],
    [
      [
        'PROVINCE',
        '全省定向班',
        'ENTERPRISE',
        3,
        500000,
        500000,
        150000,
        1,
        1,
        '[]',
        manager.connection.options.type === 'postgres' ? true : 1,
        AT,
      ],
    ],
    ['id'],
  );
  const enterpriseIds = idsOf(
    await bulkInsert(
      manager,
      'enterprise',
      ['name', 'creditCode', 'contactName', 'contactPhone', 'createdAt'],
      Array.from({ length: ENTERPRISES }, (_, i) => [`全省合作企业${i}`, creditCode(900_000 + i), '联系人', '13800001234', AT]),
      ['id'],
    ),
  );
  // Intake years run back from 2024, so several years of cohorts are in school at once.
  const cohortRows = Array.from({ length: cohorts }, (_, i) => {
    const year = 2024 - (i % 6);
    return [Number(program.id), `${year}级第${i + 1}班`, year, `${year}-09-01`, AT];
  });
  const cohortIds = idsOf(
    await bulkInsert(manager, 'cohort', ['programId', 'name', 'intakeYear', 'startDate', 'createdAt'], cohortRows, ['id']),
  );
  await bulkInsert(
    manager,
    'major',
    ['cohortId', 'code', 'name', 'institution', 'capacity', 'assigned', 'cutoffScore', 'createdAt'],
    cohortIds.flatMap((cohortId) =>
      Array.from({ length: MAJORS_PER_COHORT }, (_, m) => [
        cohortId,
        `M0${m + 1}`,
        `专业${m + 1}`,
        '职业技术教育中心',
        STUDENTS_PER_COHORT,
        0,
        null,
        AT,
      ]),
    ),
  );
  return { enterpriseIds, cohorts: cohortIds.map((id, i) => ({ id, startDate: cohortRows[i][3] as string })) };
}

/**
 * The province at scale, written straight to a migrated, empty database with multi-row INSERTs: ENROLLED
 * students in cohorts of 5,000 with their full schedules (about 9 lines each over 3 years), and one
 * student account each. Every account shares one argon2 hash: hashing 100,000 passwords would take hours.
 */
export async function generateProvinceDataset(dataSource: DataSource, studentCount: number): Promise<ProvinceDataset> {
  const postgres = dataSource.options.type === 'postgres';
  const yes = postgres ? true : 1;
  const no = postgres ? false : 0;
  const passwordHash = await hashPassword(PROVINCE_PASSWORD);
  const { enterpriseIds, cohorts } = await dataSource.transaction((manager) =>
    referenceData(manager, Math.ceil(studentCount / STUDENTS_PER_COHORT)),
  );
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
      const studentIds = idsOf(
        await bulkInsert(
          manager,
          'student',
          STUDENT_COLUMNS,
          chunk.map(({ i, enterpriseId, major }) => [
            cohort.id,
            `学生${i}`,
            nationalId(i % 1000, birthDate(i).replace(/-/g, '')),
            i % 2 ? 'MALE' : 'FEMALE',
            birthDate(i),
            '13800001234',
            '贵州省',
            '织金县',
            yes,
            300 + (i % 300),
            JSON.stringify([major]),
            enterpriseId,
            major,
            'ENROLLED',
            cohort.startDate,
            yes,
            '[]',
            AT,
            AT,
          ]),
          ['id'],
        ),
      );
      const lineRows = studentIds.flatMap((studentId, k) =>
        buildSchedule(POLICY, cohort.startDate, chunk[k].enterpriseId).map((l) => [
          studentId,
          cohort.id,
          l.kind,
          l.studyYear,
          l.installment,
          l.dueDate,
          l.amountFen,
          l.payer,
          l.payerEnterpriseId,
          'SCHEDULED',
          AT,
          AT,
        ]),
      );
      await bulkInsert(manager, 'disbursement_line', LINE_COLUMNS, lineRows);
      lines += lineRows.length;
      const usernames = chunk.map(({ i }) => `s${i}`);
      const userIds = idsOf(
        await bulkInsert(
          manager,
          'user_account',
          USER_COLUMNS,
          studentIds.map((studentId, k) => [usernames[k], passwordHash, 'student', null, studentId, no, AT]),
          ['id'],
        ),
      );
      userIds.forEach((userId, k) => students.push({ userId, username: usernames[k], studentId: studentIds[k] }));
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { students, lines };
}
