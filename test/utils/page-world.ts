import { UserEntity } from '../../src/auth/user.entity';
import { saveCohortWithMajors, saveEnterprise } from '../factories/reference-data';
import { saveStudent } from '../factories/students';
import { bearer, loginAdmin, TestApp } from './test-app';

export const PASSWORD = 'a-long-test-password';

export interface PageWorld {
  cohortId: number;
  enterpriseId: number;
  /** Enrolled, first education fund paid, suspended from 2020-03-01 for "illness", one agreement. */
  studentA: { id: number; agreementId: number; fullName: string };
  /** Another enrolled student with an agreement of their own. */
  studentB: { id: number; agreementId: number };
  /** Enrolled, with an internship proposed at the enterprise. */
  studentC: { id: number; placementId: number; fullName: string };
  users: { studentA: string; studentB: string; hr: string; staff: string };
}

let worlds = 0;

/** The data every pages spec starts from, made through the API so it passes the same rules. */
export async function buildPageWorld(t: TestApp): Promise<PageWorld> {
  const n = ++worlds;
  const admin = await loginAdmin(t);
  const api = (method: 'post' | 'put', path: string, body: object, headers: Record<string, string> = {}) =>
    t.http()[method](path).set(bearer(admin)).set(headers).send(body);
  const { cohort } = await saveCohortWithMajors(t.dataSource);
  const enterprise = await saveEnterprise(t.dataSource);
  const enrolled = async (fullName: string) => {
    const student = await saveStudent(t.dataSource, cohort.id, {
      fullName,
      status: 'ADMITTED',
      majorCode: 'M01',
      intendedEnterpriseId: enterprise.id,
      statusEffectiveDate: '2019-07-01',
    });
    await api('post', `/api/students/${student.id}/status`, { status: 'ENROLLED', effectiveDate: '2019-09-01' }).expect(200);
    return student;
  };
  const agreement = async (studentId: number) =>
    (await api('post', `/api/students/${studentId}/agreements`, { kind: 'TRIPARTITE' }).expect(201)).body.id as number;

  const a = await enrolled('张小梅');
  const schedule = (await t.http().get(`/api/students/${a.id}/disbursements`).set(bearer(admin)).expect(200)).body.items as {
    id: number;
    kind: string;
  }[];
  const fund = schedule.find((l) => l.kind === 'EDUCATION_FUND')!;
  await api('post', `/api/disbursements/${fund.id}/approve`, {}).expect(200);
  await api(
    'post',
    `/api/disbursements/${fund.id}/pay`,
    { paidAt: '2019-09-02T08:30:00Z', reference: 'ICBC 0001' },
    { 'Idempotency-Key': `world-${n}` },
  ).expect(200);
  await api('post', `/api/students/${a.id}/status`, { status: 'SUSPENDED', reason: 'illness', effectiveDate: '2020-03-01' }).expect(200);
  const b = await enrolled('李四');
  const c = await enrolled('王芳');
  await api('post', `/api/cohorts/${cohort.id}/quotas`, { enterpriseId: enterprise.id, majorCode: 'M01', seats: 5 }).expect(201);
  const placement = await api('post', '/api/placements', {
    studentId: c.id,
    enterpriseId: enterprise.id,
    type: 'INTERNSHIP',
    startDate: '2021-07-01',
  }).expect(201);

  const users = { studentA: `stu-a-${n}`, studentB: `stu-b-${n}`, hr: `hr-${n}`, staff: `staff-${n}` };
  const account = (username: string, role: string, binding: object = {}) =>
    api('post', '/api/users', { username, password: PASSWORD, role, ...binding }).expect(201);
  await account(users.studentA, 'student', { studentId: a.id });
  await account(users.studentB, 'student', { studentId: b.id });
  await account(users.hr, 'enterprise', { enterpriseId: enterprise.id });
  await account(users.staff, 'staff');
  return {
    cohortId: cohort.id,
    enterpriseId: enterprise.id,
    studentA: { id: a.id, agreementId: await agreement(a.id), fullName: a.fullName },
    studentB: { id: b.id, agreementId: await agreement(b.id) },
    studentC: { id: c.id, placementId: placement.body.id as number, fullName: c.fullName },
    users,
  };
}

/** What POST /api/cohorts/:id/student-accounts sets on a generated sign-in. */
export const requirePasswordChange = (t: TestApp, username: string) =>
  t.dataSource.getRepository(UserEntity).update({ username }, { mustChangePassword: true });
