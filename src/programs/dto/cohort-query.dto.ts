import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page';
import { MAX_ID } from '../../common/validation/id-param.dto';

export class CohortQueryDto extends PageQueryDto {
  /** Only the cohorts of this programme. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  programId?: number;
}
