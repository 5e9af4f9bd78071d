import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page';
import { MAX_ID } from '../../common/validation/id-param.dto';
import { PLACEMENT_STATUSES, PLACEMENT_TYPES, PlacementStatus, PlacementType } from '../placement.entity';

export class PlacementQueryDto extends PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  cohortId?: number;

  @IsOptional()
  @IsIn(PLACEMENT_STATUSES)
  status?: PlacementStatus;

  @IsOptional()
  @IsIn(PLACEMENT_TYPES)
  type?: PlacementType;

  /** Only this enterprise's placements. An enterprise account always gets only its own. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  enterpriseId?: number;
}
