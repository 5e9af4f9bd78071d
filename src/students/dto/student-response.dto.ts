import { ApiProperty } from '@nestjs/swagger';
import type { StudentBankAccountEntity } from '../../bank-accounts/student-bank-account.entity';
import { Gender, maskNationalId } from '../rules/national-id';
import { STUDENT_STATUSES, StudentStatus } from '../rules/student-status';
import { StudentEntity } from '../student.entity';

/** The account stipends are transferred to, as everyone but the bank file sees it: the number masked. */
export class StudentBankAccountResponseDto {
  /** 开户行 */
  bankName!: string;
  /** 户名: the student's or the guardian's name. */
  accountName!: string;
  /** `6228 **** **** 0001`: the first and last four digits. The whole number is never answered. */
  accountNumberMasked!: string;
  /** ISO-8601 UTC */
  updatedAt!: string;
}

/** What a response shows of a stored account: never its cipher text. */
export type ShownBankAccount = Pick<StudentBankAccountEntity, 'bankName' | 'accountName' | 'accountNumberMasked' | 'updatedAt'>;

export class StudentResponseDto {
  id!: number;
  cohortId!: number;
  fullName!: string;
  /** 520524********1234: first 6 and last 4 kept. */
  nationalIdMasked!: string;
  /** Only in GET /api/students/:id answered to admin or staff. */
  nationalId?: string;
  @ApiProperty({ enum: ['MALE', 'FEMALE'] })
  gender!: Gender;
  /** YYYY-MM-DD, read from the national ID. */
  birthDate!: string;
  phone!: string;
  homeProvince!: string;
  homeCounty!: string;
  povertyRegistered!: boolean;
  examScore!: number;
  /** Major codes, most wanted first. */
  majorPreferences!: string[];
  intendedEnterpriseId!: number | null;
  guardianName!: string | null;
  guardianPhone!: string | null;
  /** YYYY-MM-DD the student applied: the day the first status, APPLIED, took effect. */
  applicationDate!: string;
  /** The assigned major; null before assignment. */
  majorCode!: string | null;
  @ApiProperty({ enum: STUDENT_STATUSES })
  status!: StudentStatus;
  statusReason!: string | null;
  /** YYYY-MM-DD the current status took effect. */
  statusEffectiveDate!: string;
  /** Whether the programme's eligibility rules were met at intake; staff decide either way. */
  eligible!: boolean;
  ineligibleReasons!: string[];
  /** ISO-8601 UTC */
  createdAt!: string;
  /** ISO-8601 UTC */
  updatedAt!: string;
  /** Set by PUT /api/students/:id/bank-account or an import; null when none was given. */
  bankAccount!: StudentBankAccountResponseDto | null;
}

export class StudentPageDto {
  items!: StudentResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export interface StudentResponseOptions {
  includeNationalId: boolean;
  /** The student's account, read with the record by the caller. */
  bankAccount: ShownBankAccount | null;
}

export function toStudentResponse(student: StudentEntity, options: StudentResponseOptions): StudentResponseDto {
  return {
    id: student.id,
    cohortId: student.cohortId,
    fullName: student.fullName,
    nationalIdMasked: maskNationalId(student.nationalId),
    ...(options.includeNationalId ? { nationalId: student.nationalId } : {}),
    gender: student.gender,
    birthDate: student.birthDate,
    phone: student.phone,
    homeProvince: student.homeProvince,
    homeCounty: student.homeCounty,
    povertyRegistered: student.povertyRegistered,
    examScore: student.examScore,
    majorPreferences: student.majorPreferences,
    intendedEnterpriseId: student.intendedEnterpriseId,
    guardianName: student.guardianName,
    guardianPhone: student.guardianPhone,
    applicationDate: student.applicationDate,
    majorCode: student.majorCode,
    status: student.status,
    statusReason: student.statusReason,
    statusEffectiveDate: student.statusEffectiveDate,
    eligible: student.eligible,
    ineligibleReasons: student.ineligibleReasons,
    createdAt: student.createdAt,
    updatedAt: student.updatedAt,
    bankAccount: options.bankAccount && toBankAccountResponse(options.bankAccount),
  };
}

export const toBankAccountResponse = (account: ShownBankAccount): StudentBankAccountResponseDto => ({
  bankName: account.bankName,
  accountName: account.accountName,
  accountNumberMasked: account.accountNumberMasked,
  updatedAt: account.updatedAt,
});

/** List items and every answer but the staff detail view: the national ID masked only. */
export const toStudentSummary = (student: StudentEntity, bankAccount: ShownBankAccount | null): StudentResponseDto =>
  toStudentResponse(student, { includeNationalId: false, bankAccount });
