import { DataSource } from 'typeorm';
import { SystemClock } from '../../src/common/clock';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/database/entities';
import { enterpriseBody, majorBody, programBody, studentBody, cohortBody } from '../factories/bodies';
import { ADMIN, TEST_BANK_ACCOUNT_KEY, testConfig } from '../utils/test-app';
import { Answer, call, Instance, startInstance, stopInstance, waitForHealth } from './instances';

/**
 * Two service processes on one PostgreSQL database, every request of a race split between them: the
 * invariants that a single process guards with its own transaction queue must hold across processes.
 * Run by `npm run test:multi-instance` (after `nest build`), never by `npm test`.
 */
const PORTS = [3901, 3902];
const STUDENTS = 24;
const SEATS = { M01: 8, M02: 8 };
// Three study years with one installment of each fund and a fare every winter.
const LINES_PER_STUDENT = 9;
// Status changes may not predate the intake, which the services stamp with the real clock's business date.
const TODAY = new SystemClock().today();
const PAID_AT = new Date(Date.now() - 60_000).toISOString();

describe('two instances on one PostgreSQL', () => {
  let instances: Instance[] = [];
  let db: DataSource;
  let admin: string;
  let cohortId: number;
  let studentIds: number[];
  const answers: Array<Answer & { what: string }> = [];

  /** Request i of a race goes to instance i % 2. */
  const on = (i: number) => instances[i % instances.length];
  const record = async (what: string, pending: Promise<Answer>): Promise<Answer> => {
    const answer = await pending;
    answers.push({ ...answer, what });
    return answer;
  };
  const statuses = (list: Answer[]) => list.map((a) => a.status).sort();
  const countBy = async (sql: string, params: unknown[] = []): Promise<Map<number, number>> =>
    new Map((await db.query(sql, params)).map((row: { id: number; n: string }) => [Number(row.id), Number(row.n)]));

  beforeAll(async () => {
    const config = testConfig();
    if (config.database.type !== 'postgres') {
      throw new Error('test:multi-instance needs TEST_DATABASE_URL=postgres://... (a database of its own)');
    }
    db = await new DataSource(dataSourceOptions(config.database)).initialize();
    await db.runMigrations({ transaction: 'each' });
    const tables = ENTITIES.map((entity) => `"${db.getMetadata(entity).tableName}"`).join(', ');
    await db.query(`TRUNCATE TABLE ${tables} RESTART IDENTITY CASCADE`);

    const env = {
      DATABASE_URL: process.env.TEST_DATABASE_URL as string,
      JWT_SECRET: config.jwtSecret,
      BANK_ACCOUNT_KEY: TEST_BANK_ACCOUNT_KEY,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    };
    // Both start at once, as in a rolling deployment: the first admin must be created only once.
    instances = PORTS.map((port) => startInstance(port, env));
    await Promise.all(instances.map((instance) => waitForHealth(instance)));

    const login = await call(instances[0], 'POST', '/api/auth/login', { body: ADMIN });
    expect(login.status).toBe(200);
    admin = login.body.accessToken;
  });

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    if (db?.isInitialized) await db.destroy();
  });

  afterEach(() => {
    const failures = answers.filter((a) => a.status >= 500);
    if (failures.length > 0) {
      const logs = instances.map((i) => i.output.join('')).join('\n');
      throw new Error(`server errors: ${JSON.stringify(failures)}\n${logs}`);
    }
  });

  it('accepts one token on both instances and created one admin', async () => {
    const me = await Promise.all(instances.map((instance) => call(instance, 'GET', '/api/auth/me', { token: admin })));
    expect(statuses(me)).toEqual([200, 200]);
    const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM "user_account" WHERE "role" = 'admin'`);
    expect(Number(n)).toBe(1);
  });

  it('sets up a cohort of admitted students through both instances', async () => {
    const program = await call(instances[0], 'POST', '/api/programs', { token: admin, body: programBody() });
    expect(program.status).toBe(201);
    const cohort = await call(instances[1], 'POST', '/api/cohorts', { token: admin, body: cohortBody(program.body.id) });
    expect(cohort.status).toBe(201);
    cohortId = cohort.body.id;
    for (const [code, capacity] of Object.entries(SEATS)) {
      const major = await call(instances[0], 'POST', `/api/cohorts/${cohortId}/majors`, {
        token: admin,
        body: majorBody({ code, capacity }),
      });
      expect(major.status).toBe(201);
    }
    const created = await Promise.all(
      Array.from({ length: STUDENTS }, (_, i) =>
        record(
          'intake',
          call(on(i), 'POST', `/api/cohorts/${cohortId}/students`, {
            token: admin,
            body: studentBody({ fullName: `学生${i}`, examScore: 380 + i, majorPreferences: ['M01', 'M02'] }),
          }),
        ),
      ),
    );
    expect(created.filter((a) => a.status !== 201)).toEqual([]);
    studentIds = created.map((a) => a.body.id);
    const admitted = await Promise.all(
      studentIds.map((id, i) =>
        record('admit', call(on(i), 'POST', `/api/students/${id}/status`, { token: admin, body: { status: 'ADMITTED' } })),
      ),
    );
    expect(admitted.filter((a) => a.status !== 200)).toEqual([]);
  });

  it('never over-fills a major when both instances run the assignment at once', async () => {
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        record('assignment', call(on(i), 'POST', `/api/cohorts/${cohortId}/major-assignment`, { token: admin, body: {} })),
      ),
    );
    expect(runs.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);

    const perMajor = await db.query(
      `SELECT "majorCode" AS code, COUNT(*) AS n FROM "student" WHERE "cohortId" = $1 AND "majorCode" IS NOT NULL GROUP BY "majorCode"`,
      [cohortId],
    );
    const assigned = Object.fromEntries(perMajor.map((row: { code: string; n: string }) => [row.code, Number(row.n)]));
    expect(assigned).toEqual(SEATS);
    const majors = await call(instances[1], 'GET', `/api/cohorts/${cohortId}/majors`, { token: admin });
    for (const major of majors.body.items ?? majors.body) {
      expect(major.assigned).toBe(assigned[major.code]);
      expect(major.assigned).toBeLessThanOrEqual(major.capacity);
    }
  });

  it('gives every student exactly one schedule when enrolments race on both instances', async () => {
    const withMajor: number[] = (
      await db.query(`SELECT "id" FROM "student" WHERE "cohortId" = $1 AND "majorCode" IS NOT NULL`, [cohortId])
    ).map((row: { id: number }) => row.id);
    const race = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) =>
        record('enrol', call(on(i), 'POST', `/api/cohorts/${cohortId}/enrol`, { token: admin, body: { effectiveDate: TODAY } })),
      ),
      ...withMajor.map((id, i) =>
        record(
          'status ENROLLED',
          call(on(i + 1), 'POST', `/api/students/${id}/status`, { token: admin, body: { status: 'ENROLLED', effectiveDate: TODAY } }),
        ),
      ),
    ]);
    expect(race.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);

    const enrolled = await db.query(`SELECT COUNT(*) AS n FROM "student" WHERE "cohortId" = $1 AND "status" = 'ENROLLED'`, [cohortId]);
    expect(Number(enrolled[0].n)).toBe(withMajor.length);
    const lines = await countBy(
      `SELECT "studentId" AS id, COUNT(*) AS n FROM "disbursement_line" WHERE "cohortId" = $1 GROUP BY "studentId"`,
      [cohortId],
    );
    expect([...lines.keys()].sort((a, b) => a - b)).toEqual([...withMajor].sort((a, b) => a - b));
    expect([...lines.values()]).toEqual(withMajor.map(() => LINES_PER_STUDENT));
  });

  it('pays each line once when payments with different keys race on both instances', async () => {
    const approve = await call(instances[0], 'POST', `/api/cohorts/${cohortId}/disbursements/approve-due`, {
      token: admin,
      body: { dueOnOrBefore: '2019-12-31' },
    });
    expect(approve.status).toBe(200);
    const lineIds: number[] = (
      await db.query(`SELECT "id" FROM "disbursement_line" WHERE "cohortId" = $1 AND "status" = 'APPROVED' ORDER BY "id"`, [cohortId])
    ).map((row: { id: number }) => row.id);
    expect(lineIds.length).toBeGreaterThan(0);

    const attempts = 6;
    const race = await Promise.all(
      lineIds.flatMap((lineId) =>
        Array.from({ length: attempts }, (_, i) =>
          record(
            'pay',
            call(on(i), 'POST', `/api/disbursements/${lineId}/pay`, {
              token: admin,
              headers: { 'Idempotency-Key': `race-${lineId}-${i}` },
              body: { paidAt: PAID_AT, reference: `ICBC-${lineId}-${i}` },
            }),
          ).then((answer) => ({ lineId, answer })),
        ),
      ),
    );
    for (const lineId of lineIds) {
      const mine = race.filter((r) => r.lineId === lineId).map((r) => r.answer.status);
      expect({ lineId, statuses: mine.sort() }).toEqual({ lineId, statuses: [200, ...Array(attempts - 1).fill(409)] });
    }

    const paid = await countBy(
      `SELECT "id" AS id, COUNT(*) AS n FROM "disbursement_line" WHERE "id" = ANY($1) AND "status" = 'PAID' AND "paidAt" IS NOT NULL GROUP BY "id"`,
      [lineIds],
    );
    expect(paid.size).toBe(lineIds.length);
    const audited = await countBy(
      `SELECT "entityId" AS id, COUNT(*) AS n FROM "audit_entry" WHERE "action" = 'disbursement.paid' AND "entityId" = ANY($1) GROUP BY "entityId"`,
      [lineIds],
    );
    expect(lineIds.map((id) => audited.get(id))).toEqual(lineIds.map(() => 1));
  });

  it('answers one payment to the same key replayed on both instances at once', async () => {
    const approve = await call(instances[1], 'POST', `/api/cohorts/${cohortId}/disbursements/approve-due`, {
      token: admin,
      body: { dueOnOrBefore: '2020-12-31' },
    });
    expect(approve.status).toBe(200);
    const lineIds: number[] = (
      await db.query(`SELECT "id" FROM "disbursement_line" WHERE "cohortId" = $1 AND "status" = 'APPROVED' ORDER BY "id"`, [cohortId])
    ).map((row: { id: number }) => row.id);
    expect(lineIds.length).toBeGreaterThan(0);

    const race = await Promise.all(
      lineIds.flatMap((lineId) =>
        Array.from({ length: 4 }, (_, i) =>
          record(
            'pay again',
            call(on(i), 'POST', `/api/disbursements/${lineId}/pay`, {
              token: admin,
              headers: { 'Idempotency-Key': `replay-${lineId}` },
              body: { paidAt: PAID_AT, reference: `ICBC-${lineId}` },
            }),
          ),
        ),
      ),
    );
    expect(race.filter((a) => a.status !== 200)).toEqual([]);
    for (const lineId of lineIds) {
      const bodies = race.filter((a) => a.body.id === lineId).map((a) => a.body);
      expect(bodies).toHaveLength(4);
      expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    }
    const audited = await countBy(
      `SELECT "entityId" AS id, COUNT(*) AS n FROM "audit_entry" WHERE "action" = 'disbursement.paid' AND "entityId" = ANY($1) GROUP BY "entityId"`,
      [lineIds],
    );
    expect(lineIds.map((id) => audited.get(id))).toEqual(lineIds.map(() => 1));
  });

  it('never fills a quota past its seats when proposals, placements and decisions race', async () => {
    const enterprises: number[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await call(on(i), 'POST', '/api/enterprises', { token: admin, body: enterpriseBody() });
      expect(created.status).toBe(201);
      enterprises.push(created.body.id);
    }
    for (const [enterpriseId, majorCode, seats] of [
      [enterprises[0], 'M01', 3],
      [enterprises[1], 'M01', 2],
      [enterprises[1], 'M02', 2],
    ] as const) {
      const quota = await call(instances[0], 'POST', `/api/cohorts/${cohortId}/quotas`, {
        token: admin,
        body: { enterpriseId, majorCode, seats },
      });
      expect(quota.status).toBe(201);
    }
    const enrolled: number[] = (
      await db.query(`SELECT "id" FROM "student" WHERE "cohortId" = $1 AND "status" = 'ENROLLED' ORDER BY "id"`, [cohortId])
    ).map((row: { id: number }) => row.id);

    const propose = (i: number) =>
      record('propose', call(on(i), 'POST', `/api/cohorts/${cohortId}/internships/propose`, { token: admin, body: { startDate: TODAY } }));
    const place = (studentId: number, i: number) =>
      record(
        'place',
        call(on(i), 'POST', '/api/placements', {
          token: admin,
          body: { studentId, enterpriseId: enterprises[i % 2], type: 'INTERNSHIP', startDate: TODAY },
        }),
      );
    const first = await Promise.all([...[0, 1, 2, 3].map(propose), ...enrolled.map((id, i) => place(id, i))]);
    expect(first.filter((a) => ![200, 201, 409].includes(a.status))).toEqual([]);
    await expectQuotasConsistent();

    // Confirm and decline the same proposals from different instances: one decision wins each.
    const open = (await db.query(`SELECT "id" FROM "placement" WHERE "cohortId" = $1 AND "status" = 'PROPOSED'`, [cohortId])).map(
      (row: { id: number }) => row.id,
    );
    expect(open.length).toBeGreaterThan(0);
    const decisions = await Promise.all(
      open.flatMap((id: number, i: number) => [
        record('confirm', call(on(i), 'POST', `/api/placements/${id}/confirm`, { token: admin, body: { position: '数控车工' } })),
        record('decline', call(on(i + 1), 'POST', `/api/placements/${id}/decline`, { token: admin, body: { reason: '岗位已满' } })),
      ]),
    );
    expect(statuses(decisions)).toEqual([...Array(open.length).fill(200), ...Array(open.length).fill(409)]);
    await expectQuotasConsistent();

    // Freed seats are taken again by a second race, never beyond the seats.
    const second = await Promise.all([...[0, 1].map(propose), ...enrolled.map((id, i) => place(id, i))]);
    expect(second.filter((a) => ![200, 201, 409].includes(a.status))).toEqual([]);
    await expectQuotasConsistent();
    const full = await db.query(`SELECT SUM("seats") AS seats, SUM("used") AS used FROM "quota" WHERE "cohortId" = $1`, [cohortId]);
    expect(Number(full[0].used)).toBe(Number(full[0].seats));
  });

  async function expectQuotasConsistent(): Promise<void> {
    const quotas = await db.query(
      `SELECT q."id", q."seats", q."used",
              (SELECT COUNT(*) FROM "placement" p
                WHERE p."quotaId" = q."id" AND p."holdsSeat" AND p."status" IN ('PROPOSED', 'CONFIRMED')) AS holding
         FROM "quota" q WHERE q."cohortId" = $1`,
      [cohortId],
    );
    for (const quota of quotas) {
      expect({ id: quota.id, used: quota.used, holding: Number(quota.holding) }).toEqual({
        id: quota.id,
        used: quota.used,
        holding: quota.used,
      });
      expect(quota.used).toBeLessThanOrEqual(quota.seats);
    }
    const doubles = await db.query(
      `SELECT "studentId", COUNT(*) AS n FROM "placement" WHERE "cohortId" = $1 AND "type" = 'INTERNSHIP' AND "status" IN ('PROPOSED', 'CONFIRMED')
        GROUP BY "studentId" HAVING COUNT(*) > 1`,
      [cohortId],
    );
    expect(doubles).toEqual([]);
  }
});
