import { CohortSetup, saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { bearer, createTestApp, fieldsOf, loginAdmin, signInAs, TestApp } from './utils/test-app';

type Line = Record<string, any> & { id: number; studentId: number; kind: string; status: string; amountFen: number };

const FARE_FEN = 150000;
const PAID_AT = '2019-12-20T08:30:00Z';

describe('Enterprise fares paid several at once: POST /api/enterprise/fares/pay (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let setup: CohortSetup;
  let enterpriseId: number;
  let otherEnterpriseId: number;
  let enterprise: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    staff = await signInAs(t, 'staff');
    setup = await saveCohortWithMajors(t.dataSource);
    enterpriseId = (await saveEnterprise(t.dataSource)).id;
    otherEnterpriseId = (await saveEnterprise(t.dataSource)).id;
    enterprise = await signInAs(t, 'enterprise', { enterpriseId });
  }, 30_000);
  afterAll(() => t.close());

  /** An enrolled student's schedule: three winter fares (2020, 2021, 2022), paid by `payer` unless none. */
  const enrolled = async (payer: number | null = enterpriseId): Promise<Line[]> => {
    const student = await saveStudent(t.dataSource, setup.cohort.id, {
      status: 'ADMITTED',
      majorCode: 'M01',
      intendedEnterpriseId: payer,
      statusEffectiveDate: '2019-07-01',
    });
    await t
      .http()
      .post(`/api/students/${student.id}/status`)
      .set(bearer(staff))
      .send({ status: 'ENROLLED', effectiveDate: '2019-09-01' })
      .expect(200);
    return (await t.http().get(`/api/students/${student.id}/disbursements`).set(bearer(admin)).expect(200)).body.items as Line[];
  };
  /** The first-year fare of `count` new students of the enterprise. */
  const fares = async (count: number, payer: number | null = enterpriseId): Promise<Line[]> => {
    const lines: Line[] = [];
    for (let i = 0; i < count; i++) lines.push((await enrolled(payer)).find((l) => l.kind === 'WINTER_FARE')!);
    return lines;
  };
  const payFares = (body: Record<string, unknown>, options: { key?: string; token?: string } = {}) => {
    const req = t
      .http()
      .post('/api/enterprise/fares/pay')
      .set(bearer(options.token ?? enterprise));
    return (options.key === undefined ? req : req.set('Idempotency-Key', options.key)).send(body);
  };
  const payOne = (lineId: number, key: string, body: Record<string, unknown>) =>
    t.http().post(`/api/disbursements/${lineId}/pay`).set(bearer(enterprise)).set('Idempotency-Key', key).send(body);
  /** Each line as the database has it now, read back through the API. */
  const readBack = async (lines: Line[]): Promise<Line[]> => {
    const read: Line[] = [];
    for (const line of lines) {
      const { items } = (await t.http().get(`/api/students/${line.studentId}/disbursements`).set(bearer(admin)).expect(200)).body as {
        items: Line[];
      };
      read.push(items.find((l) => l.id === line.id)!);
    }
    return read;
  };
  const paidEntries = async (lineId: number) =>
    (
      (await t.http().get(`/api/audit?entityType=disbursement&entityId=${lineId}`).set(bearer(admin)).expect(200)).body.items as Array<
        Record<string, any>
      >
    ).filter((e) => e.action === 'disbursement.paid');
  const ids = (lines: Line[]) => lines.map((l) => l.id);

  it('pays several fares with one transfer and answers each line, their count and their total', async () => {
    const lines = await fares(3);
    const res = await payFares({ lineIds: ids(lines).reverse(), paidAt: PAID_AT, reference: ' ICBC-2019-12-20 ' }).expect(200);
    expect(res.body).toEqual({
      items: ids(lines).map((id) =>
        expect.objectContaining({
          id,
          kind: 'WINTER_FARE',
          payer: 'ENTERPRISE',
          payerEnterpriseId: enterpriseId,
          status: 'PAID',
          paidAt: '2019-12-20T08:30:00.000Z',
          reference: 'ICBC-2019-12-20',
        }),
      ),
      count: 3,
      totalFen: 3 * FARE_FEN,
    });
    expect((await readBack(lines)).map((l) => [l.status, l.reference])).toEqual(Array(3).fill(['PAID', 'ICBC-2019-12-20']));
    for (const line of lines) {
      expect(await paidEntries(line.id)).toEqual([
        expect.objectContaining({ before: { status: 'SCHEDULED' }, after: expect.objectContaining({ status: 'PAID' }) }),
      ]);
    }
  });

  it('pays a line named twice once, and counts it once', async () => {
    const [a, b] = await fares(2);
    const res = await payFares({ lineIds: [a.id, b.id, a.id], paidAt: PAID_AT, reference: 'TWICE' }).expect(200);
    expect(res.body.items.map((l: Line) => l.id)).toEqual([a.id, b.id]);
    expect([res.body.count, res.body.totalFen]).toEqual([2, 2 * FARE_FEN]);
    expect(await paidEntries(a.id)).toHaveLength(1);
  });

  describe('all or none', () => {
    it("pays none when one line is another enterprise's fare: 404 as for a line that does not exist", async () => {
      const own = await fares(2);
      const [foreign] = await fares(1, otherEnterpriseId);
      const res = await payFares({ lineIds: [...ids(own), foreign.id], paidAt: PAID_AT, reference: 'MIXED' }).expect(404);
      expect(res.body.message).toBe(`Disbursement ${foreign.id} not found`);
      expect((await readBack([...own, foreign])).map((l) => l.status)).toEqual(['SCHEDULED', 'SCHEDULED', 'SCHEDULED']);
      expect(await paidEntries(own[0].id)).toEqual([]);
    });

    it('pays none when one line is not a fare of the enterprise or does not exist', async () => {
      const schedule = await enrolled();
      const fare = schedule.find((l) => l.kind === 'WINTER_FARE')!;
      const fund = schedule.find((l) => l.kind === 'EDUCATION_FUND')!;
      const [programmeFare] = await fares(1, null);
      for (const other of [fund.id, programmeFare.id, 999999]) {
        await payFares({ lineIds: [fare.id, other], paidAt: PAID_AT, reference: `NOT-${other}` }).expect(404);
      }
      expect((await readBack([fare]))[0].status).toBe('SCHEDULED');
    });

    it('pays none when one line is already paid: 409 ALREADY_PAID', async () => {
      const [paid, unpaid] = await fares(2);
      await payOne(paid.id, 'one-at-a-time', { paidAt: PAID_AT, reference: 'EARLIER' }).expect(200);
      const res = await payFares({ lineIds: [paid.id, unpaid.id], paidAt: PAID_AT, reference: 'LATER' }).expect(409);
      expect(res.body.code).toBe('ALREADY_PAID');
      expect((await readBack([paid, unpaid])).map((l) => [l.status, l.reference])).toEqual([
        ['PAID', 'EARLIER'],
        ['SCHEDULED', null],
      ]);
    });
  });

  describe('sent again', () => {
    it('answers the same request without a header with the same payments, changing nothing', async () => {
      const lines = await fares(2);
      const body = { lineIds: ids(lines), paidAt: PAID_AT, reference: 'NO-HEADER' };
      const first = await payFares(body).expect(200);
      const again = await payFares(body).expect(200);
      expect(again.body).toEqual(first.body);
      // The same request written another way: lines in another order, one twice, the instant in Beijing time.
      const rewritten = { lineIds: [...ids(lines).reverse(), lines[0].id], paidAt: '2019-12-20T16:30:00+08:00', reference: 'NO-HEADER' };
      expect((await payFares(rewritten).expect(200)).body).toEqual(first.body);
      for (const line of lines) {
        const entries = await paidEntries(line.id);
        expect(entries).toHaveLength(1);
        expect(entries[0].after.idempotencyKey).toMatch(/^fares-[0-9a-f]{64}$/);
      }
    });

    it('answers the same request with its Idempotency-Key with the same payments; the key with another body is 422', async () => {
      const lines = await fares(2);
      const body = { lineIds: ids(lines), paidAt: PAID_AT, reference: 'WITH-HEADER' };
      const first = await payFares(body, { key: 'transfer-2019-12-20' }).expect(200);
      expect((await payFares(body, { key: 'transfer-2019-12-20' }).expect(200)).body).toEqual(first.body);
      const reused = await payFares({ ...body, reference: 'OTHER' }, { key: 'transfer-2019-12-20' }).expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      for (const line of lines) expect((await paidEntries(line.id)).map((e) => e.after.idempotencyKey)).toEqual(['transfer-2019-12-20']);
    });

    it('refuses the same lines with another paidAt or reference, or under another key, with 409 ALREADY_PAID', async () => {
      const lines = await fares(2);
      const body = { lineIds: ids(lines), paidAt: PAID_AT, reference: 'FIRST' };
      await payFares(body).expect(200);
      for (const [other, key] of [
        [{ ...body, reference: 'SECOND' }, undefined],
        [{ ...body, paidAt: '2019-12-21T08:30:00Z' }, undefined],
        [body, 'a-key-of-its-own'],
      ] as const) {
        expect((await payFares(other, { key }).expect(409)).body.code).toBe('ALREADY_PAID');
      }
      expect((await readBack(lines)).map((l) => [l.reference, l.paidAt])).toEqual(Array(2).fill(['FIRST', '2019-12-20T08:30:00.000Z']));
    });
  });

  describe('a bad request pays nothing', () => {
    it('refuses an empty list and more than 500 ids with 400 naming lineIds', async () => {
      const [line] = await fares(1);
      for (const lineIds of [[], Array.from({ length: 501 }, (_, i) => line.id + i), [line.id, 0], [line.id, 1.5], ['1'], 'x', null]) {
        const res = await payFares({ lineIds, paidAt: PAID_AT, reference: 'BAD' }).expect(400);
        expect(fieldsOf(res.body)).toEqual(['lineIds']);
      }
      expect(fieldsOf((await payFares({ paidAt: PAID_AT, reference: 'BAD' }).expect(400)).body)).toEqual(['lineIds']);
      expect((await readBack([line]))[0].status).toBe('SCHEDULED');
    });

    it('names each bad or unknown field of the body, and a bad Idempotency-Key', async () => {
      const [line] = await fares(1);
      const bad = await payFares({ lineIds: [line.id], paidAt: '2019-12-20', reference: '', note: 'x' }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['note', 'paidAt', 'reference']);
      const key = await payFares({ lineIds: [line.id], paidAt: PAID_AT, reference: 'R' }, { key: 'x'.repeat(129) }).expect(400);
      expect(fieldsOf(key.body)).toEqual(['Idempotency-Key']);
      expect((await readBack([line]))[0].status).toBe('SCHEDULED');
    });

    it('refuses paidAt in the future with 400 naming paidAt', async () => {
      const [line] = await fares(1);
      const tomorrow = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
      const res = await payFares({ lineIds: [line.id], paidAt: tomorrow, reference: 'FUTURE' }).expect(400);
      expect(fieldsOf(res.body)).toEqual(['paidAt']);
      expect((await readBack([line]))[0].status).toBe('SCHEDULED');
    });
  });

  describe('at the same moment', () => {
    it('leaves each line paid once when two requests over overlapping lines race', async () => {
      const [a, b, c, d] = await fares(4);
      const [first, second] = await Promise.all([
        payFares({ lineIds: [a.id, b.id, c.id], paidAt: PAID_AT, reference: 'RACE-A' }),
        payFares({ lineIds: [b.id, c.id, d.id], paidAt: PAID_AT, reference: 'RACE-B' }),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const winner = first.status === 200 ? 'RACE-A' : 'RACE-B';
      expect([first, second].find((r) => r.status === 409)!.body.code).toBe('ALREADY_PAID');
      const read = await readBack([a, b, c, d]);
      expect(read.map((l) => l.reference)).toEqual(
        winner === 'RACE-A' ? ['RACE-A', 'RACE-A', 'RACE-A', null] : [null, 'RACE-B', 'RACE-B', 'RACE-B'],
      );
      for (const line of [b, c]) expect(await paidEntries(line.id)).toHaveLength(1);
    });

    it('answers the same request sent twice at once with the same payments, each line paid once', async () => {
      const lines = await fares(3);
      const body = { lineIds: ids(lines), paidAt: PAID_AT, reference: 'DOUBLE-CLICK' };
      const [first, second] = await Promise.all([payFares(body), payFares(body)]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.body).toEqual(first.body);
      for (const line of lines) expect(await paidEntries(line.id)).toHaveLength(1);
    });
  });

  it('is for enterprises only: 403 to admin, staff and a student, 401 without a token', async () => {
    const [line] = await fares(1);
    const body = { lineIds: [line.id], paidAt: PAID_AT, reference: 'WHO' };
    const student = await signInAs(t, 'student', { studentId: line.studentId });
    for (const token of [admin, staff, student]) await payFares(body, { token }).expect(403);
    await t.http().post('/api/enterprise/fares/pay').send(body).expect(401);
    expect((await readBack([line]))[0].status).toBe('SCHEDULED');
  });

  it('is documented in OpenAPI with its optional Idempotency-Key and its answer', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const operation = doc.paths['/api/enterprise/fares/pay'].post;
    expect(operation.parameters).toEqual([expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: false })]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    expect(Object.keys(doc.components.schemas.PayFaresDto.properties).sort()).toEqual(['lineIds', 'paidAt', 'reference']);
    expect(Object.keys(doc.components.schemas.PayFaresResponseDto.properties).sort()).toEqual(['count', 'items', 'totalFen']);
  });
});
