import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../students/dto/text';

export class DeclinePlacementDto {
  /** Why the enterprise or the college declined, shown to staff planning the next proposal. */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
