import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page';

export class EnterpriseQueryDto extends PageQueryDto {
  /** Part of the name (case-insensitive) or of the credit code. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
