import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page';
import { MAX_ID } from '../../common/validation/id-param.dto';

export class QuotaQueryDto extends PageQueryDto {
  /** Only this enterprise's quotas. An enterprise account always gets only its own. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  enterpriseId?: number;
}
