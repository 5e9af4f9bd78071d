import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Funder, FUNDERS } from '../program.entity';

/** A year's amount above 1,000,000 CNY is surely a typo, and keeps far inside the 32-bit column. */
export const MAX_AMOUNT_FEN = 100000000;

export const CODE_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Every field is optional; defaults 500000, 500000, 150000 fen and 1, 1 installments. */
export class CreateProgramPolicyDto {
  /** Integer fen per study year. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_FEN)
  educationFundFen?: number;

  /** Integer fen per study year. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_FEN)
  livingAllowanceFen?: number;

  /** Integer fen per winter, paid by the intended enterprise. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_FEN)
  winterFareFen?: number;

  /** Lines a year's education fund is split into, 1 to 12. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  educationFundInstallments?: number;

  /** Lines a year's living allowance is split into, 1 to 12. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  livingAllowanceInstallments?: number;
}

/** Defaults: homeCounties [] (any county) and requirePovertyRegistration true. */
export class CreateProgramEligibilityDto {
  /** Counties applicants must come from, e.g. 织金县; empty admits any county. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(/\S/, { each: true, message: 'homeCounties must not contain blank names' })
  @MaxLength(32, { each: true })
  homeCounties?: string[];

  @IsOptional()
  @IsBoolean()
  requirePovertyRegistration?: boolean;
}

/**
 * A programme and its funding terms. Left out: studyYears 3, policy 500000/500000/150000 fen with 1 and 1
 * installments, eligibility any county with poverty registration required.
 */
export class CreateProgramDto {
  /** 1 to 32 letters, digits, _ or -; unique. */
  @IsString()
  @MaxLength(32)
  @Matches(CODE_PATTERN, { message: 'code must be 1 to 32 letters, digits, underscores or hyphens' })
  code!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsIn(FUNDERS)
  funder!: Funder;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  studyYears?: number;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreateProgramPolicyDto)
  policy?: CreateProgramPolicyDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreateProgramEligibilityDto)
  eligibility?: CreateProgramEligibilityDto;
}
