import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page';
import { STUDENT_STATUSES, StudentStatus } from '../rules/student-status';
import type { CohortStudentFilter } from '../students.repository';
import { Trim } from './text';

export const STUDENT_LIST_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type StudentListFormat = (typeof STUDENT_LIST_FORMATS)[number];

export class StudentListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(STUDENT_STATUSES)
  status?: StudentStatus;

  /** Assigned major code. */
  @IsOptional()
  @IsString()
  @MaxLength(16)
  major?: string;

  /** Home county, exactly. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  county?: string;

  /** Part of the name, or the last characters of the national ID when it is only digits and X. */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  q?: string;

  /**
   * `json` (default): one page. `csv` or `xlsx`: a download of the WHOLE filtered list with Chinese headers
   * and masked IDs; page and pageSize are ignored.
   */
  @ApiPropertyOptional({ enum: STUDENT_LIST_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(STUDENT_LIST_FORMATS)
  format: StudentListFormat = 'json';
}

/** The list filters of the query, the same for a page and for a download. */
export const cohortStudentFilterOf = (query: StudentListQueryDto): CohortStudentFilter => ({
  status: query.status,
  majorCode: query.major,
  homeCounty: query.county,
  q: query.q,
});
