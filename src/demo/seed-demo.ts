import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { toAuth } from '../auth/auth.service';
import { toTokenPayload } from '../auth/token';
import { UserEntity } from '../auth/user.entity';
import { ProgramEntity } from '../programs/program.entity';
import { StudentEntity } from '../students/student.entity';
import { DEMO_CALENDAR, DEMO_COUNTIES, DEMO_ENTERPRISES, DEMO_MAJORS, demoApplicants, demoCreditCode } from './demo-data';

export const DEMO_PROGRAM_CODE = 'YG2019';

export const DEMO_LOGINS = [
  { role: 'staff', username: 'demo.staff', password: 'demo-staff-2019' },
  { role: 'enterprise', username: 'demo.hr', password: 'demo-hr-2019!' },
  { role: 'student', username: 'demo.student', password: 'demo-student-2019' },
] as const;

/**
 * Seeds the demo through the HTTP API itself, as the first admin, so every rule, audit entry and
 * validation applies to the demo data as to real data. Does nothing when the demo is already there.
 */
export async function seedDemo(app: NestFastifyApplication): Promise<boolean> {
  const dataSource = app.get(DataSource);
  if (await dataSource.getRepository(ProgramEntity).existsBy({ code: DEMO_PROGRAM_CODE })) return false;
  const admin = await dataSource.getRepository(UserEntity).findOneByOrFail({ role: 'admin' });
  const token = await app.get(JwtService).signAsync(toTokenPayload(toAuth(admin), { tokenVersion: admin.tokenVersion }));
  const call = async <T = { id: number }>(method: 'POST' | 'PUT', url: string, payload: object): Promise<T> => {
    const res = await app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode >= 300) throw new Error(`Demo seed: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json<T>();
  };
  const log = new Logger('Demo');

  const program = await call('POST', '/api/programs', {
    code: DEMO_PROGRAM_CODE,
    name: '云贵班 Yunnan–Guizhou Class',
    funder: 'ENTERPRISE',
    studyYears: 3,
    eligibility: { homeCounties: DEMO_COUNTIES.map((c) => c.county), requirePovertyRegistration: true },
  });
  const cohort = await call('POST', '/api/cohorts', {
    programId: program.id,
    name: '2019级云贵班',
    intakeYear: 2019,
    startDate: '2019-09-01',
  });
  for (const major of DEMO_MAJORS) await call('POST', `/api/cohorts/${cohort.id}/majors`, major);

  const enterpriseIds: number[] = [];
  for (const [i, enterprise] of DEMO_ENTERPRISES.entries()) {
    const { seats, ...body } = enterprise;
    const created = await call('POST', '/api/enterprises', { ...body, creditCode: demoCreditCode(i + 1) });
    enterpriseIds.push(created.id);
    for (const [majorCode, count] of Object.entries(seats)) {
      await call('POST', `/api/cohorts/${cohort.id}/quotas`, { enterpriseId: created.id, majorCode, seats: count });
    }
  }

  const studentIds: number[] = [];
  for (const { intendedEnterprise, ...applicant } of demoApplicants()) {
    const student = await call<{ id: number; eligible: boolean }>('POST', `/api/cohorts/${cohort.id}/students`, {
      ...applicant,
      intendedEnterpriseId: enterpriseIds[intendedEnterprise],
    });
    studentIds.push(student.id);
    // Eligible applicants are admitted; the few who are not stay APPLIED, for staff to decide.
    if (student.eligible) {
      await call('POST', `/api/students/${student.id}/status`, {
        status: 'ADMITTED',
        reason: '符合招生条件 meets the criteria',
        effectiveDate: DEMO_CALENDAR.admitted,
      });
    }
  }
  // Arrival day: majors by score and preference, then enrolment with every stipend schedule.
  await call('POST', `/api/cohorts/${cohort.id}/major-assignment`, {});
  const enrolment = await call<{ enrolled: number }>('POST', `/api/cohorts/${cohort.id}/enrol`, { effectiveDate: DEMO_CALENDAR.enrolled });
  // The first school year was paid before the system was used, by the programme and, for the winter fare, by
  // the enterprises. Later lines stand as the system holds them: due, waiting for staff to approve and pay.
  for (const payer of ['PROGRAM', 'ENTERPRISE']) {
    await call('POST', `/api/cohorts/${cohort.id}/disbursements/record-history`, {
      paidBefore: DEMO_CALENDAR.historyBefore,
      reference: payer === 'PROGRAM' ? '2019-2020学年 银行代发 (系统启用前)' : '2020年寒假车费 企业转账 (系统启用前)',
      payer,
    });
  }
  // Third-year internships, proposed by the placement rules for the enterprises to confirm.
  await call('POST', `/api/cohorts/${cohort.id}/internships/propose`, { startDate: DEMO_CALENDAR.internshipStart });

  // The government-funded 2020 "Changxing Class": free study, a final-year internship, a job after.
  const changxing = await call('POST', '/api/programs', {
    code: 'CX2020',
    name: '长兴班 Changxing Class',
    funder: 'GOVERNMENT',
    studyYears: 3,
    policy: {
      educationFundFen: 500000,
      livingAllowanceFen: 300000,
      winterFareFen: 150000,
      educationFundInstallments: 2,
      livingAllowanceInstallments: 10,
    },
    eligibility: { homeCounties: DEMO_COUNTIES.map((c) => c.county), requirePovertyRegistration: true },
  });
  await call('POST', '/api/cohorts', { programId: changxing.id, name: '2020级长兴班', intakeYear: 2020, startDate: '2020-09-01' });

  const [staff, hr, student] = DEMO_LOGINS;
  await call('POST', '/api/users', { username: staff.username, password: staff.password, role: 'staff' });
  await call('POST', '/api/users', { username: hr.username, password: hr.password, role: 'enterprise', enterpriseId: enterpriseIds[0] });
  // The demo student is one who made it to enrolment, so the stipend schedule has something to show.
  const enrolled = await dataSource
    .getRepository(StudentEntity)
    .findOneOrFail({ where: { cohortId: cohort.id, status: 'ENROLLED' }, order: { id: 'ASC' } });
  await call('POST', '/api/users', { username: student.username, password: student.password, role: 'student', studentId: enrolled.id });
  log.log(
    `Seeded ${studentIds.length} applicants (${enrolment.enrolled} enrolled), ${DEMO_MAJORS.length} majors and ${enterpriseIds.length} enterprises`,
  );
  return true;
}
