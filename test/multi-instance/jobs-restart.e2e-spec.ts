import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { cohortBody, majorBody, programBody, studentBody } from '../factories/bodies';
import { ADMIN, TEST_BANK_ACCOUNT_KEY, testConfig } from '../utils/test-app';
import { createDatabase, dropDatabase } from './databases';
import { call, Instance, startInstance, stopInstance, waitForHealth } from './instances';

/**
 * The process running a cohort agreements job is killed (SIGKILL: no shutdown hook runs) part-way;
 * once a process runs again on the same database, the job ends DONE and no student has two versions.
 * SQLite resumes the job at start-up; on PostgreSQL pg-boss hands it out again when it expires.
 */
const PORT = 3911;
const STUDENTS = 80;
const WITHOUT_MAJOR = 3;
// pg-boss gives an unfinished job to a worker again this long after it started; the test waits for it.
const JOB_EXPIRE_SECONDS = 15;

const databases: Array<[string, () => Promise<{ url: string; remove: () => Promise<void> }>]> = [
  [
    'SQLite (a file)',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'tec-jobs-'));
      return { url: `sqlite:${join(folder, 'tec.sqlite')}`, remove: async () => rmSync(folder, { recursive: true, force: true }) };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      if (!process.env.TEST_DATABASE_URL?.startsWith('postgres')) throw new Error('needs TEST_DATABASE_URL=postgres://...');
      const url = await createDatabase(process.env.TEST_DATABASE_URL, 'jobs');
      return { url, remove: () => dropDatabase(url) };
    },
  ],
];

describe.each(databases)('a cohort agreements job whose process is killed, on %s', (_name, makeDatabase) => {
  let database: { url: string; remove: () => Promise<void> };
  let instance: Instance | undefined;
  let env: Record<string, string>;
  let admin: string;

  const start = async () => {
    instance = startInstance(PORT, env);
    await waitForHealth(instance);
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const answer = await call(instance as Instance, method, path, { token: admin, body });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  beforeAll(async () => {
    database = await makeDatabase();
    env = {
      DATABASE_URL: database.url,
      JWT_SECRET: testConfig().jwtSecret,
      BANK_ACCOUNT_KEY: TEST_BANK_ACCOUNT_KEY,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      JOB_EXPIRE_SECONDS: String(JOB_EXPIRE_SECONDS),
    };
    await start();
    admin = (await call(instance as Instance, 'POST', '/api/auth/login', { body: ADMIN })).body.accessToken;
  });

  afterAll(async () => {
    if (instance) await stopInstance(instance);
    await database?.remove();
  });

  it('ends DONE after a restart, with exactly one agreement per student from the job', async () => {
    const program = await api('POST', '/api/programs', programBody());
    const cohort = await api('POST', '/api/cohorts', cohortBody(program.id));
    await api('POST', `/api/cohorts/${cohort.id}/majors`, majorBody({ code: 'M01', capacity: STUDENTS }));
    const students: number[] = [];
    for (let i = 0; i < STUDENTS; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, STUDENTS - i) }, () => api('POST', `/api/cohorts/${cohort.id}/students`, studentBody())),
      );
      students.push(...batch.map((student) => student.id as number));
    }
    const withMajor = students.slice(WITHOUT_MAJOR);
    for (let i = 0; i < withMajor.length; i += 10) {
      await Promise.all(withMajor.slice(i, i + 10).map((id) => api('POST', `/api/students/${id}/status`, { status: 'ADMITTED' })));
    }
    await api('POST', `/api/cohorts/${cohort.id}/major-assignment`, {});

    const { jobId } = await api('POST', `/api/cohorts/${cohort.id}/agreements`, { kind: 'TRIPARTITE' });
    for (;;) {
      const job = await api('GET', `/api/jobs/${jobId}`);
      if (job.status !== 'QUEUED' && job.status !== 'RUNNING') throw new Error(`the job ended before the kill: ${JSON.stringify(job)}`);
      if (job.done > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const killed = new Promise((resolve) => instance?.process.once('exit', resolve));
    instance?.process.kill('SIGKILL');
    await killed;

    const before = await agreementsByStudent(jobId);
    expect(before.size).toBeGreaterThan(0);
    expect(before.size).toBeLessThan(withMajor.length);

    await start();
    admin = (await call(instance as Instance, 'POST', '/api/auth/login', { body: ADMIN })).body.accessToken;
    const deadline = Date.now() + (JOB_EXPIRE_SECONDS + 90) * 1000;
    let job;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      job = await api('GET', `/api/jobs/${jobId}`);
    } while ((job.status === 'QUEUED' || job.status === 'RUNNING') && Date.now() < deadline);

    expect(job).toMatchObject({ status: 'DONE', done: STUDENTS, total: STUDENTS });
    expect(job.failed.map((failure: { studentId: number }) => failure.studentId).sort()).toEqual(students.slice(0, WITHOUT_MAJOR).sort());
    const after = await agreementsByStudent(jobId);
    expect([...after.keys()].sort()).toEqual([...withMajor].sort());
    expect([...after.values()]).toEqual(withMajor.map(() => ({ versions: 1, fromJob: 1 })));
    // What was made before the kill was kept, not made again.
    for (const [studentId, made] of before) expect(after.get(studentId)).toEqual(made);
  });

  /** Per student: how many TRIPARTITE versions exist, and how many of them the job made. */
  async function agreementsByStudent(jobId: number): Promise<Map<number, { versions: number; fromJob: number }>> {
    const dataSource = await new DataSource(dataSourceOptions(parseDatabaseUrl(database.url))).initialize();
    try {
      const rows: { studentId: number; versions: string; fromJob: string }[] = await dataSource.query(
        `SELECT "studentId", COUNT(*) AS versions, SUM(CASE WHEN "jobId" = ${Number(jobId)} THEN 1 ELSE 0 END) AS "fromJob"
           FROM "agreement" WHERE "kind" = 'TRIPARTITE' GROUP BY "studentId"`,
      );
      return new Map(rows.map((row) => [Number(row.studentId), { versions: Number(row.versions), fromJob: Number(row.fromJob) }]));
    } finally {
      await dataSource.destroy();
    }
  }
});
