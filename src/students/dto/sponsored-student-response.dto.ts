import { ApiProperty } from '@nestjs/swagger';
import { Gender, maskNationalId } from '../rules/national-id';
import { STUDENT_STATUSES, StudentStatus } from '../rules/student-status';
import { StudentEntity } from '../student.entity';

/**
 * A student as an enterprise sees them: enough to plan seats and contact them, nothing about
 * poverty registration, guardians, exam scores or eligibility, which are the college's business.
 */
export class SponsoredStudentResponseDto {
  id!: number;
  cohortId!: number;
  fullName!: string;
  /** 520524********1234: first 6 and last 4 kept. */
  nationalIdMasked!: string;
  @ApiProperty({ enum: ['MALE', 'FEMALE'] })
  gender!: Gender;
  phone!: string;
  homeProvince!: string;
  homeCounty!: string;
  majorCode!: string | null;
  @ApiProperty({ enum: STUDENT_STATUSES })
  status!: StudentStatus;
  intendedEnterpriseId!: number | null;
}

export class SponsoredStudentPageDto {
  items!: SponsoredStudentResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toSponsoredStudentResponse(student: StudentEntity): SponsoredStudentResponseDto {
  return {
    id: student.id,
    cohortId: student.cohortId,
    fullName: student.fullName,
    nationalIdMasked: maskNationalId(student.nationalId),
    gender: student.gender,
    phone: student.phone,
    homeProvince: student.homeProvince,
    homeCounty: student.homeCounty,
    majorCode: student.majorCode,
    status: student.status,
    intendedEnterpriseId: student.intendedEnterpriseId,
  };
}
