// The data a template sees, built from plain records. Every key is always present (null when absent),
// because templates are compiled strictly: a missing key is an error, never a blank in a contract.
import { maskNationalId } from '../../students/rules/national-id';
import type { AgreementKind } from '../agreement-kind';
import { formatYuan } from './chinese-money';

export interface ContextInput {
  kind: AgreementKind;
  version: number;
  /** The business date the agreement is issued, YYYY-MM-DD. */
  issuedOn: string;
  verificationCode: string;
  student: {
    fullName: string;
    nationalId: string;
    gender: 'MALE' | 'FEMALE';
    birthDate: string;
    phone: string;
    homeProvince: string;
    homeCounty: string;
    guardianName: string | null;
    guardianPhone: string | null;
  };
  program: {
    code: string;
    name: string;
    funder: 'ENTERPRISE' | 'GOVERNMENT';
    studyYears: number;
    educationFundFen: number;
    livingAllowanceFen: number;
    winterFareFen: number;
    educationFundInstallments: number;
    livingAllowanceInstallments: number;
  };
  cohort: { name: string; intakeYear: number; startDate: string };
  major: { code: string; name: string; institution: string };
  enterprise: { name: string; creditCode: string; contactName: string; contactPhone: string } | null;
  schedule: {
    kind: 'EDUCATION_FUND' | 'LIVING_ALLOWANCE' | 'WINTER_FARE';
    studyYear: number;
    installment: number;
    dueDate: string;
    amountFen: number;
    payer: 'PROGRAM' | 'ENTERPRISE';
    payerName: string | null;
    status: string;
  }[];
  internship: {
    enterpriseName: string;
    enterpriseCreditCode: string;
    position: string | null;
    startDate: string;
    supervisorName: string | null;
    monthlySalaryFen: number | null;
  } | null;
}

const KIND_LABELS = {
  EDUCATION_FUND: '教育资助金 Education fund',
  LIVING_ALLOWANCE: '生活补助 Living allowance',
  WINTER_FARE: '寒假路费 Winter fare',
};
const STATUS_LABELS: Record<string, string> = {
  SCHEDULED: '待发放 Scheduled',
  APPROVED: '已审批 Approved',
  PAID: '已发放 Paid',
  SUSPENDED: '暂停 Held',
  CANCELLED: '已取消 Cancelled',
};
const FUNDERS = { ENTERPRISE: ['合作企业', 'the partner enterprise'], GOVERNMENT: ['政府专项资金', 'government funds'] } as const;

export function buildAgreementContext(input: ContextInput) {
  const { program, student, cohort, enterprise, internship } = input;
  const yearlyFen = program.educationFundFen + program.livingAllowanceFen;
  const start = new Date(`${cohort.startDate}T00:00:00Z`);
  start.setUTCFullYear(start.getUTCFullYear() + program.studyYears);
  start.setUTCDate(start.getUTCDate() - 1);
  return {
    agreement: { kind: input.kind, version: input.version, date: input.issuedOn, verificationCode: input.verificationCode },
    program: {
      ...program,
      funderLabel: FUNDERS[program.funder][0],
      funderLabelEn: FUNDERS[program.funder][1],
      yearlyFen,
      totalFen: yearlyFen * program.studyYears,
    },
    cohort: { ...cohort, endDate: start.toISOString().slice(0, 10) },
    student: {
      fullName: student.fullName,
      nationalIdMasked: maskNationalId(student.nationalId),
      gender: student.gender === 'MALE' ? '男' : '女',
      birthDate: student.birthDate,
      phone: student.phone,
      homeProvince: student.homeProvince,
      homeCounty: student.homeCounty,
      guardianName: student.guardianName,
      guardianPhone: student.guardianPhone ?? '',
    },
    major: input.major,
    enterprise,
    farePayer: enterprise ? enterprise.name : FUNDERS[program.funder][0],
    farePayerEn: enterprise ? 'Party B, the enterprise' : FUNDERS[program.funder][1],
    schedule: input.schedule.map((line) => ({
      studyYear: line.studyYear,
      kindLabel: KIND_LABELS[line.kind],
      installment: line.installment,
      dueDate: line.dueDate,
      amountFen: line.amountFen,
      payerLabel: line.payer === 'ENTERPRISE' ? (line.payerName ?? '企业 Enterprise') : '项目 Programme',
      statusLabel: STATUS_LABELS[line.status] ?? line.status,
    })),
    totals: { allFen: input.schedule.reduce((sum, line) => sum + line.amountFen, 0) },
    placement: internship && {
      ...internship,
      position: internship.position ?? '（待定 to be set）',
      supervisorName: internship.supervisorName ?? '（待定 to be set）',
      monthlyPay: internship.monthlySalaryFen === null ? '按乙方规定 as Party B sets' : formatYuan(internship.monthlySalaryFen),
    },
    internship: internship && { enterpriseName: internship.enterpriseName, position: internship.position ?? '—' },
    recipient: internship?.enterpriseName ?? enterprise?.name ?? '用人单位 Employer',
  };
}
