import { ApiProperty } from '@nestjs/swagger';
import { Funder, FUNDERS, ProgramEntity } from '../program.entity';

export class ProgramPolicyResponseDto {
  /** Integer fen per study year. */
  educationFundFen!: number;
  /** Integer fen per study year. */
  livingAllowanceFen!: number;
  /** Integer fen per winter. */
  winterFareFen!: number;
  educationFundInstallments!: number;
  livingAllowanceInstallments!: number;
}

export class ProgramEligibilityResponseDto {
  /** Empty means any county. */
  homeCounties!: string[];
  requirePovertyRegistration!: boolean;
}

export class ProgramResponseDto {
  id!: number;
  code!: string;
  name!: string;
  @ApiProperty({ enum: FUNDERS })
  funder!: Funder;
  studyYears!: number;
  policy!: ProgramPolicyResponseDto;
  eligibility!: ProgramEligibilityResponseDto;
  /** ISO-8601 UTC */
  createdAt!: string;
}

export class ProgramPageDto {
  items!: ProgramResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toProgramResponse(program: ProgramEntity): ProgramResponseDto {
  return {
    id: program.id,
    code: program.code,
    name: program.name,
    funder: program.funder,
    studyYears: program.studyYears,
    policy: {
      educationFundFen: program.educationFundFen,
      livingAllowanceFen: program.livingAllowanceFen,
      winterFareFen: program.winterFareFen,
      educationFundInstallments: program.educationFundInstallments,
      livingAllowanceInstallments: program.livingAllowanceInstallments,
    },
    eligibility: {
      homeCounties: program.eligibleHomeCounties,
      requirePovertyRegistration: program.requirePovertyRegistration,
    },
    createdAt: program.createdAt,
  };
}
