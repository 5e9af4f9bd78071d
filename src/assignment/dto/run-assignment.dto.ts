import { IsBoolean, IsOptional } from 'class-validator';

export class RunAssignmentDto {
  /** Answer what the assignment would do and save nothing. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
