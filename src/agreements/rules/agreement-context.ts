// The data a template sees, built from plain records. Every key is always present (null when absent),
// because templates are compiled strictly: a missing key is an error, never a blank in a contract.
import type { AgreementKind } from '../agreement-kind';
import { formatYuan } from './chinese-money';
import { unbreakable } from './chinese-text';

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

const KIND_LABELS = { EDUCATION_FUND: '教育资助金', LIVING_ALLOWANCE: '生活补助', WINTER_FARE: '寒假路费' };
const STATUS_LABELS: Record<string, string> = {
  SCHEDULED: '待发放',
  APPROVED: '已审批',
  PAID: '已发放',
  SUSPENDED: '暂停',
  CANCELLED: '已取消',
};
/** Public money has no party to sign for it: it is named, and paid through the school. */
const GOVERNMENT_FUNDS = '政府专项资金';
/** An enterprise-funded programme whose student has no enterprise yet. */
const ENTERPRISE_TO_BE_DETERMINED = '定向企业（尚未确定）';

/** Who pays a sum, by name: Party B (the enterprise) or the government's funds. */
interface Payer {
  name: string;
  /** For the English line of a bilingual copy. */
  en: string;
}

/**
 * The parties are the same in every kind: 甲方 the school, 乙方 the enterprise, 丙方 the student (with the
 * guardian). Names, dates and amounts are unbreakable so that no line ends inside one.
 */
export function buildAgreementContext(input: ContextInput) {
  const { program, student, cohort, enterprise, internship } = input;
  const yearlyFen = program.educationFundFen + program.livingAllowanceFen;
  const start = new Date(`${cohort.startDate}T00:00:00Z`);
  start.setUTCFullYear(start.getUTCFullYear() + program.studyYears);
  start.setUTCDate(start.getUTCDate() - 1);
  const partyB = enterprise && { ...enterprise, name: unbreakable(enterprise.name) };
  const partyBPayer = (name: string): Payer => ({ name, en: 'Party B' });
  const funder: Payer =
    program.funder === 'GOVERNMENT'
      ? { name: GOVERNMENT_FUNDS, en: 'government funds' }
      : partyBPayer(partyB?.name ?? ENTERPRISE_TO_BE_DETERMINED);
  const farePayer: Payer = partyB ? partyBPayer(partyB.name) : funder;
  const payerOf = (line: ContextInput['schedule'][number]) =>
    line.payer === 'ENTERPRISE' && line.payerName ? unbreakable(line.payerName) : funder.name;
  const otherPayers = [...new Set(input.schedule.map(payerOf))].filter((name) => name !== funder.name && name !== partyB?.name);
  return {
    agreement: { kind: input.kind, version: input.version, date: input.issuedOn, verificationCode: input.verificationCode },
    school: { name: unbreakable(input.major.institution) },
    program: { ...program, yearlyFen, totalFen: yearlyFen * program.studyYears },
    funder,
    farePayer,
    /** Enterprises other than Party B that pay lines of the schedule: each signs the funding agreement too. */
    otherPayers,
    cohort: { ...cohort, endDate: start.toISOString().slice(0, 10) },
    student: {
      fullName: unbreakable(student.fullName),
      nationalId: student.nationalId,
      gender: student.gender === 'MALE' ? '男' : '女',
      birthDate: student.birthDate,
      phone: student.phone,
      homeProvince: student.homeProvince,
      homeCounty: student.homeCounty,
      guardianName: student.guardianName && unbreakable(student.guardianName),
      guardianPhone: student.guardianPhone ?? '',
    },
    major: input.major,
    enterprise: partyB,
    schedule: input.schedule.map((line) => ({
      studyYear: line.studyYear,
      kindLabel: KIND_LABELS[line.kind],
      installment: line.installment,
      dueDate: line.dueDate,
      amountFen: line.amountFen,
      payerName: payerOf(line),
      statusLabel: STATUS_LABELS[line.status] ?? line.status,
    })),
    totals: { allFen: input.schedule.reduce((sum, line) => sum + line.amountFen, 0) },
    placement: internship && {
      ...internship,
      enterpriseName: unbreakable(internship.enterpriseName),
      position: internship.position ?? '（待定）',
      supervisorName: internship.supervisorName ?? '（待定）',
      monthlyPay: internship.monthlySalaryFen === null ? '按乙方薪酬制度' : unbreakable(formatYuan(internship.monthlySalaryFen)),
    },
    /** The employer a recommendation letter is addressed to: the internship enterprise, else Party B. */
    employer: internship ? unbreakable(internship.enterpriseName) : (partyB?.name ?? null),
    internship: internship && { enterpriseName: unbreakable(internship.enterpriseName), position: internship.position ?? '—' },
  };
}
