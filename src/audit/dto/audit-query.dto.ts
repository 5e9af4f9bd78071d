import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_ID } from '../../common/validation/id-param.dto';
import { PageQueryDto } from '../../common/pagination/page';

export class AuditQueryDto extends PageQueryDto {
  /** e.g. student, program, cohort, major, enterprise, quota, user */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  entityType?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  entityId?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  actorId?: number;
}
