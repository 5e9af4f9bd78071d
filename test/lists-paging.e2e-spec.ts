import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { saveCohortWithMajors } from './factories/reference-data';
import { insertStudents } from './factories/students';
import { bearer, createTestApp, loginAdmin, TestApp } from './utils/test-app';

// Pages in the back half of a list are read from its end in reverse: every page must still hold
// exactly the rows the front-to-back order puts there.
describe('Lists: pages from either end (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let cohortId: number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    cohortId = (await saveCohortWithMajors(t.dataSource)).cohort.id;
    await insertStudents(t.dataSource, cohortId, 7);
  });
  afterAll(() => t.close());

  const get = (url: string) => t.http().get(url).set(bearer(admin)).expect(200);

  async function everyPage(path: string, pageSize: number): Promise<{ ids: number[]; totals: number[] }> {
    const first = await get(`${path}page=1&pageSize=${pageSize}`);
    const pages = Math.ceil(first.body.total / pageSize);
    const ids: number[] = [];
    const totals: number[] = [];
    for (let page = 1; page <= pages + 1; page++) {
      const res = await get(`${path}page=${page}&pageSize=${pageSize}`);
      expect(res.body).toMatchObject({ page, pageSize });
      totals.push(res.body.total);
      ids.push(...res.body.items.map((item: { id: number }) => item.id));
    }
    return { ids, totals };
  }

  it('gives the cohort students page by page in id order, the short last page included', async () => {
    const all = (await get(`/api/cohorts/${cohortId}/students?pageSize=500`)).body.items.map((s: { id: number }) => s.id);
    expect(all).toHaveLength(7);
    expect(all).toEqual([...all].sort((a: number, b: number) => a - b));
    for (const pageSize of [1, 2, 3, 5]) {
      const { ids, totals } = await everyPage(`/api/cohorts/${cohortId}/students?`, pageSize);
      expect(ids).toEqual(all);
      expect(new Set(totals)).toEqual(new Set([7]));
    }
  });

  it('keeps filters on pages read from the end', async () => {
    const res = await get(`/api/cohorts/${cohortId}/students?status=APPLIED&page=3&pageSize=3`);
    expect(res.body).toMatchObject({ total: 7, page: 3 });
    expect(res.body.items).toHaveLength(1);
    expect((await get(`/api/cohorts/${cohortId}/students?status=ENROLLED&page=1&pageSize=3`)).body).toMatchObject({ total: 0, items: [] });
  });

  it('gives the audit newest first on every page', async () => {
    const entries = Array.from({ length: 9 }, (_, i) => ({
      at: '2020-01-01T00:00:00.000Z',
      actorId: null,
      action: 'test.paged',
      entityType: 'paging-test',
      entityId: i,
      before: null,
      after: null,
    }));
    await t.dataSource.getRepository(AuditEntryEntity).insert(entries);
    const { ids, totals } = await everyPage('/api/audit?entityType=paging-test&', 4);
    expect(ids).toHaveLength(9);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(totals)).toEqual(new Set([9]));
  });
});
