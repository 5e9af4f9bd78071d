import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Ids are 32-bit integer columns; a larger number would make PostgreSQL fail instead of answering 400. */
export const MAX_ID = 2147483647;

export class IdParamDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  id!: number;
}
