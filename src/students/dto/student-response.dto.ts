import { ApiProperty } from '@nestjs/swagger';
import { Gender, maskNationalId } from '../rules/national-id';
import { STUDENT_STATUSES, StudentStatus } from '../rules/student-status';
import { StudentEntity } from '../student.entity';

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
}

export class StudentPageDto {
  items!: StudentResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toStudentResponse(student: StudentEntity, options: { includeNationalId: boolean }): StudentResponseDto {
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
  };
}

/** List items and every answer but the staff detail view: the national ID masked only. */
export const toStudentSummary = (student: StudentEntity): StudentResponseDto => toStudentResponse(student, { includeNationalId: false });
