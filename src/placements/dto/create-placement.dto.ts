import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsDateField } from '../../common/validation/date-fields';
import { MAX_ID } from '../../common/validation/id-param.dto';
import { PLACEMENT_TYPES, PlacementType } from '../placement.entity';

/** One placement chosen by hand: it takes a seat of the enterprise's quota in the student's major. */
export class CreatePlacementDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  studentId!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  enterpriseId!: number;

  /** INTERNSHIP for an ENROLLED student, EMPLOYMENT for a GRADUATED one. */
  @IsIn(PLACEMENT_TYPES)
  type!: PlacementType;

  /** YYYY-MM-DD */
  @IsDateField()
  startDate!: string;
}
