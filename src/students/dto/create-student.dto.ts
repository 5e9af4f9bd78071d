import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDateField } from '../../common/validation/date-fields';
import { MAX_ID } from '../../common/validation/id-param.dto';
import {
  MAX_EXAM_SCORE,
  MAX_MAJOR_CODE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PREFERENCES,
  MAX_REGION_LENGTH,
  MIN_EXAM_SCORE,
  PHONE_PATTERN,
} from '../rules/applicant-fields';
import { BankAccountDto } from './bank-account.dto';
import { IsNationalId, Trim } from './text';

export class CreateStudentDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_NAME_LENGTH)
  fullName!: string;

  /** 18 characters, GB 11643-1999; a lower-case x is accepted and stored as X. */
  @Trim()
  @IsNationalId()
  nationalId!: string;

  /** Digits, spaces, + and -, 7 to 20 characters. */
  @Trim()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be 7 to 20 digits, spaces, + or -' })
  phone!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REGION_LENGTH)
  homeProvince!: string;

  /** Compared with the programme's eligible counties, e.g. 织金县. */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REGION_LENGTH)
  homeCounty!: string;

  /** Registered as a poverty-alleviation household (建档立卡). */
  @IsBoolean()
  povertyRegistered!: boolean;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(MIN_EXAM_SCORE)
  @Max(MAX_EXAM_SCORE)
  examScore!: number;

  /** Major codes of the cohort, most wanted first; 1 to 10, no repeats. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PREFERENCES)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX_MAJOR_CODE_LENGTH, { each: true })
  majorPreferences!: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  intendedEnterpriseId?: number;

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_NAME_LENGTH)
  guardianName?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'guardianPhone must be 7 to 20 digits, spaces, + or -' })
  guardianPhone?: string;

  /** YYYY-MM-DD the student applied, when the APPLIED status takes effect; today's business date when omitted, never after it. */
  @IsOptional()
  @IsDateField()
  applicationDate?: string;

  /** The account stipends are paid to, in the student's or the guardian's name; also set later by PUT /api/students/:id/bank-account. */
  // Named explicitly: without it the OpenAPI schema says only "object", not which one.
  @ApiPropertyOptional({ type: () => BankAccountDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto;
}
