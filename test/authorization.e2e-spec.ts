import { Role } from '../src/common/auth/auth-user';
import { saveCohortWithMajors, saveEnterprise } from './factories/reference-data';
import { saveStudent } from './factories/students';
import { listControllerRoutes } from './utils/routes';
import { bearer, createTestApp, loginAdmin, signInAs, TestApp } from './utils/test-app';

const STAFF: Role[] = ['admin', 'staff'];
const ALL: Role[] = ['admin', 'staff', 'enterprise', 'student'];
const PUBLIC = 'public' as const;

/**
 * Who may call what, from API.md. Every route the application serves must be listed here, so a new
 * route cannot ship without a decision about who may call it.
 */
const ACCESS: Record<string, Role[] | typeof PUBLIC> = {
  'POST /api/auth/login': PUBLIC,
  'GET /api/health': PUBLIC,
  'GET /api/agreements/verify/{sha256}': PUBLIC,
  'POST /api/students/{id}/agreements': STAFF,
  'GET /api/students/{id}/agreements': ALL,
  'GET /api/agreements/{id}/pdf': ALL,
  'POST /api/cohorts/{id}/agreements': STAFF,
  'GET /api/cohorts/{id}/agreements/bundle': STAFF,
  'GET /api/jobs/{id}': STAFF,
  'GET /api/auth/me': ALL,
  'POST /api/auth/password': ALL,
  'POST /api/users': STAFF,
  'GET /api/users': ['admin'],
  'PATCH /api/users/{id}': ['admin'],
  'POST /api/cohorts/{id}/student-accounts': STAFF,
  'GET /api/audit': STAFF,
  'POST /api/programs': STAFF,
  'GET /api/programs': STAFF,
  'GET /api/programs/{id}': STAFF,
  'POST /api/cohorts': STAFF,
  'GET /api/cohorts': STAFF,
  'GET /api/cohorts/{id}': STAFF,
  'POST /api/cohorts/{id}/majors': STAFF,
  'GET /api/cohorts/{id}/majors': STAFF,
  'POST /api/enterprises': STAFF,
  'GET /api/enterprises': ['admin', 'staff', 'enterprise'],
  'GET /api/enterprises/{id}': ['admin', 'staff', 'enterprise'],
  'POST /api/cohorts/{id}/quotas': STAFF,
  'GET /api/cohorts/{id}/quotas': ['admin', 'staff', 'enterprise'],
  'POST /api/cohorts/{id}/students': STAFF,
  'GET /api/cohorts/{id}/students': STAFF,
  'POST /api/cohorts/{id}/students/import': STAFF,
  'GET /api/students/{id}': ['admin', 'staff', 'student'],
  'POST /api/students/{id}/status': STAFF,
  'PUT /api/students/{id}/major': STAFF,
  'PUT /api/students/{id}/bank-account': STAFF,
  'GET /api/students/{id}/disbursements': ALL,
  'GET /api/me/disbursements': ['student'],
  'POST /api/disbursements/{id}/approve': STAFF,
  'POST /api/disbursements/{id}/pay': ['admin', 'staff', 'enterprise'],
  'POST /api/enterprise/fares/pay': ['enterprise'],
  'POST /api/payment-batches': STAFF,
  'GET /api/payment-batches': STAFF,
  'GET /api/payment-batches/{id}': STAFF,
  'GET /api/payment-batches/{id}/bank-file': STAFF,
  'POST /api/payment-batches/{id}/return-file': STAFF,
  'POST /api/cohorts/{id}/enrol': STAFF,
  'POST /api/cohorts/{id}/disbursements/approve-due': STAFF,
  'POST /api/cohorts/{id}/disbursements/record-history': ['admin'],
  'GET /api/cohorts/{id}/disbursements/summary': STAFF,
  'POST /api/cohorts/{id}/major-assignment': STAFF,
  'GET /api/enterprises/{id}/students': ['admin', 'staff', 'enterprise'],
  'POST /api/cohorts/{id}/internships/propose': STAFF,
  'POST /api/cohorts/{id}/employment/propose': STAFF,
  'POST /api/placements': STAFF,
  'GET /api/placements': ['admin', 'staff', 'enterprise'],
  'POST /api/placements/{id}/confirm': ['admin', 'staff', 'enterprise'],
  'POST /api/placements/{id}/decline': ['admin', 'staff', 'enterprise'],
  'GET /api/cohorts/{id}/placement-report': STAFF,
  'GET /api/cohorts/{id}/report': STAFF,
};

describe('Authorization of every route (e2e)', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const { cohort } = await saveCohortWithMajors(t.dataSource);
    const enterprise = await saveEnterprise(t.dataSource);
    const student = await saveStudent(t.dataSource, cohort.id);
    tokens.admin = await loginAdmin(t);
    tokens.staff = await signInAs(t, 'staff');
    tokens.enterprise = await signInAs(t, 'enterprise', { enterpriseId: enterprise.id });
    tokens.student = await signInAs(t, 'student', { studentId: student.id });
  });
  afterAll(() => t.close());

  it('has an access rule for every route the application serves, and no rule for a route it does not', () => {
    expect(listControllerRoutes(t.app).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  const request = (route: string, token?: string) => {
    const [method, path] = route.split(' ');
    const req = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch'](path.replace(/\{id\}/g, '1'));
    return token ? req.set(bearer(token)) : req;
  };

  for (const [route, access] of Object.entries(ACCESS)) {
    if (access === PUBLIC) {
      it(`${route} needs no token`, async () => {
        expect([401, 403]).not.toContain((await request(route)).status);
      });
      continue;
    }
    it(`${route} answers 401 without a token and with a bad one`, async () => {
      expect((await request(route)).status).toBe(401);
      expect((await request(route, 'not-a-token')).status).toBe(401);
    });
    for (const role of ALL) {
      const allowed = access.includes(role);
      it(`${route} ${allowed ? 'admits' : 'refuses with 403'} role ${role}`, async () => {
        const res = await request(route, tokens[role]);
        if (allowed) expect([401, 403]).not.toContain(res.status);
        else expect(res.status).toBe(403);
      });
    }
  }
});
