import { creditCode, nationalId } from './ids';

let sequence = 0;
const next = (): number => ++sequence;

export const programBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  code: `YG${next()}`,
  name: '云贵班 Yunnan–Guizhou Class',
  funder: 'ENTERPRISE',
  studyYears: 3,
  eligibility: { homeCounties: ['织金县', '昭阳区'], requirePovertyRegistration: true },
  ...overrides,
});

export const cohortBody = (programId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  programId,
  name: '2019级云贵班',
  intakeYear: 2019,
  startDate: '2019-09-01',
  ...overrides,
});

export const majorBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  code: 'M01',
  name: '机械加工技术 Mechanical processing',
  institution: '长兴县职业技术教育中心',
  capacity: 40,
  ...overrides,
});

export const enterpriseBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: `长兴示范制造有限公司${next()}`,
  creditCode: creditCode(next()),
  contactName: '王经理',
  contactPhone: '0572-6012345',
  ...overrides,
});

export const studentBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  fullName: '张小燕',
  nationalId: nationalId(next()),
  phone: '13800001234',
  homeProvince: '贵州省',
  homeCounty: '织金县',
  povertyRegistered: true,
  examScore: 420.5,
  majorPreferences: ['M01'],
  ...overrides,
});
