import type { AgreementKind } from '../agreement-kind';
import type { ContextInput } from './agreement-context';

/**
 * A made-up student with every part an agreement can print (an enterprise, a schedule, an internship), so
 * that each template is rendered once at start-up: a mistake in one stops the service there, naming the
 * file, instead of failing the first time staff print.
 */
export function sampleAgreementInput(kind: AgreementKind, i = 0): ContextInput {
  return {
    kind,
    version: 1,
    issuedOn: '2019-09-01',
    verificationCode: `K7QM-2XPD-${String(1000 + i).slice(-4)}`,
    student: {
      fullName: ['张小燕', '龙晓明', '王芳', '欧阳晓红'][i % 4],
      nationalId: '52052420040315006X',
      gender: i % 2 ? 'MALE' : 'FEMALE',
      birthDate: '2004-03-15',
      phone: '13800001234',
      homeProvince: '贵州省',
      homeCounty: '织金县',
      guardianName: '张大山',
      guardianPhone: '13900002222',
    },
    program: {
      code: 'YG2019',
      name: '云贵班',
      funder: 'ENTERPRISE',
      studyYears: 3,
      educationFundFen: 500000,
      livingAllowanceFen: 500000,
      winterFareFen: 150000,
      educationFundInstallments: 1,
      livingAllowanceInstallments: 1,
    },
    cohort: { name: '2019级云贵班', intakeYear: 2019, startDate: '2019-09-01' },
    major: { code: 'M01', name: '机械加工技术', institution: '长兴县职业技术教育中心' },
    enterprise: { name: '长兴示范精密机械有限公司', creditCode: '91330522MA2D000017', contactName: '沈国强', contactPhone: '0572-6000101' },
    schedule: [
      {
        kind: 'WINTER_FARE',
        studyYear: 1,
        installment: 1,
        dueDate: '2020-01-10',
        amountFen: 150000,
        payer: 'ENTERPRISE',
        payerName: '黔南精工有限公司',
        status: 'SCHEDULED',
      },
    ],
    internship: {
      enterpriseName: '长兴示范精密机械有限公司',
      enterpriseCreditCode: '91330522MA2D000017',
      position: '数控车工',
      startDate: '2021-07-01',
      supervisorName: '沈国强',
      monthlySalaryFen: 350000,
    },
  };
}
