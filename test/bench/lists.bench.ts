import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { bulkInsert } from '../../src/common/bulk-insert';
import { QuotaEntity } from '../../src/enterprises/quota.entity';
import { PlacementEntity } from '../../src/placements/placement.entity';
import { BenchResult, summary } from './bench-table';
import { freshDatabase, startApp } from './bench-env';
import { generateProvinceDataset } from './province-dataset';

/** Students in the province dataset; PROVINCE_STUDENTS overrides it for a quicker or a larger run. */
const STUDENTS = Number(process.env.PROVINCE_STUDENTS ?? 100_000);
/** Audit entries per student: intake, import, admission, assignment, enrolment, schedules… about a million in all. */
const AUDIT_PER_STUDENT = 10;
/** One student in this many has a placement. */
const PLACED_EVERY = 4;
const RUNS = 30;
const PAGE_SIZE = 50;
const CHUNK = 5_000;
const AT = '2020-06-01T00:00:00.000Z';
const TARGET_MS = 100;

interface Captured {
  sql: string;
  parameters: unknown[];
}

const p95 = (times: number[]): number => [...times].sort((a, b) => a - b)[Math.ceil(times.length * 0.95) - 1];
const pause = () => new Promise((resolve) => setImmediate(resolve));

/** What the imports and enrolments leave behind: audit entries, quotas and placements for a share of the students. */
async function addHistory(dataSource: DataSource, studentIds: number[]): Promise<void> {
  const [cohorts, enterprises]: { id: number }[][] = await Promise.all([
    dataSource.query('SELECT "id" FROM "cohort" ORDER BY "id"'),
    dataSource.query('SELECT "id" FROM "enterprise" ORDER BY "id"'),
  ]);
  const quotas = await bulkInsert(
    dataSource.manager,
    QuotaEntity,
    cohorts.flatMap((c) =>
      enterprises.map((e) => ({ cohortId: c.id, enterpriseId: e.id, majorCode: 'M01', seats: 1000, used: 0, createdAt: AT })),
    ),
    ['id', 'cohortId', 'enterpriseId'],
  );
  const quotaOf = new Map(quotas.map((q) => [`${q.cohortId}/${q.enterpriseId}`, q.id]));
  const actions = ['student.created', 'student.imported', 'student.status_changed', 'student.major_assigned', 'student.status_changed'];
  for (let start = 0; start < studentIds.length; start += CHUNK) {
    const ids = studentIds.slice(start, start + CHUNK);
    const students: Array<{ id: number; cohortId: number; intendedEnterpriseId: number }> = await dataSource.query(
      `SELECT "id", "cohortId", "intendedEnterpriseId" FROM "student" WHERE "id" >= ${ids[0]} AND "id" <= ${ids[ids.length - 1]}`,
    );
    await dataSource.transaction(async (manager) => {
      await bulkInsert(
        manager,
        AuditEntryEntity,
        students.flatMap((s) =>
          Array.from({ length: AUDIT_PER_STUDENT }, (_, k) => ({
            at: AT,
            actorId: 1,
            ...(k < actions.length
              ? { action: actions[k], entityType: 'student', entityId: s.id, after: { id: s.id, status: 'ENROLLED' } }
              : {
                  action: 'disbursement.scheduled',
                  entityType: 'disbursement_line',
                  entityId: s.id * 10 + k,
                  after: { status: 'SCHEDULED' },
                }),
          })),
        ),
      );
      await bulkInsert(
        manager,
        PlacementEntity,
        students
          .filter((s) => s.id % PLACED_EVERY === 0)
          .map((s, k) => ({
            cohortId: s.cohortId,
            studentId: s.id,
            enterpriseId: s.intendedEnterpriseId,
            quotaId: quotaOf.get(`${s.cohortId}/${s.intendedEnterpriseId}`)!,
            holdsSeat: k % 2 === 0,
            majorCode: 'M01',
            type: k % 3 ? 'INTERNSHIP' : 'EMPLOYMENT',
            status: k % 2 ? 'CONFIRMED' : 'PROPOSED',
            startDate: '2021-07-01',
            createdAt: AT,
            updatedAt: AT,
          })),
      );
    });
    await pause();
  }
}

/** Every list endpoint, with each of its filters, as admin reads it. */
function listCases(cohortId: number, enterpriseId: number, studentId: number): Array<{ name: string; path: string; paged: boolean }> {
  const paged = (name: string, path: string) => ({ name, path, paged: true });
  const students = `/api/cohorts/${cohortId}/students`;
  return [
    paged('programs', '/api/programs'),
    paged('cohorts', '/api/cohorts'),
    paged('cohorts ?programId', '/api/cohorts?programId=1'),
    paged('enterprises', '/api/enterprises'),
    paged('enterprises ?q', `/api/enterprises?q=${encodeURIComponent('合作企业4')}`),
    paged('majors', `/api/cohorts/${cohortId}/majors`),
    paged('quotas', `/api/cohorts/${cohortId}/quotas`),
    paged('cohort students', students),
    paged('cohort students ?status', `${students}?status=ENROLLED`),
    paged('cohort students ?major', `${students}?major=M02`),
    paged('cohort students ?county', `${students}?county=${encodeURIComponent('织金县')}`),
    paged('cohort students ?q name', `${students}?q=${encodeURIComponent('学生9')}`),
    paged('cohort students ?q ID tail', `${students}?q=12`),
    paged('enterprise students', `/api/enterprises/${enterpriseId}/students`),
    paged('placements', '/api/placements'),
    paged('placements ?cohortId', `/api/placements?cohortId=${cohortId}`),
    paged('placements ?status', '/api/placements?status=CONFIRMED'),
    paged('placements ?type', '/api/placements?type=EMPLOYMENT'),
    paged('placements ?enterpriseId', `/api/placements?enterpriseId=${enterpriseId}`),
    paged('audit', '/api/audit'),
    paged('audit ?entityType', '/api/audit?entityType=student'),
    paged('audit ?entityType&entityId', `/api/audit?entityType=student&entityId=${studentId}`),
    paged('audit ?actorId', '/api/audit?actorId=1'),
    paged('student agreements', `/api/students/${studentId}/agreements`),
    { name: 'student disbursements', path: `/api/students/${studentId}/disbursements`, paged: false },
  ];
}

async function measure(kind: 'sqlite' | 'postgres', postgresUrl: string | undefined): Promise<BenchResult[]> {
  const db = await freshDatabase(kind, postgresUrl);
  let app: NestFastifyApplication | undefined;
  try {
    app = await startApp(db.database);
    const dataSource = app.get(DataSource);
    const started = Date.now();
    const dataset = await generateProvinceDataset(dataSource, STUDENTS);
    const studentIds = dataset.students.map((s) => s.studentId);
    await addHistory(dataSource, studentIds);
    if (kind === 'postgres') await dataSource.query('VACUUM ANALYZE');
    else await dataSource.query('ANALYZE');
    console.error(`  ${kind}: ${studentIds.length} students with history generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The SQL each request runs, captured from the app's own logger, is the baseline: the same statements straight to the driver.
    let captured: Captured[] | null = null;
    const logger = dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (sql, parameters, runner) => {
      if (captured && /^\s*SELECT/i.test(sql)) captured.push({ sql, parameters: (parameters as unknown[] | undefined) ?? [] });
      logQuery(sql, parameters, runner);
    };

    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'bench-admin-password' },
    });
    const authorization = `Bearer ${login.json().accessToken}`;
    const get = async (url: string) => {
      const response = await app!.inject({ method: 'GET', url, headers: { authorization } });
      if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
      return response;
    };

    const [student] = await dataSource.query('SELECT "id", "cohortId", "intendedEnterpriseId" FROM "student" ORDER BY "id" DESC LIMIT 1');
    const results: BenchResult[] = [];
    for (const { name, path, paged } of listCases(Number(student.cohortId), Number(student.intendedEnterpriseId), Number(student.id))) {
      const separator = path.includes('?') ? '&' : '?';
      const pageUrl = (page: number) => (paged ? `${path}${separator}page=${page}&pageSize=${PAGE_SIZE}` : path);
      const first = (await get(pageUrl(1))).json();
      const total = paged ? Number(first.total) : first.items.length;
      const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
      for (const [label, page] of paged
        ? ([
            ['page 1', 1],
            [`last page (${lastPage})`, lastPage],
          ] as const)
        : ([['whole list', 1]] as const)) {
        captured = [];
        await get(pageUrl(page));
        const statements: Captured[] = captured;
        captured = null;
        const system: number[] = [];
        const baseline: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          let start = process.hrtime.bigint();
          await get(pageUrl(page));
          system.push(Number(process.hrtime.bigint() - start) / 1e6);
          start = process.hrtime.bigint();
          for (const { sql, parameters } of statements) await dataSource.query(sql, parameters);
          baseline.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        const ms = p95(system);
        const raw = p95(baseline);
        results.push({
          benchmark: `lists (${kind})`,
          figure: `GET ${name}, ${label} of ${total.toLocaleString('en-US')}, p95 of ${RUNS}`,
          unit: 'ms',
          system: ms,
          baseline: raw,
          systemSpread: summary(system).spread,
          baselineSpread: summary(baseline).spread,
          ratio: raw > 0 ? ms / raw : null,
          target: `< ${TARGET_MS} ms p95`,
          met: ms < TARGET_MS,
          unmet:
            raw > ms * 0.7
              ? `the same SQL alone takes ${Math.round(raw)} ms p95 in the same run: the database's own work` +
                (/audit/.test(name) ? ', the exact COUNT over the audit rows among it' : '')
              : undefined,
        });
      }
    }
    return results;
  } finally {
    await app?.close();
    await db.dispose();
  }
}

/**
 * Every list endpoint at province scale (100,000 students, about a million audit entries), page 1 and
 * the last page, through the real app in-process; the baseline replays the SQL the app ran, with the driver.
 */
export async function listsBenchmark(_script: string, postgresUrl: string | undefined): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const kind of postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    results.push(...(await measure(kind, postgresUrl)));
  }
  return results;
}
