import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from './text';

/**
 * Moves an ADMITTED, ENROLLED or SUSPENDED student to another major of the cohort, taking a seat there and
 * freeing the old one. Sending the major the student already has is a no-op answered 200 (nothing is audited),
 * so a client can safely repeat the PUT after a lost answer.
 */
export class ChangeMajorDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  majorCode!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  /** Admin only: take a seat even when the major is full. */
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
