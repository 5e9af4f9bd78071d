import Database from 'better-sqlite3';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { bulkInsert } from '../../src/common/bulk-insert';
import { DatabaseConfig } from '../../src/config/app-config';
import { CohortEnrolmentService } from '../../src/disbursements/cohort-enrolment.service';
import { buildSchedule } from '../../src/disbursements/rules/schedule';
import { DEFAULT_PROGRAM_POLICY } from '../../src/programs/rules/program-policy';
import { saveCohortWithMajors } from '../factories/reference-data';
import { nationalId } from '../factories/ids';
import { BenchResult, medianMs, timed } from './bench-table';
import { freshDatabase, migrate, startApp } from './bench-env';
import { LINE_COLUMNS } from '../../src/disbursements/disbursements.repository';

const STUDENTS = 20_000;
const RUNS = 3;
const START_DATE = '2019-09-01';
const POLICY = { ...DEFAULT_PROGRAM_POLICY, studyYears: 3 };
const LINES_PER_STUDENT = buildSchedule(POLICY, START_DATE, null).length;

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
  'majorCode',
  'status',
  'statusEffectiveDate',
  'eligible',
  'ineligibleReasons',
  'createdAt',
  'updatedAt',
];

/** ADMITTED students with a major, as the major assignment leaves them (IDs unique up to 31,000); `yes` is how the driver binds true. */
function admittedStudents(cohortId: number, yes: 1 | true): unknown[][] {
  const at = '2019-07-01T00:00:00.000Z';
  return Array.from({ length: STUDENTS }, (_, i) => [
    cohortId,
    `学生${i}`,
    nationalId(i % 1000, `200401${String(1 + Math.floor(i / 1000)).padStart(2, '0')}`),
    'MALE',
    '2004-01-01',
    '13800001234',
    '贵州省',
    '织金县',
    yes,
    400,
    '["M01"]',
    'M01',
    'ADMITTED',
    '2019-07-01',
    yes,
    '[]',
    at,
    at,
  ]);
}

/** The cohort's enrolment as staff run it: through CohortEnrolmentService on a fresh database. Returns milliseconds. */
async function enrolThroughService(database: DatabaseConfig): Promise<number> {
  const app = await startApp(database);
  try {
    const dataSource = app.get(DataSource);
    const { cohort } = await saveCohortWithMajors(dataSource, { majors: [{ code: 'M01', capacity: STUDENTS }] });
    const yes = database.type === 'postgres' ? true : 1;
    await dataSource.transaction((manager) => bulkInsert(manager, 'student', STUDENT_COLUMNS, admittedStudents(cohort.id, yes)));
    const { ms, value } = await timed(() => app.get(CohortEnrolmentService).enrol(null, cohort.id, START_DATE));
    const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM disbursement_line`);
    if (value.enrolled !== STUDENTS || Number(n) !== STUDENTS * LINES_PER_STUDENT)
      throw new Error(`enrolled ${value.enrolled}, ${n} lines`);
    return ms;
  } finally {
    await app.close();
  }
}

/** The same schedule lines, built before the clock starts: the baseline times the inserts alone. */
function scheduleLines(cohortId: number, studentIds: number[]): unknown[][] {
  const now = new Date().toISOString();
  const schedule = buildSchedule(POLICY, START_DATE, null);
  return studentIds.flatMap((id) =>
    schedule.map((l) => [
      id,
      cohortId,
      l.kind,
      l.studyYear,
      l.installment,
      l.dueDate,
      l.amountFen,
      l.payer,
      l.payerEnterpriseId,
      'SCHEDULED',
      now,
      now,
    ]),
  );
}

const PROGRAM_SQL = `INSERT INTO program ("code","name","funder","studyYears","educationFundFen","livingAllowanceFen","winterFareFen","educationFundInstallments","livingAllowanceInstallments","eligibleHomeCounties","requirePovertyRegistration","createdAt") VALUES ('B','B','ENTERPRISE',3,500000,500000,150000,1,1,'[]',TRUE,'2019-01-01T00:00:00.000Z')`;
const COHORT_SQL = (programId: number) =>
  `INSERT INTO cohort ("programId","name","intakeYear","startDate","createdAt") VALUES (${programId},'B',2019,'${START_DATE}','2019-01-01T00:00:00.000Z')`;
const markers = (n: number, dollar: boolean) => Array.from({ length: n }, (_, i) => (dollar ? `$${i + 1}` : '?')).join(', ');
const insertSql = (table: string, columns: readonly string[], dollar: boolean) =>
  `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${markers(columns.length, dollar)})`;

/** Baseline: the lines alone, inserted by the raw driver with one prepared statement in one transaction. */
async function rawInsert(database: DatabaseConfig): Promise<number> {
  await migrate(database);
  if (database.type === 'sqlite') {
    const db = new Database(database.path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    try {
      const cohortId = db.prepare(COHORT_SQL(db.prepare(PROGRAM_SQL).run().lastInsertRowid as number)).run().lastInsertRowid as number;
      const student = db.prepare(insertSql('student', STUDENT_COLUMNS, false));
      const studentIds = db.transaction(() => admittedStudents(cohortId, 1).map((row) => student.run(...row).lastInsertRowid as number))();
      const lines = scheduleLines(cohortId, studentIds);
      const statement = db.prepare(insertSql('disbursement_line', LINE_COLUMNS, false));
      const { ms } = await timed(async () => {
        db.exec('BEGIN');
        for (const line of lines) statement.run(...line);
        db.exec('COMMIT');
      });
      return ms;
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const program = await client.query(`${PROGRAM_SQL} RETURNING id`);
    const cohortId = (await client.query(`${COHORT_SQL(program.rows[0].id)} RETURNING id`)).rows[0].id as number;
    const studentIds: number[] = [];
    await client.query('BEGIN');
    for (const row of admittedStudents(cohortId, true)) {
      studentIds.push(
        (await client.query({ name: 'student', text: `${insertSql('student', STUDENT_COLUMNS, true)} RETURNING id`, values: row })).rows[0]
          .id,
      );
    }
    await client.query('COMMIT');
    const lines = scheduleLines(cohortId, studentIds);
    const { ms } = await timed(async () => {
      await client.query('BEGIN');
      for (const line of lines)
        await client.query({ name: 'line', text: insertSql('disbursement_line', LINE_COLUMNS, true), values: line });
      await client.query('COMMIT');
    });
    return ms;
  } finally {
    await client.end();
  }
}

export async function schedulesBenchmark(_script: string, postgresUrl: string | undefined): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const lines = STUDENTS * LINES_PER_STUDENT;
  for (const kind of postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    const onFreshDatabase = async (work: (database: DatabaseConfig) => Promise<number>): Promise<number> => {
      const db = await freshDatabase(kind, postgresUrl);
      try {
        return await work(db.database);
      } finally {
        await db.dispose();
      }
    };
    const systemMs = await medianMs(RUNS, () => onFreshDatabase(enrolThroughService));
    const baselineMs = await medianMs(RUNS, () => onFreshDatabase(rawInsert));
    const ratio = systemMs / baselineMs;
    results.push({
      benchmark: `schedules (${kind})`,
      figure: `enrol ${STUDENTS.toLocaleString('en-US')} students (${lines.toLocaleString('en-US')} lines), lines/s`,
      unit: 'lines/s',
      system: (lines / systemMs) * 1000,
      baseline: (lines / baselineMs) * 1000,
      ratio,
      target: kind === 'sqlite' ? 'time ≤ 3× baseline' : 'none set',
      met: kind === 'sqlite' ? ratio <= 3 : null,
    });
  }
  return results;
}
