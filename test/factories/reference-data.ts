import { DataSource } from 'typeorm';
import { EnterpriseEntity } from '../../src/enterprises/enterprise.entity';
import { CohortEntity } from '../../src/programs/cohort.entity';
import { MajorEntity } from '../../src/programs/major.entity';
import { ProgramEntity } from '../../src/programs/program.entity';
import { creditCode } from './ids';

// Rows written straight to the database, so student tests do not depend on the reference-data endpoints.
let sequence = 0;
const next = (): number => ++sequence;
const CREATED_AT = '2019-06-01T00:00:00.000Z';

export function saveProgram(dataSource: DataSource, overrides: Partial<ProgramEntity> = {}): Promise<ProgramEntity> {
  return dataSource.getRepository(ProgramEntity).save({
    code: `YG-R${next()}`,
    name: '云贵班 Yunnan–Guizhou Class',
    funder: 'ENTERPRISE',
    studyYears: 3,
    educationFundFen: 500000,
    livingAllowanceFen: 500000,
    winterFareFen: 150000,
    educationFundInstallments: 1,
    livingAllowanceInstallments: 1,
    eligibleHomeCounties: ['织金县'],
    requirePovertyRegistration: true,
    createdAt: CREATED_AT,
    ...overrides,
  });
}

export function saveCohort(dataSource: DataSource, programId: number, overrides: Partial<CohortEntity> = {}): Promise<CohortEntity> {
  return dataSource.getRepository(CohortEntity).save({
    programId,
    name: '2019级云贵班',
    intakeYear: 2019,
    startDate: '2019-09-01',
    createdAt: CREATED_AT,
    ...overrides,
  });
}

export function saveMajor(dataSource: DataSource, cohortId: number, overrides: Partial<MajorEntity> = {}): Promise<MajorEntity> {
  return dataSource.getRepository(MajorEntity).save({
    cohortId,
    code: 'M01',
    name: '机械加工技术 Mechanical processing',
    institution: '长兴县职业技术教育中心',
    capacity: 40,
    assigned: 0,
    cutoffScore: null,
    createdAt: CREATED_AT,
    ...overrides,
  });
}

export function saveEnterprise(dataSource: DataSource, overrides: Partial<EnterpriseEntity> = {}): Promise<EnterpriseEntity> {
  const n = next();
  return dataSource.getRepository(EnterpriseEntity).save({
    name: `长兴示范制造有限公司${n}`,
    // Far from the numbers bodies.ts uses, so both factories can share a database.
    creditCode: creditCode(900000 + n),
    contactName: '王经理',
    contactPhone: '0572-6012345',
    createdAt: CREATED_AT,
    ...overrides,
  });
}

export interface CohortSetup {
  program: ProgramEntity;
  cohort: CohortEntity;
  majors: MajorEntity[];
}

/** A programme, one cohort of it and its majors (M01 and M02 with 40 seats unless given). */
export async function saveCohortWithMajors(
  dataSource: DataSource,
  options: { program?: Partial<ProgramEntity>; majors?: Partial<MajorEntity>[] } = {},
): Promise<CohortSetup> {
  const program = await saveProgram(dataSource, options.program);
  const cohort = await saveCohort(dataSource, program.id);
  const majors: MajorEntity[] = [];
  for (const major of options.majors ?? [{ code: 'M01' }, { code: 'M02', name: '装配钳工 Assembly fitter' }]) {
    majors.push(await saveMajor(dataSource, cohort.id, major));
  }
  return { program, cohort, majors };
}
